package dev.customtasks.cli.timeline;

import dev.customtasks.cli.output.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a PipelineRun's time went: its tasks on one time axis, and the hops between them.
 *
 * @param name the PipelineRun's name
 * @param state its state ({@code Succeeded}, {@code Failed}, {@code Running}, {@code Pending})
 * @param reason its condition's reason; may be empty
 * @param message its condition's message; may be empty
 * @param start the axis's origin: the PipelineRun's start, else its creation
 * @param end the PipelineRun's completion; null while it runs
 * @param now when the timeline was taken: the axis ends here while the run goes on
 * @param tasks one row per task of {@code spec.tasks}, in the pipeline's order
 * @param finallyTasks one row per task of {@code spec.finally}
 * @param hops every dependency edge's hop, nested PipelineRuns' too, in the order the runs were created
 */
public record Timeline(String name, String state, String reason, String message, Instant start, Instant end, Instant now,
    List<Span> tasks, List<Span> finallyTasks, List<Hop> hops) {

  public Timeline {
    tasks = List.copyOf(tasks);
    finallyTasks = List.copyOf(finallyTasks);
    hops = List.copyOf(hops);
  }

  /** The axis's last instant: completion, else {@code now} (never before {@link #start}). */
  public Instant axisEnd() {
    Instant last = end != null ? end : now;
    for (Span span : all()) {
      if (span.end() != null && span.end().isAfter(last)) {
        last = span.end();
      }
    }
    return last.isBefore(start) ? start : last;
  }

  public Duration duration() {
    return Duration.between(start, axisEnd());
  }

  /** The longest hop of a predecessor that released its task, if there is any. */
  public Optional<Hop> longestHop() {
    return hops.stream().filter(Hop::released).max(Comparator.comparing(Hop::duration));
  }

  /**
   * The hops a reader is shown: those of a releasing predecessor ({@link Hop#released()}) longer
   * than {@code threshold}; when none is, the longest alone, so that the list is never empty while
   * there are hops.
   */
  public List<Hop> shownHops(Duration threshold) {
    List<Hop> over = hops.stream().filter(Hop::released).filter(h -> h.duration().compareTo(threshold) > 0).toList();
    return over.isEmpty() ? longestHop().stream().toList() : over;
  }

  /**
   * The heading of {@link #shownHops(Duration)}, saying what the list holds: {@code Hops over
   * 500ms: 2 of 5 (...)} when some hop is over the threshold, {@code Hops: none of 5 over 500ms;
   * the longest (...)} when none is. Without a colon at the end; empty when there are no hops.
   */
  public String hopsHeading(Duration threshold) {
    long released = hops.stream().filter(Hop::released).count();
    List<Hop> shown = shownHops(threshold);
    if (shown.isEmpty()) {
      return "";
    }
    String over = Durations.elapsed(threshold);
    boolean anyOver = shown.get(0).duration().compareTo(threshold) > 0;
    return (anyOver ? "Hops over " + over + ": " + shown.size() + " of " + released
        : "Hops: none of " + released + " over " + over + "; the longest") + " (predecessor done -> run created)";
  }

  /**
   * Whether the run ended before any task had a run: refused at validation
   * ({@code PipelineValidationFailed}, {@code CouldntGetPipeline}, ...) or cancelled first. A run
   * whose tasks were all skipped did decide something about each, and is not counted here.
   */
  public boolean endedBeforeAnyTask() {
    return end != null && all().stream().allMatch(s -> s.created() == null && s.start() == null
        && !"Skipped".equals(s.state()));
  }

  /** Every row and sub-row, tasks before finally, depth first. */
  public List<Span> all() {
    return java.util.stream.Stream.concat(tasks.stream(), finallyTasks.stream()).flatMap(s -> s.flatten().stream())
        .toList();
  }
}
