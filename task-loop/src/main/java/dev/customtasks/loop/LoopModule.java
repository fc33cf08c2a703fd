package dev.customtasks.loop;

import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.CustomTaskModule;
import java.util.List;

/** Declares the Loop task to {@code ctk} and the e2e suite (see {@code META-INF/services}). */
public final class LoopModule implements CustomTaskModule {

  /** The Loop CRD, as fabric8's CRD generator writes it into the jar. */
  public static final String CRD = "META-INF/fabric8/loops.customtasks.dev-v1.yml";
  /** tektoncd/experimental's TaskLoop CRD, for named TaskLoop objects. */
  public static final String TASK_LOOP_CRD = "META-INF/fabric8/taskloops.custom.tekton.dev-v1.yml";
  /** kfp-tekton's PipelineLoop CRD, for named PipelineLoop objects. */
  public static final String PIPELINE_LOOP_CRD = "META-INF/fabric8/pipelineloops.custom.tekton.dev-v1.yml";

  @Override
  public CustomTask<?, ?> task() {
    return new LoopTask();
  }

  @Override
  public String description() {
    return "Loop: run a task repeatedly, over items, a range, or until a CEL condition holds";
  }

  @Override
  public List<String> crds() {
    return List.of(CRD, TASK_LOOP_CRD, PIPELINE_LOOP_CRD);
  }
}
