package dev.customtasks.crds.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A reference to a task: a Tekton Task by name, or a custom kind by apiVersion/kind and an
 * optional object name. Used as {@code PipelineTask.taskRef} and {@code CustomRun.spec.customRef}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "kind", "apiVersion", "bundle", "resolver", "params"})
public class TaskRef extends UnknownFieldsPreserving {

  private String name;
  private String kind;
  private String apiVersion;
  private String bundle;
  private String resolver;
  private List<Param> params;

  public TaskRef() {
  }

  public TaskRef(String apiVersion, String kind, String name) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getApiVersion() {
    return apiVersion;
  }

  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  public String getBundle() {
    return bundle;
  }

  public void setBundle(String bundle) {
    this.bundle = bundle;
  }

  public String getResolver() {
    return resolver;
  }

  public void setResolver(String resolver) {
    this.resolver = resolver;
  }

  public List<Param> getParams() {
    return params;
  }

  public void setParams(List<Param> params) {
    this.params = params;
  }
}
