package dev.customtasks.cli.timeline;

import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which part of a custom task's run was deliberate waiting, from what each task records in its
 * CustomRun's {@code status.extraFields} (read as plain JSON, so no task module's types are needed):
 *
 * <ul>
 *   <li>{@code Wait} keeps {@code deadline} (RFC 3339): it waits from its start to the deadline;
 *       what follows until completion is the controller firing. A {@code Wait} that keeps no
 *       deadline (another controller's, such as Tekton's test {@code wait-task}) waits all along.
 *   <li>{@code Approval} keeps {@code approvalRequest}, and manual-approval-gate's
 *       {@code ApprovalTask} keeps its own fields: the request is open, waiting for people, from
 *       the run's start to its decision.
 *   <li>{@code Lock} keeps {@code arrived} (RFC 3339) and {@code position} (0 when a slot was free):
 *       it waits in line from its arrival to its completion, which is when it got the slot.
 *   <li>{@code Loop} (and the {@code TaskLoop} and {@code PipelineLoop} forms the same controller
 *       answers) runs its iterations one child run each: while none runs, between one iteration's
 *       completion and the next one's creation, it waits out its {@code interval}
 *       ({@code task-loop}'s {@code IterationPlanner}: iteration n+1 starts no earlier than n's end
 *       plus the interval); so it does after its last completed iteration while it goes on. Before
 *       the first iteration and after the last it works (the controller starting and finishing).
 * </ul>
 *
 * Anything else is working.
 */
final class Waiting {

  private Waiting() {
  }

  /**
   * The segments of one attempt of {@code run} from {@code start} to {@code end}.
   *
   * @param kind the custom task's kind ({@code Wait}, {@code Approval}, ...)
   * @param end its completion, or now while it runs
   */
  static List<Segment> of(String kind, CustomRun run, Instant start, Instant end) {
    Map<?, ?> extra = extraFields(run);
    Optional<Segment> waiting = switch (kind) {
      case "Wait" -> Optional.of(new Segment(start, instant(extra.get("deadline")).map(d -> min(d, end)).orElse(end),
          Segment.Phase.WAITING));
      case "Approval", "ApprovalTask" -> Optional.of(new Segment(start, end, Segment.Phase.WAITING));
      case "Lock" -> extra.get("position") instanceof Number position && position.intValue() > 0
          ? instant(extra.get("arrived")).map(a -> new Segment(max(a, start), end, Segment.Phase.WAITING))
          : Optional.empty();
      default -> Optional.empty();
    };
    List<Segment> segments = new ArrayList<>();
    if (waiting.isEmpty() || !waiting.get().end().isAfter(waiting.get().start())) {
      segments.add(new Segment(start, end, Segment.Phase.WORKING));
      return segments;
    }
    Segment wait = waiting.get();
    if (wait.start().isAfter(start)) {
      segments.add(new Segment(start, wait.start(), Segment.Phase.WORKING));
    }
    segments.add(wait);
    if (end.isAfter(wait.end())) {
      segments.add(new Segment(wait.end(), end, Segment.Phase.WORKING));
    }
    return segments;
  }

  /** The kinds the loop controller answers, whose waiting is read from their iterations ({@link #loop}). */
  static final Set<String> LOOP_KINDS = Set.of("Loop", "TaskLoop", "PipelineLoop");

  /**
   * The segments of one attempt of a loop from {@code start} to {@code end}: waiting where no
   * iteration runs between one's completion and a later one's creation, and, while the loop goes
   * on, after the last completion; working otherwise.
   *
   * @param iterations each iteration's run from its creation to its completion (or now while it runs), any order
   * @param done whether the loop has completed (then nothing after the last iteration is waiting)
   */
  static List<Segment> loop(Instant start, Instant end, List<Segment> iterations, boolean done) {
    List<Segment> sorted = iterations.stream().filter(i -> !i.start().isBefore(start))
        .sorted(java.util.Comparator.comparing(Segment::start)).toList();
    List<Segment> waits = new ArrayList<>();
    Instant completed = null;
    for (Segment iteration : sorted) {
      if (completed != null && iteration.start().isAfter(completed)) {
        waits.add(new Segment(completed, min(iteration.start(), end), Segment.Phase.WAITING));
      }
      completed = completed == null || iteration.end().isAfter(completed) ? iteration.end() : completed;
    }
    if (!done && completed != null && end.isAfter(completed)) {
      waits.add(new Segment(completed, end, Segment.Phase.WAITING));
    }
    List<Segment> segments = new ArrayList<>();
    Instant at = start;
    for (Segment wait : waits) {
      if (!wait.end().isAfter(wait.start())) {
        continue;
      }
      if (wait.start().isAfter(at)) {
        segments.add(new Segment(at, wait.start(), Segment.Phase.WORKING));
      }
      segments.add(wait);
      at = wait.end();
    }
    if (end.isAfter(at) || segments.isEmpty()) {
      segments.add(new Segment(at, end, Segment.Phase.WORKING));
    }
    return segments;
  }

  private static Map<?, ?> extraFields(CustomRun run) {
    Object extra = run.getStatus() == null ? null : run.getStatus().getExtraFields();
    if (extra == null) {
      return Map.of();
    }
    return extra instanceof Map<?, ?> map ? map : Serialization.jsonMapper().convertValue(extra, Map.class);
  }

  private static Optional<Instant> instant(Object value) {
    return value instanceof String text ? Timestamps.tryParse(text) : Optional.empty();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
