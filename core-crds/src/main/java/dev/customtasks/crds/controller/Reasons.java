package dev.customtasks.crds.controller;

/** The reasons a task controller writes on a CustomRun's {@code Succeeded} condition. */
public final class Reasons {

  public static final String RUNNING = "Running";
  /**
   * {@code Succeeded=Unknown} between a failed attempt and the next one's first tick, as Tekton's
   * test wait controller writes it ({@code wait-task-beta/pkg/reconciler/reconciler.go}).
   */
  public static final String RETRYING = "Retrying";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String CANCELLED = "Cancelled";
  public static final String TIMED_OUT = "TimedOut";
  /** A param is missing, unknown, of the wrong shape or has a bad value. */
  public static final String INVALID_PARAMS = "InvalidParams";
  /** The embedded {@code customSpec} or the named object has a bad field. */
  public static final String INVALID_SPEC = "InvalidSpec";
  /** {@code customRef.name} names an object that does not exist. */
  public static final String REFERENCE_NOT_FOUND = "ReferenceNotFound";
  /** {@code spec.timeout} or {@code spec.retries} themselves are malformed. */
  public static final String INVALID_RUN_SPEC = "InvalidRunSpec";
  /**
   * A field of the run's own status cannot be read: a {@code startTime} that is no time, or a
   * {@code Succeeded} condition whose status is neither True, False nor Unknown.
   */
  public static final String INVALID_STATUS = "InvalidStatus";
  /** A result is larger than the limit Tekton would accept. */
  public static final String RESULTS_TOO_LARGE = "ResultsTooLarge";

  private Reasons() {
  }
}
