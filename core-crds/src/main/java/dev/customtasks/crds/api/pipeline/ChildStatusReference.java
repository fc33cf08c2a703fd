package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.List;

/**
 * One run a PipelineRun created ({@code status.childReferences[]}): Tekton's
 * {@code ChildStatusReference}, e.g. {@code tekton.dev/v1beta1 CustomRun} or
 * {@code tekton.dev/v1 TaskRun}, with the PipelineTask it runs.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"apiVersion", "kind", "name", "displayName", "pipelineTaskName", "whenExpressions"})
public class ChildStatusReference extends UnknownFieldsPreserving {

  private String apiVersion;
  private String kind;
  private String name;
  private String displayName;
  private String pipelineTaskName;
  private List<WhenExpression> whenExpressions;

  public ChildStatusReference() {
  }

  public ChildStatusReference(String apiVersion, String kind, String name, String pipelineTaskName) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.name = name;
    this.pipelineTaskName = pipelineTaskName;
  }

  public String getApiVersion() {
    return apiVersion;
  }

  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String getPipelineTaskName() {
    return pipelineTaskName;
  }

  public void setPipelineTaskName(String pipelineTaskName) {
    this.pipelineTaskName = pipelineTaskName;
  }

  public List<WhenExpression> getWhenExpressions() {
    return whenExpressions;
  }

  public void setWhenExpressions(List<WhenExpression> whenExpressions) {
    this.whenExpressions = whenExpressions;
  }
}
