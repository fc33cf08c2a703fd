package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.Map;

/** A result a Task declares ({@code taskSpec.results[]}): Tekton's {@code TaskResult}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "type", "properties", "description", "value"})
public class TaskResult extends UnknownFieldsPreserving {

  private String name;
  private String type;
  private Map<String, PropertySpec> properties;
  private String description;
  private ParamValue value;

  public TaskResult() {
  }

  public TaskResult(String name, String type) {
    this.name = name;
    this.type = type;
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

  public Map<String, PropertySpec> getProperties() {
    return properties;
  }

  public void setProperties(Map<String, PropertySpec> properties) {
    this.properties = properties;
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
