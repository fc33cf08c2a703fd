package dev.customtasks.loop.plan;

import java.util.List;

/**
 * How a loop ended.
 *
 * @param outcome what happened
 * @param iterations how many iterations ran
 * @param failed the numbers of the iterations that failed or were cancelled, ascending
 * @param untilHeldAt the iteration after which the {@code until} condition held; 0 when it did not
 */
public record LoopEnd(Outcome outcome, int iterations, List<Integer> failed, int untilHeldAt) {

  /** How a loop ends. */
  public enum Outcome {
    /** Every iteration succeeded. */
    SUCCEEDED,
    /** The {@code until} condition held after an iteration. */
    UNTIL_HELD,
    /** An iteration failed (with {@code onFailure: stop}), or some did (with {@code continue}). */
    FAILED,
    /** {@code maxIterations} ran and the {@code until} condition never held. */
    MAX_ITERATIONS_REACHED;

    public boolean isSuccess() {
      return this == SUCCEEDED || this == UNTIL_HELD;
    }
  }

  public LoopEnd {
    failed = List.copyOf(failed);
  }
}
