package dev.customtasks.crds.api.pipeline;

/**
 * The labels Tekton's PipelineRun controller puts on the runs it creates
 * (pkg/apis/pipeline/register.go), so that a run can be traced to its PipelineRun and task.
 */
public final class TektonLabels {

  public static final String PIPELINE = "tekton.dev/pipeline";
  public static final String PIPELINE_RUN = "tekton.dev/pipelineRun";
  public static final String PIPELINE_RUN_UID = "tekton.dev/pipelineRunUID";
  public static final String PIPELINE_TASK = "tekton.dev/pipelineTask";
  public static final String TASK = "tekton.dev/task";
  public static final String TASK_RUN = "tekton.dev/taskRun";
  public static final String CUSTOM_RUN = "tekton.dev/customRun";
  /** {@link #MEMBER_OF_TASKS} or {@link #MEMBER_OF_FINALLY}. */
  public static final String MEMBER_OF = "tekton.dev/memberOf";
  public static final String MEMBER_OF_TASKS = "tasks";
  public static final String MEMBER_OF_FINALLY = "finally";

  private TektonLabels() {
  }
}
