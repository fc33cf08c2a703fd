package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.UnknownFieldsPreserving;

/** One entry of {@code TaskRun.status.results}: Tekton's {@code TaskRunResult}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "type", "value"})
public class TaskRunResult extends UnknownFieldsPreserving {

  private String name;
  private String type;
  private ParamValue value;

  public TaskRunResult() {
  }

  public TaskRunResult(String name, ParamValue value) {
    this.name = name;
    this.type = value.type().wireName();
    this.value = value;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public ParamValue getValue() {
    return value;
  }

  public void setValue(ParamValue value) {
    this.value = value;
  }
}
