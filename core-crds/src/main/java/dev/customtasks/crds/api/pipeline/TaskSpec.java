package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.List;
import java.util.Map;

/**
 * An ordinary (Pod) Task's definition: Tekton's {@code TaskSpec}. Only params and results are
 * typed; steps, sidecars, volumes and the rest matter to the executor, not to a PipelineRun
 * controller, and are kept as they are.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"params", "displayName", "description", "steps", "volumes", "stepTemplate", "sidecars",
    "workspaces", "results"})
public class TaskSpec extends UnknownFieldsPreserving {

  private List<ParamSpec> params;
  private String displayName;
  private String description;
  private List<Map<String, Object>> steps;
  private List<Map<String, Object>> volumes;
  private Map<String, Object> stepTemplate;
  private List<Map<String, Object>> sidecars;
  private List<Map<String, Object>> workspaces;
  private List<TaskResult> results;

  public List<ParamSpec> getParams() {
    return params;
  }

  public void setParams(List<ParamSpec> params) {
    this.params = params;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public List<Map<String, Object>> getSteps() {
    return steps;
  }

  public void setSteps(List<Map<String, Object>> steps) {
    this.steps = steps;
  }

  public List<Map<String, Object>> getVolumes() {
    return volumes;
  }

  public void setVolumes(List<Map<String, Object>> volumes) {
    this.volumes = volumes;
  }

  public Map<String, Object> getStepTemplate() {
    return stepTemplate;
  }

  public void setStepTemplate(Map<String, Object> stepTemplate) {
    this.stepTemplate = stepTemplate;
  }

  public List<Map<String, Object>> getSidecars() {
    return sidecars;
  }

  public void setSidecars(List<Map<String, Object>> sidecars) {
    this.sidecars = sidecars;
  }

  public List<Map<String, Object>> getWorkspaces() {
    return workspaces;
  }

  public void setWorkspaces(List<Map<String, Object>> workspaces) {
    this.workspaces = workspaces;
  }

  public List<TaskResult> getResults() {
    return results;
  }

  public void setResults(List<TaskResult> results) {
    this.results = results;
  }
}
