package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.List;
import java.util.Map;

/**
 * A param a Pipeline or Task declares ({@code spec.params[]}): Tekton's {@code ParamSpec}.
 * {@code type} is {@code string}, {@code array} or {@code object}; Tekton's defaulting fills it in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "type", "description", "properties", "default", "enum"})
public class ParamSpec extends UnknownFieldsPreserving {

  private String name;
  private String type;
  private String description;
  private Map<String, PropertySpec> properties;
  private ParamValue defaultValue;
  private List<String> enumValues;

  public ParamSpec() {
  }

  public ParamSpec(String name, String type) {
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

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public Map<String, PropertySpec> getProperties() {
    return properties;
  }

  public void setProperties(Map<String, PropertySpec> properties) {
    this.properties = properties;
  }

  @JsonProperty("default")
  public ParamValue getDefault() {
    return defaultValue;
  }

  @JsonProperty("default")
  public void setDefault(ParamValue defaultValue) {
    this.defaultValue = defaultValue;
  }

  @JsonProperty("enum")
  public List<String> getEnum() {
    return enumValues;
  }

  @JsonProperty("enum")
  public void setEnum(List<String> enumValues) {
    this.enumValues = enumValues;
  }
}
