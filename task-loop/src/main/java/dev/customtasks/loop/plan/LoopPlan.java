package dev.customtasks.loop.plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a loop does now: start some iterations, wait for an instant, wait for running children,
 * or end.
 *
 * @param start the iterations to start now, ascending (empty for none)
 * @param wakeAt when the next iteration may start (an interval is running); null when not waiting
 *     for time
 * @param end how the loop ended; null while it goes on
 * @param completed how many iterations have ended
 * @param running how many iterations are running after this plan's starts
 */
public record LoopPlan(List<Integer> start, Instant wakeAt, LoopEnd end, int completed, int running) {

  public LoopPlan {
    start = List.copyOf(start);
  }

  public Optional<LoopEnd> ended() {
    return Optional.ofNullable(end);
  }

  public Optional<Instant> waitUntil() {
    return Optional.ofNullable(wakeAt);
  }
}
