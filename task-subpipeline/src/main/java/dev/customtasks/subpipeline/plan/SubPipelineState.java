package dev.customtasks.subpipeline.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import java.util.List;

/**
 * What a sub-pipeline run keeps in {@code status.extraFields}: its child, so that a person, a UI
 * or {@code ctk describe} can follow it down.
 *
 * @param pipelineRun the child PipelineRun's name
 * @param pipeline the pipeline it runs (its name, or {@code (embedded)})
 * @param chain the pipelines from the top down to the child
 * @param childReferences the child as Tekton's {@code status.childReferences} lists a run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubPipelineState(String pipelineRun, String pipeline, List<String> chain,
    List<ChildReference> childReferences) {

  /** A child run, as in Tekton's {@code childReferences}. */
  public record ChildReference(String apiVersion, String kind, String name) {
  }

  /** The state of a run whose child is {@code pipelineRun}. */
  public static SubPipelineState of(String pipelineRun, String pipeline, List<String> chain) {
    return new SubPipelineState(pipelineRun, pipeline, chain,
        List.of(new ChildReference(PipelineRun.API_VERSION, PipelineRun.KIND, pipelineRun)));
  }
}
