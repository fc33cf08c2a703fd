package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code TaskRun.status}: Tekton's {@code TaskRunStatus}. Tekton always writes {@code podName},
 * even empty, so an empty one is kept.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "podName", "startTime", "completionTime",
    "steps", "retriesStatus", "results", "artifacts", "sidecars", "taskSpec", "provenance", "spanContext"})
public class TaskRunStatus extends RunStatus {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  private String podName;
  private List<Map<String, Object>> steps;
  private List<TaskRunStatus> retriesStatus;
  private List<TaskRunResult> results;
  private List<Map<String, Object>> sidecars;
  private TaskSpec taskSpec;
  private Map<String, Object> provenance;
  private Map<String, String> spanContext;

  @JsonIgnore
  public Optional<TaskRunResult> result(String name) {
    return results == null ? Optional.empty() : results.stream().filter(r -> name.equals(r.getName())).findFirst();
  }

  public String getPodName() {
    return podName;
  }

  public void setPodName(String podName) {
    this.podName = podName;
  }

  public List<Map<String, Object>> getSteps() {
    return steps;
  }

  public void setSteps(List<Map<String, Object>> steps) {
    this.steps = steps;
  }

  public List<TaskRunStatus> getRetriesStatus() {
    return retriesStatus;
  }

  public void setRetriesStatus(List<TaskRunStatus> retriesStatus) {
    this.retriesStatus = retriesStatus;
  }

  public List<TaskRunResult> getResults() {
    return results;
  }

  public void setResults(List<TaskRunResult> results) {
    this.results = results;
  }

  public List<Map<String, Object>> getSidecars() {
    return sidecars;
  }

  public void setSidecars(List<Map<String, Object>> sidecars) {
    this.sidecars = sidecars;
  }

  public TaskSpec getTaskSpec() {
    return taskSpec;
  }

  public void setTaskSpec(TaskSpec taskSpec) {
    this.taskSpec = taskSpec;
  }

  public Map<String, Object> getProvenance() {
    return provenance;
  }

  public void setProvenance(Map<String, Object> provenance) {
    this.provenance = provenance;
  }

  public Map<String, String> getSpanContext() {
    return spanContext;
  }

  public void setSpanContext(Map<String, String> spanContext) {
    this.spanContext = spanContext;
  }
}
