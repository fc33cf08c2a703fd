package dev.customtasks.loop.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * How a loop runs, whatever it iterates over.
 *
 * @param total the number of iterations: the items' count, or {@code maxIterations} for a loop
 *     {@code until} a condition holds (then the most it may run)
 * @param concurrency how many iterations may run at once; 0 for all at once
 * @param onFailure what a failed iteration does to the rest
 * @param interval the wait between one iteration's end and the next one's start (zero for none);
 *     only for sequential loops ({@code concurrency} 1)
 * @param until whether the loop ends when a condition holds on an iteration's results
 */
public record LoopShape(int total, int concurrency, OnFailure onFailure, Duration interval, boolean until) {

  public LoopShape {
    if (total < 0) {
      throw new IllegalArgumentException("total must not be negative, got " + total);
    }
    if (concurrency < 0) {
      throw new IllegalArgumentException("concurrency must not be negative, got " + concurrency);
    }
    Objects.requireNonNull(onFailure, "onFailure");
    interval = interval == null ? Duration.ZERO : interval;
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative, got " + interval);
    }
    if (!interval.isZero() && concurrency != 1) {
      throw new IllegalArgumentException("an interval needs concurrency 1, got " + concurrency);
    }
  }

  /** A sequential loop over {@code total} items that stops on the first failure. */
  public static LoopShape sequential(int total) {
    return new LoopShape(total, 1, OnFailure.STOP, Duration.ZERO, false);
  }
}
