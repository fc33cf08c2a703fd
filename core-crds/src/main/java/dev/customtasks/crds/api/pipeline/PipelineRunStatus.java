package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.RunStatus;
import dev.customtasks.crds.api.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code PipelineRun.status}: Tekton's {@code PipelineRunStatus}. The runs it created are listed
 * in {@code childReferences} (Tekton's "minimal" embedded status); their own status lives in them.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "startTime", "completionTime", "results",
    "pipelineSpec", "skippedTasks", "childReferences", "finallyStartTime", "provenance", "spanContext"})
public class PipelineRunStatus extends RunStatus {

  private List<PipelineRunResult> results;
  private PipelineSpec pipelineSpec;
  private List<SkippedTask> skippedTasks;
  private List<ChildStatusReference> childReferences;
  private String finallyStartTime;
  private Map<String, Object> provenance;
  private Map<String, String> spanContext;

  @JsonIgnore
  public Optional<PipelineRunResult> result(String name) {
    return results == null ? Optional.empty() : results.stream().filter(r -> name.equals(r.getName())).findFirst();
  }

  /** The runs created for one PipelineTask (one, or one per matrix combination). */
  @JsonIgnore
  public List<ChildStatusReference> childReferencesFor(String pipelineTaskName) {
    return childReferences == null ? List.of()
        : childReferences.stream().filter(c -> pipelineTaskName.equals(c.getPipelineTaskName())).toList();
  }

  /** As every run's, and a {@code finallyStartTime} that is no RFC 3339 time. */
  @Override
  public Optional<String> unreadable() {
    return super.unreadable().or(() -> unreadableTime("status.finallyStartTime", finallyStartTime));
  }

  @JsonIgnore
  public Instant finallyStartInstant() {
    return Timestamps.parse(finallyStartTime);
  }

  public List<PipelineRunResult> getResults() {
    return results;
  }

  public void setResults(List<PipelineRunResult> results) {
    this.results = results;
  }

  public PipelineSpec getPipelineSpec() {
    return pipelineSpec;
  }

  public void setPipelineSpec(PipelineSpec pipelineSpec) {
    this.pipelineSpec = pipelineSpec;
  }

  public List<SkippedTask> getSkippedTasks() {
    return skippedTasks;
  }

  public void setSkippedTasks(List<SkippedTask> skippedTasks) {
    this.skippedTasks = skippedTasks;
  }

  public List<ChildStatusReference> getChildReferences() {
    return childReferences;
  }

  public void setChildReferences(List<ChildStatusReference> childReferences) {
    this.childReferences = childReferences;
  }

  public String getFinallyStartTime() {
    return finallyStartTime;
  }

  public void setFinallyStartTime(String finallyStartTime) {
    this.finallyStartTime = finallyStartTime;
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
