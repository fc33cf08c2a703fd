package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.List;

/**
 * A reference to a Pipeline, by name or through a resolver: Tekton's {@code PipelineRef} (with its
 * inlined {@code ResolverRef}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "apiVersion", "resolver", "params"})
public class PipelineRef extends UnknownFieldsPreserving {

  private String name;
  private String apiVersion;
  private String resolver;
  private List<Param> params;

  public PipelineRef() {
  }

  public PipelineRef(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getApiVersion() {
    return apiVersion;
  }

  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
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
