package dev.customtasks.cli.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One row of a timeline: a pipeline task's run (or, as a sub-row, one combination of a matrix, one
 * iteration of a loop, a nested PipelineRun or one of its tasks).
 *
 * @param path the pipeline tasks from the top down to it, "/"-separated; a sub-row adds its label
 * @param label what the row shows as its name: the task, {@code [2]} for a matrix combination,
 *     {@code #3} for a loop iteration, the pipeline's name for a nested PipelineRun
 * @param depth how deep a sub-row it is (0 for the top PipelineRun's own tasks)
 * @param kind {@code TaskRun}, {@code PipelineRun}, or a custom task's kind ({@code Wait})
 * @param custom whether the run is a CustomRun
 * @param name the run's object name; empty for a task that has no run (skipped, not yet started)
 * @param state {@code Succeeded}, {@code Failed}, {@code Running}, {@code Pending} or {@code Skipped}
 * @param reason the condition's reason, or a skipped task's reason; may be empty
 * @param created when its run was created; null when it has none
 * @param start its first attempt's start; null before it starts
 * @param end its completion; null while it runs
 * @param segments the bar, from {@code start} to {@code end} (or the time the timeline was taken)
 * @param attempts how many times it ran (1 without retries)
 * @param children sub-rows
 */
public record Span(String path, String label, int depth, String kind, boolean custom, String name, String state,
    String reason, Instant created, Instant start, Instant end, List<Segment> segments, int attempts,
    List<Span> children) {

  public Span {
    segments = List.copyOf(segments);
    children = List.copyOf(children);
  }

  /** From start to completion, or to {@code now} while it runs; empty before it starts. */
  public Optional<Duration> duration(Instant now) {
    return Optional.ofNullable(start).map(s -> Duration.between(s, end != null ? end : now));
  }

  /** How long it spent waiting on purpose. */
  public Duration waited() {
    return segments.stream().filter(s -> s.phase() == Segment.Phase.WAITING)
        .map(s -> Duration.between(s.start(), s.end())).reduce(Duration.ZERO, Duration::plus);
  }

  /** This row and every sub-row under it, depth first. */
  public List<Span> flatten() {
    List<Span> all = new java.util.ArrayList<>();
    all.add(this);
    children.forEach(c -> all.addAll(c.flatten()));
    return all;
  }
}
