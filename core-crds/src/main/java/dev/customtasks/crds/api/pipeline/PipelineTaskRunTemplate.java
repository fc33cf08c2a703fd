package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.Map;

/**
 * {@code PipelineRun.spec.taskRunTemplate}: defaults for every TaskRun and CustomRun the
 * PipelineRun creates, Tekton's {@code PipelineTaskRunTemplate}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"podTemplate", "serviceAccountName"})
public class PipelineTaskRunTemplate extends UnknownFieldsPreserving {

  private Map<String, Object> podTemplate;
  private String serviceAccountName;

  public Map<String, Object> getPodTemplate() {
    return podTemplate;
  }

  public void setPodTemplate(Map<String, Object> podTemplate) {
    this.podTemplate = podTemplate;
  }

  public String getServiceAccountName() {
    return serviceAccountName;
  }

  public void setServiceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
  }
}
