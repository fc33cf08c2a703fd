package dev.customtasks.wait;

/**
 * The reasons a Wait writes on its run's {@code Succeeded} condition besides the lifecycle's own
 * ({@code Running}, {@code Retrying}, {@code TimedOut}, {@code Cancelled}, ...): Tekton's test wait
 * controller's words ({@code test/custom-task-ctrls/wait-task-beta/pkg/reconciler/reconciler.go}),
 * used by our own {@code Wait} too wherever they mean the same thing.
 */
public final class WaitReasons {

  /** {@code True}: the wait's duration has passed. */
  public static final String DURATION_ELAPSED = "DurationElapsed";
  /** The message that goes with {@link #DURATION_ELAPSED}, as Tekton writes it. */
  public static final String DURATION_ELAPSED_MESSAGE = "The wait duration has elapsed";
  /** {@code False}: Tekton's test kind was given no {@code duration} param, or an empty one. */
  public static final String MISSING_DURATION = "MissingDuration";
  /** {@code False}: a param the wait does not know. */
  public static final String UNEXPECTED_PARAMS = "UnexpectedParams";
  /** {@code False}: the {@code duration} param is not a duration the wait accepts. */
  public static final String INVALID_DURATION = "InvalidDuration";
  /** {@code False}: Tekton's test kind was given a {@code customRef.name}; it has no named objects. */
  public static final String UNEXPECTED_NAME = "UnexpectedName";
  /** {@code False}: Tekton's test kind was given a timeout equal to its duration. */
  public static final String INVALID_TIMEOUT = "InvalidTimeOut";

  private WaitReasons() {
  }
}
