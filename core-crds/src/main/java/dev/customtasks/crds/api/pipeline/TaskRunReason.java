package dev.customtasks.crds.api.pipeline;

/**
 * The reasons of a TaskRun's {@code Succeeded} condition that a PipelineRun controller and the
 * test executor write or read, as Tekton's {@code TaskRunReason} constants
 * (pkg/apis/pipeline/v1/taskrun_types.go).
 */
public final class TaskRunReason {

  public static final String STARTED = "Started";
  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String TO_BE_RETRIED = "ToBeRetried";
  public static final String CANCELLED = "TaskRunCancelled";
  public static final String TIMED_OUT = "TaskRunTimeout";
  public static final String PENDING = "TaskRunPending";
  public static final String FAILED_VALIDATION = "TaskRunValidationFailed";
  /**
   * Not Tekton's (its typed status cannot hold such a run): a field of the run's own status cannot
   * be read. The same reason as a CustomRun's and a PipelineRun's.
   */
  public static final String INVALID_STATUS = "InvalidStatus";
  public static final String INVALID_PARAM_VALUE = "InvalidParamValue";
  public static final String FAILURE_IGNORED = "FailureIgnored";
  /** The referenced Task could not be read (pkg/reconciler/taskrun's {@code ReasonCouldntGetTask}). */
  public static final String COULDNT_GET_TASK = "CouldntGetTask";

  private TaskRunReason() {
  }
}
