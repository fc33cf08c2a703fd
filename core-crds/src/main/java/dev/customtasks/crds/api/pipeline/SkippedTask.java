package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.List;

/**
 * One entry of {@code PipelineRun.status.skippedTasks}: Tekton's {@code SkippedTask}; the reason is
 * one of {@link SkippingReason}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "reason", "whenExpressions"})
public class SkippedTask extends UnknownFieldsPreserving {

  private String name;
  private String reason;
  private List<WhenExpression> whenExpressions;

  public SkippedTask() {
  }

  public SkippedTask(String name, String reason) {
    this.name = name;
    this.reason = reason;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public List<WhenExpression> getWhenExpressions() {
    return whenExpressions;
  }

  public void setWhenExpressions(List<WhenExpression> whenExpressions) {
    this.whenExpressions = whenExpressions;
  }
}
