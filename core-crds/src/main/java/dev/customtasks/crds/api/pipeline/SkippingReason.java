package dev.customtasks.crds.api.pipeline;

/**
 * Why a PipelineTask was skipped ({@code status.skippedTasks[].reason}), as Tekton's
 * {@code SkippingReason} constants (pkg/apis/pipeline/v1/pipelinerun_types.go).
 */
public final class SkippingReason {

  public static final String WHEN_EXPRESSIONS = "When Expressions evaluated to false";
  public static final String PARENT_TASKS = "Parent Tasks were skipped";
  public static final String STOPPING = "PipelineRun was stopping";
  public static final String GRACEFULLY_CANCELLED = "PipelineRun was gracefully cancelled";
  public static final String GRACEFULLY_STOPPED = "PipelineRun was gracefully stopped";
  public static final String MISSING_RESULTS = "Results were missing";
  public static final String PIPELINE_TIMED_OUT = "PipelineRun timeout has been reached";
  public static final String TASKS_TIMED_OUT = "PipelineRun Tasks timeout has been reached";
  public static final String FINALLY_TIMED_OUT = "PipelineRun Finally timeout has been reached";
  public static final String EMPTY_ARRAY_IN_MATRIX_PARAMS = "Matrix Parameters have an empty array";
  /** Not skipped; Tekton uses it internally and never writes it. */
  public static final String NONE = "None";

  private SkippingReason() {
  }
}
