package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.UnknownFieldsPreserving;

/**
 * A result a Pipeline declares ({@code spec.results[]}): Tekton's {@code PipelineResult}. The value
 * refers to task results, e.g. {@code $(tasks.build.results.digest)}. Tekton always writes
 * {@code description}, even empty, which is why this class keeps empty strings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "type", "description", "value"})
public class PipelineResult extends UnknownFieldsPreserving {

  private String name;
  private String type;
  private String description;
  private ParamValue value;

  public PipelineResult() {
  }

  public PipelineResult(String name, ParamValue value) {
    this.name = name;
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

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public ParamValue getValue() {
    return value;
  }

  public void setValue(ParamValue value) {
    this.value = value;
  }
}
