package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import dev.customtasks.crds.duration.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One task of a Pipeline ({@code spec.tasks[]} or {@code spec.finally[]}): Tekton's
 * {@code PipelineTask}. A task is a custom task exactly when Tekton would create a CustomRun for
 * it: its {@code taskRef} or its {@code taskSpec} has both {@code apiVersion} and {@code kind}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "displayName", "description", "taskRef", "taskSpec", "when", "retries", "runAfter",
    "params", "matrix", "workspaces", "timeout", "pipelineRef", "pipelineSpec", "onError"})
public class PipelineTask extends UnknownFieldsPreserving {

  /** {@code onError} value: a failure fails the PipelineRun (the default). */
  public static final String ON_ERROR_STOP_AND_FAIL = "stopAndFail";
  /** {@code onError} value: a failure is ignored and dependent tasks still run. */
  public static final String ON_ERROR_CONTINUE = "continue";

  private String name;
  private String displayName;
  private String description;
  private TaskRef taskRef;
  private EmbeddedTask taskSpec;
  private List<WhenExpression> when;
  private Integer retries;
  private List<String> runAfter;
  private List<Param> params;
  private Map<String, Object> matrix;
  private List<Map<String, Object>> workspaces;
  /** A Go duration string such as {@code 1h0m0s}. */
  private String timeout;
  private PipelineRef pipelineRef;
  private PipelineSpec pipelineSpec;
  private String onError;

  public PipelineTask() {
  }

  public PipelineTask(String name) {
    this.name = name;
  }

  /**
   * Tekton's rule ({@code TaskRef.IsCustomTask() || EmbeddedTask.IsCustomTask()}): a
   * {@code taskRef} or {@code taskSpec} with both {@code apiVersion} and {@code kind} set. Note
   * that this includes a {@code taskRef} such as {@code tekton.dev/v1 Pipeline}.
   */
  @JsonIgnore
  public boolean isCustomTask() {
    return customKind().isPresent();
  }

  /** The custom task type: from {@code taskRef}, else from {@code taskSpec}; empty for a Tekton Task. */
  @JsonIgnore
  public Optional<TaskKind> customKind() {
    if (taskRef != null) {
      Optional<TaskKind> kind = kindOf(taskRef.getApiVersion(), taskRef.getKind());
      if (kind.isPresent()) {
        return kind;
      }
    }
    return taskSpec == null ? Optional.empty() : taskSpec.customKind();
  }

  /** A task with a matrix fans out over parameter combinations (Tekton's {@code IsMatrixed}). */
  @JsonIgnore
  public boolean isMatrixed() {
    return matrix != null && (nonEmptyList(matrix.get("params")) || nonEmptyList(matrix.get("include")));
  }

  /** The timeout of this task, if set ({@code 0} means none, as in Tekton). */
  @JsonIgnore
  public Optional<Duration> timeoutDuration() {
    return timeout == null || timeout.isBlank() ? Optional.empty() : Optional.of(GoDuration.parse(timeout));
  }

  private static boolean nonEmptyList(Object value) {
    return value instanceof List<?> list && !list.isEmpty();
  }

  static Optional<TaskKind> kindOf(String apiVersion, String kind) {
    if (apiVersion == null || apiVersion.isBlank() || kind == null || kind.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new TaskKind(apiVersion, kind));
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
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

  public TaskRef getTaskRef() {
    return taskRef;
  }

  public void setTaskRef(TaskRef taskRef) {
    this.taskRef = taskRef;
  }

  public EmbeddedTask getTaskSpec() {
    return taskSpec;
  }

  public void setTaskSpec(EmbeddedTask taskSpec) {
    this.taskSpec = taskSpec;
  }

  public List<WhenExpression> getWhen() {
    return when;
  }

  public void setWhen(List<WhenExpression> when) {
    this.when = when;
  }

  public Integer getRetries() {
    return retries;
  }

  public void setRetries(Integer retries) {
    this.retries = retries;
  }

  public List<String> getRunAfter() {
    return runAfter;
  }

  public void setRunAfter(List<String> runAfter) {
    this.runAfter = runAfter;
  }

  public List<Param> getParams() {
    return params;
  }

  public void setParams(List<Param> params) {
    this.params = params;
  }

  public Map<String, Object> getMatrix() {
    return matrix;
  }

  public void setMatrix(Map<String, Object> matrix) {
    this.matrix = matrix;
  }

  public List<Map<String, Object>> getWorkspaces() {
    return workspaces;
  }

  public void setWorkspaces(List<Map<String, Object>> workspaces) {
    this.workspaces = workspaces;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }

  public PipelineRef getPipelineRef() {
    return pipelineRef;
  }

  public void setPipelineRef(PipelineRef pipelineRef) {
    this.pipelineRef = pipelineRef;
  }

  public PipelineSpec getPipelineSpec() {
    return pipelineSpec;
  }

  public void setPipelineSpec(PipelineSpec pipelineSpec) {
    this.pipelineSpec = pipelineSpec;
  }

  public String getOnError() {
    return onError;
  }

  public void setOnError(String onError) {
    this.onError = onError;
  }
}
