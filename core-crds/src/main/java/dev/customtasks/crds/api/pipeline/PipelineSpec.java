package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code Pipeline.spec} (and {@code PipelineRun.spec.pipelineSpec}): Tekton's {@code PipelineSpec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"displayName", "description", "tasks", "params", "workspaces", "results", "finally"})
public class PipelineSpec extends UnknownFieldsPreserving {

  private String displayName;
  private String description;
  private List<PipelineTask> tasks;
  private List<ParamSpec> params;
  private List<Map<String, Object>> workspaces;
  private List<PipelineResult> results;
  private List<PipelineTask> finallyTasks;

  /** The task or finally task of this name. */
  @JsonIgnore
  public Optional<PipelineTask> task(String name) {
    return Stream.concat(stream(tasks), stream(finallyTasks)).filter(t -> name.equals(t.getName())).findFirst();
  }

  private static Stream<PipelineTask> stream(List<PipelineTask> list) {
    return list == null ? Stream.empty() : list.stream();
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

  public List<PipelineTask> getTasks() {
    return tasks;
  }

  public void setTasks(List<PipelineTask> tasks) {
    this.tasks = tasks;
  }

  public List<ParamSpec> getParams() {
    return params;
  }

  public void setParams(List<ParamSpec> params) {
    this.params = params;
  }

  public List<Map<String, Object>> getWorkspaces() {
    return workspaces;
  }

  public void setWorkspaces(List<Map<String, Object>> workspaces) {
    this.workspaces = workspaces;
  }

  public List<PipelineResult> getResults() {
    return results;
  }

  public void setResults(List<PipelineResult> results) {
    this.results = results;
  }

  @JsonProperty("finally")
  public List<PipelineTask> getFinally() {
    return finallyTasks;
  }

  @JsonProperty("finally")
  public void setFinally(List<PipelineTask> finallyTasks) {
    this.finallyTasks = finallyTasks;
  }
}
