package dev.customtasks.crds.api.pipeline;

/**
 * The reasons of a PipelineRun's {@code Succeeded} condition, as Tekton's
 * {@code PipelineRunReason} constants (pkg/apis/pipeline/v1/pipelinerun_types.go), so that tools
 * written for Tekton read our PipelineRuns the same way.
 */
public final class PipelineRunReason {

  /** Unknown: the PipelineRun was just started. */
  public static final String STARTED = "Started";
  /**
   * Not Tekton's (its typed status cannot hold such a run): a field of the run's own status cannot
   * be read, e.g. a {@code startTime} that is no time, {@code childReferences} that are no list, a
   * {@code Succeeded} status neither True, False nor Unknown. The same reason as a CustomRun's.
   */
  public static final String INVALID_STATUS = "InvalidStatus";
  /** Unknown: the PipelineRun is running. */
  public static final String RUNNING = "Running";
  /** True: every task succeeded. */
  public static final String SUCCEEDED = "Succeeded";
  /** True: tasks succeeded and some were skipped. */
  public static final String COMPLETED = "Completed";
  /** False: a task failed. */
  public static final String FAILED = "Failed";
  /** False: cancelled through {@code spec.status}. */
  public static final String CANCELLED = "Cancelled";
  /** Unknown: {@code spec.status} is {@code PipelineRunPending}. */
  public static final String PENDING = "PipelineRunPending";
  /** False: the pipeline timeout was reached. */
  public static final String TIMED_OUT = "PipelineRunTimeout";
  /** Unknown: a task failed; waiting for running tasks before finally. */
  public static final String STOPPING = "PipelineRunStopping";
  /** Unknown: timed out; finally tasks still running. */
  public static final String TIMED_OUT_RUNNING_FINALLY = "PipelineRunTimeoutRunningFinally";
  /** Unknown: gracefully cancelled; finally tasks still running. */
  public static final String CANCELLED_RUNNING_FINALLY = "CancelledRunningFinally";
  /** Unknown: gracefully stopped; finally tasks still running. */
  public static final String STOPPED_RUNNING_FINALLY = "StoppedRunningFinally";
  public static final String COULDNT_GET_PIPELINE = "CouldntGetPipeline";
  public static final String INVALID_BINDINGS = "InvalidPipelineResourceBindings";
  public static final String INVALID_WORKSPACE_BINDING = "InvalidWorkspaceBindings";
  public static final String INVALID_TASK_RUN_SPEC = "InvalidTaskRunSpecs";
  public static final String PARAMETER_TYPE_MISMATCH = "ParameterTypeMismatch";
  public static final String OBJECT_PARAMETER_MISS_KEYS = "ObjectParameterMissKeys";
  public static final String PARAM_ARRAY_INDEXING_INVALID = "ParamArrayIndexingInvalid";
  public static final String COULDNT_GET_TASK = "CouldntGetTask";
  public static final String PARAMETER_MISSING = "ParameterMissing";
  public static final String FAILED_VALIDATION = "PipelineValidationFailed";
  public static final String COULDNT_GET_PIPELINE_RESULT = "CouldntGetPipelineResult";
  public static final String INVALID_GRAPH = "PipelineInvalidGraph";
  public static final String COULDNT_CANCEL = "PipelineRunCouldntCancel";
  public static final String COULDNT_TIME_OUT = "PipelineRunCouldntTimeOut";
  public static final String INVALID_MATRIX_PARAMETER_TYPES = "InvalidMatrixParameterTypes";
  public static final String INVALID_TASK_RESULT_REFERENCE = "InvalidTaskResultReference";
  public static final String INVALID_PIPELINE_RESULT_REFERENCE = "InvalidPipelineResultReference";
  public static final String REQUIRED_WORKSPACE_MARKED_OPTIONAL = "RequiredWorkspaceMarkedOptional";
  public static final String RESOLVING_PIPELINE_REF = "ResolvingPipelineRef";
  public static final String RESOURCE_VERIFICATION_FAILED = "ResourceVerificationFailed";
  public static final String CREATE_RUN_FAILED = "CreateRunFailed";
  public static final String CEL_EVALUATION_FAILED = "CELEvaluationFailed";
  public static final String INVALID_PARAM_VALUE = "InvalidParamValue";

  private PipelineRunReason() {
  }
}
