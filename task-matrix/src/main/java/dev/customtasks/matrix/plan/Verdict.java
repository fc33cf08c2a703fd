package dev.customtasks.matrix.plan;

/** How a matrix stands after a tick. */
public enum Verdict {
  /** Children still to start or to finish. */
  RUNNING,
  /** Every combination's child succeeded. */
  SUCCEEDED,
  /**
   * At least one combination failed: with fail-fast at the first failure (the running children are
   * cancelled, no more start), otherwise once every child is done.
   */
  FAILED
}
