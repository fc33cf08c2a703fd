package dev.customtasks.loop.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Decides, from the iterations started so far, which to start now and whether the loop is done.
 * Pure: no clock but the instant given, no client.
 *
 * <p>The rules (tektoncd/experimental TaskLoop's reconciler for the first three,
 * {@code pkg/reconciler/tasklooprun/tasklooprun.go}):
 * <ul>
 *   <li>iterations start in order, never more than {@code concurrency} running at once (0: all);</li>
 *   <li>a failed iteration with {@code onFailure: stop} starts no further iteration, and the loop
 *       fails once the running ones have ended (they are not cancelled);</li>
 *   <li>the loop succeeds when every iteration has run and none failed; with
 *       {@code onFailure: continue} it fails at the end if any failed;</li>
 *   <li>with {@code until}, the condition is checked on each iteration that succeeded, in order;
 *       when it holds the loop starts no further iteration and succeeds (unless an iteration
 *       failed); when {@code total} iterations ran and it never held, the loop ends with
 *       {@link LoopEnd.Outcome#MAX_ITERATIONS_REACHED};</li>
 *   <li>with an {@code interval}, iteration n+1 starts no earlier than iteration n's end plus the
 *       interval (its start instant is a wake-up, not a sleep).</li>
 * </ul>
 */
public final class IterationPlanner {

  private IterationPlanner() {
  }

  /**
   * @param shape how the loop runs
   * @param started the iterations started so far, numbered 1..k without gaps (any order)
   * @param until whether the {@code until} condition holds on a succeeded iteration; asked only
   *     when {@code shape.until()}, for iterations in order, at most once each per call
   * @param now the tick's instant
   * @throws IllegalArgumentException when {@code started} has gaps or numbers beyond {@code total}
   */
  public static LoopPlan plan(LoopShape shape, List<Iteration> started, Predicate<Iteration> until, Instant now) {
    List<Iteration> sorted = new ArrayList<>(started);
    sorted.sort(Comparator.comparingInt(Iteration::number));
    for (int i = 0; i < sorted.size(); i++) {
      if (sorted.get(i).number() != i + 1) {
        throw new IllegalArgumentException("iterations must be numbered 1.." + sorted.size() + " without gaps, got "
            + sorted.stream().map(Iteration::number).toList());
      }
    }
    int highest = sorted.size();
    if (highest > shape.total()) {
      throw new IllegalArgumentException(highest + " iterations started, more than the " + shape.total() + " planned");
    }
    int running = 0;
    int completed = 0;
    List<Integer> failed = new ArrayList<>();
    int heldAt = 0;
    for (Iteration iteration : sorted) {
      if (!iteration.isDone()) {
        running++;
        continue;
      }
      completed++;
      if (iteration.isFailed()) {
        failed.add(iteration.number());
      } else if (shape.until() && heldAt == 0 && until.test(iteration)) {
        heldAt = iteration.number();
      }
    }
    boolean stopping = heldAt > 0 || (!failed.isEmpty() && shape.onFailure() == OnFailure.STOP);
    if (stopping || highest == shape.total()) {
      if (running > 0) {
        return new LoopPlan(List.of(), null, null, completed, running);
      }
      return new LoopPlan(List.of(), null, new LoopEnd(outcome(shape, failed, heldAt), highest, failed, heldAt),
          completed, 0);
    }
    int room = shape.concurrency() == 0 ? Integer.MAX_VALUE : shape.concurrency() - running;
    if (room <= 0) {
      return new LoopPlan(List.of(), null, null, completed, running);
    }
    if (!shape.interval().isZero() && highest > 0) {
      Iteration last = sorted.get(highest - 1);
      Instant ended = last.completedAt() == null ? now : last.completedAt();
      Instant next = ended.plus(shape.interval());
      if (now.isBefore(next)) {
        return new LoopPlan(List.of(), next, null, completed, running);
      }
    }
    List<Integer> start = new ArrayList<>();
    for (int n = highest + 1; n <= shape.total() && start.size() < room; n++) {
      start.add(n);
    }
    return new LoopPlan(start, null, null, completed, running + start.size());
  }

  private static LoopEnd.Outcome outcome(LoopShape shape, List<Integer> failed, int heldAt) {
    if (!failed.isEmpty()) {
      return LoopEnd.Outcome.FAILED;
    }
    if (heldAt > 0) {
      return LoopEnd.Outcome.UNTIL_HELD;
    }
    return shape.until() ? LoopEnd.Outcome.MAX_ITERATIONS_REACHED : LoopEnd.Outcome.SUCCEEDED;
  }
}
