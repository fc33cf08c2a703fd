package dev.customtasks.pipelinerun.reconciler;

import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.pipelinerun.state.RunMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's three deadlines ({@code timeouts.pipeline}, {@code .tasks}, {@code .finally}) as of
 * its start and its finally start: which has expired, when the next falls, and how long a child
 * started now may run.
 */
record Timeouts(Optional<Instant> pipelineDeadline, Optional<Instant> tasksDeadline, Optional<Instant> finallyDeadline) {

  static Timeouts of(PipelineRun run, Instant start, Instant finallyStart) {
    Duration pipeline = run.pipelineTimeout(PipelineRun.DEFAULT_TIMEOUT);
    Optional<Instant> pipelineDeadline = pipeline.isZero() ? Optional.empty() : Optional.of(start.plus(pipeline));
    Optional<Instant> tasksDeadline = run.tasksTimeout().filter(d -> !d.isZero()).map(start::plus);
    Optional<Instant> finallyDeadline = finallyStart == null ? Optional.empty()
        : run.finallyTimeout().filter(d -> !d.isZero()).map(finallyStart::plus);
    return new Timeouts(pipelineDeadline, tasksDeadline, finallyDeadline);
  }

  /**
   * The first expired timeout. The tasks timeout only counts while the DAG part was still going,
   * i.e. before finally started.
   */
  RunMode.Timeout expired(Instant now, Instant finallyStart, boolean dagDone) {
    if (pipelineDeadline.isPresent() && !now.isBefore(pipelineDeadline.get())) {
      return RunMode.Timeout.PIPELINE;
    }
    if (tasksDeadline.isPresent()) {
      Instant dagEnd = finallyStart != null ? finallyStart : dagDone ? null : now;
      if (dagEnd != null && !dagEnd.isBefore(tasksDeadline.get())) {
        return RunMode.Timeout.TASKS;
      }
    }
    if (finallyDeadline.isPresent() && !now.isBefore(finallyDeadline.get())) {
      return RunMode.Timeout.FINALLY;
    }
    return RunMode.Timeout.NONE;
  }

  Optional<Instant> next(Instant now) {
    return Stream.of(pipelineDeadline, tasksDeadline, finallyDeadline).flatMap(Optional::stream)
        .filter(d -> d.isAfter(now)).min(Instant::compareTo);
  }
}
