package dev.customtasks.subpipeline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import java.util.List;
import java.util.Map;

/**
 * What a {@link SubPipeline} runs and how: exactly one of {@code pipelineRef} (a Pipeline in the
 * run's namespace) or {@code pipelineSpec} (an embedded PipelineSpec), plus options for the
 * child PipelineRun. The run's params are the child's params; they are not fields of this spec.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubPipelineSpec(
    @JsonPropertyDescription("The Pipeline to run, by name, in the run's namespace.")
    PipelineName pipelineRef,
    @JsonPropertyDescription("The Pipeline to run, embedded: a Tekton PipelineSpec (tasks, params, results, finally...).")
    @PreserveUnknownFields
    JsonNode pipelineSpec,
    @JsonPropertyDescription("Workspaces of the child pipeline bound to workspaces the run was given; a run's "
        + "workspace not mapped here is passed under its own name.")
    List<WorkspaceMapping> workspaces,
    @JsonPropertyDescription("Labels added to the child PipelineRun (the run's own labels are always passed on).")
    Map<String, String> labels,
    @JsonPropertyDescription("Annotations added to the child PipelineRun.")
    Map<String, String> annotations,
    @JsonPropertyDescription("Whether the run's annotations are passed on to the child PipelineRun; default true.")
    Boolean propagateAnnotations,
    @JsonPropertyDescription("The child PipelineRun's taskRunTemplate: serviceAccountName and podTemplate for its "
        + "TaskRuns; its serviceAccountName wins over the run's.")
    TaskRunTemplate taskRunTemplate) {

  /** A Pipeline by name. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PipelineName(
      @JsonPropertyDescription("The Pipeline's name.")
      String name) {
  }

  /** Binds the child pipeline's workspace {@code name} to the run's workspace {@code workspace}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WorkspaceMapping(
      @JsonPropertyDescription("The workspace the child pipeline declares.")
      String name,
      @JsonPropertyDescription("The workspace binding of the run (spec.workspaces[].name) that provides it.")
      String workspace,
      @JsonPropertyDescription("A sub-path of that workspace; appended to the binding's own subPath.")
      String subPath) {
  }

  /** The child PipelineRun's {@code spec.taskRunTemplate}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TaskRunTemplate(
      @JsonPropertyDescription("The service account of the child's TaskRuns.")
      String serviceAccountName,
      @JsonPropertyDescription("The pod template of the child's TaskRuns.")
      @PreserveUnknownFields
      JsonNode podTemplate) {
  }
}
