package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.UnknownFieldsPreserving;

/** One entry of {@code PipelineRun.status.results}: Tekton's {@code PipelineRunResult}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "value"})
public class PipelineRunResult extends UnknownFieldsPreserving {

  private String name;
  private ParamValue value;

  public PipelineRunResult() {
  }

  public PipelineRunResult(String name, ParamValue value) {
    this.name = name;
    this.value = value;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public ParamValue getValue() {
    return value;
  }

  public void setValue(ParamValue value) {
    this.value = value;
  }
}
