package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.customtasks.crds.api.UnknownFieldsPreserving;

/** The declared type of one key of an object param or result: Tekton's {@code PropertySpec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PropertySpec extends UnknownFieldsPreserving {

  private String type;

  public PropertySpec() {
  }

  public PropertySpec(String type) {
    this.type = type;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }
}
