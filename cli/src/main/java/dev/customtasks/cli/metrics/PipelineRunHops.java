package dev.customtasks.cli.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hop of a PipelineRun: from one of its children finishing to the next child being created,
 * the time the PipelineRun controller takes to move on. Per PipelineRun it keeps when its latest
 * child finished; a child created after that is one hop from it. No client, no clock of its own:
 * the observer tells it what it saw and when.
 *
 * <p>Which child a new one waited for is not looked up (that needs the pipeline's graph): the
 * latest finish stands for it. That is exact for a chain, and for a fan-in (the last of the
 * branches to finish is the one that released it); children started together after one finish
 * are each one hop from it.
 */
final class PipelineRunHops {

  /** A gap longer than this is not the controller moving on but a PipelineRun left behind: not a hop. */
  static final Duration LONGEST_HOP = Duration.ofHours(1);

  private final Map<String, Instant> latestFinishByPipelineRun = new ConcurrentHashMap<>();

  /** A child of {@code pipelineRun} was seen finishing at {@code at}. */
  void childFinished(String pipelineRun, Instant at) {
    latestFinishByPipelineRun.merge(pipelineRun, at, (before, now) -> now.isAfter(before) ? now : before);
    // Forget PipelineRuns that moved on long ago, so that a process serving for months stays small.
    latestFinishByPipelineRun.values().removeIf(finished -> finished.isBefore(at.minus(LONGEST_HOP)));
  }

  /** A child of {@code pipelineRun} was seen created at {@code at}: the hop, when one of its siblings finished before. */
  Optional<Duration> childCreated(String pipelineRun, Instant at) {
    Instant finished = latestFinishByPipelineRun.get(pipelineRun);
    if (finished == null) {
      return Optional.empty();
    }
    Duration hop = Duration.between(finished, at);
    return hop.isNegative() || hop.compareTo(LONGEST_HOP) > 0 ? Optional.empty() : Optional.of(hop);
  }

  /** Its children are going away: it will have no more hops. */
  void forget(String pipelineRun) {
    latestFinishByPipelineRun.remove(pipelineRun);
  }

  int tracked() {
    return latestFinishByPipelineRun.size();
  }
}
