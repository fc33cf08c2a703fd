package dev.customtasks.subpipeline;

import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.CustomTaskModule;
import java.util.List;

/** Declares the SubPipeline task to {@code ctk} and the e2e suite (see {@code META-INF/services}). */
public final class SubPipelineModule implements CustomTaskModule {

  /** The SubPipeline CRD, as fabric8's CRD generator writes it into the jar. */
  public static final String CRD = "META-INF/fabric8/subpipelines.customtasks.dev-v1.yml";

  @Override
  public CustomTask<?, ?> task() {
    return new SubPipelineTask();
  }

  @Override
  public String description() {
    return "SubPipeline: run a whole Pipeline as one task of another (taskRef kind Pipeline)";
  }

  @Override
  public List<String> crds() {
    return List.of(CRD);
  }
}
