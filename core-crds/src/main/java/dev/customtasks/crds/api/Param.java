package dev.customtasks.crds.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A named value given to a task or a run ({@code params[]}): Tekton's {@code Param}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "value"})
public class Param extends UnknownFieldsPreserving {

  private String name;
  private ParamValue value;

  public Param() {
  }

  public Param(String name, ParamValue value) {
    this.name = name;
    this.value = value;
  }

  public static Param of(String name, String value) {
    return new Param(name, ParamValue.of(value));
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
