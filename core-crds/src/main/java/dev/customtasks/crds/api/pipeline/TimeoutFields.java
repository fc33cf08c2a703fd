package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import dev.customtasks.crds.duration.GoDuration;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code PipelineRun.spec.timeouts}: Tekton's {@code TimeoutFields}, three Go duration strings.
 * {@code 0} means no timeout.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"pipeline", "tasks", "finally"})
public class TimeoutFields extends UnknownFieldsPreserving {

  private String pipeline;
  private String tasks;
  private String finallyTimeout;

  public TimeoutFields() {
  }

  public TimeoutFields(String pipeline, String tasks, String finallyTimeout) {
    this.pipeline = pipeline;
    this.tasks = tasks;
    this.finallyTimeout = finallyTimeout;
  }

  @JsonIgnore
  public Optional<Duration> pipelineDuration() {
    return parse(pipeline);
  }

  @JsonIgnore
  public Optional<Duration> tasksDuration() {
    return parse(tasks);
  }

  @JsonIgnore
  public Optional<Duration> finallyDuration() {
    return parse(finallyTimeout);
  }

  private static Optional<Duration> parse(String text) {
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(GoDuration.parse(text));
  }

  public String getPipeline() {
    return pipeline;
  }

  public void setPipeline(String pipeline) {
    this.pipeline = pipeline;
  }

  public String getTasks() {
    return tasks;
  }

  public void setTasks(String tasks) {
    this.tasks = tasks;
  }

  @JsonProperty("finally")
  public String getFinally() {
    return finallyTimeout;
  }

  @JsonProperty("finally")
  public void setFinally(String finallyTimeout) {
    this.finallyTimeout = finallyTimeout;
  }
}
