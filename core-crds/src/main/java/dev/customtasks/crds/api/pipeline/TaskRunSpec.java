package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.List;
import java.util.Map;

/**
 * {@code TaskRun.spec}: Tekton's {@code TaskRunSpec}. Tekton always writes
 * {@code serviceAccountName}, even empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"debug", "params", "serviceAccountName", "taskRef", "taskSpec", "status", "statusMessage",
    "retries", "timeout", "podTemplate", "workspaces", "stepSpecs", "sidecarSpecs", "computeResources", "managedBy"})
public class TaskRunSpec extends UnknownFieldsPreserving {

  private List<Param> params;
  private String serviceAccountName;
  private TaskRef taskRef;
  private TaskSpec taskSpec;
  /** {@code TaskRun.SPEC_STATUS_CANCELLED}, {@code TaskRun.SPEC_STATUS_PENDING} or null. */
  private String status;
  private String statusMessage;
  private Integer retries;
  /** A Go duration string such as {@code 1h0m0s}. */
  private String timeout;
  private Map<String, Object> podTemplate;
  private List<Map<String, Object>> workspaces;
  private String managedBy;

  public List<Param> getParams() {
    return params;
  }

  public void setParams(List<Param> params) {
    this.params = params;
  }

  public String getServiceAccountName() {
    return serviceAccountName;
  }

  public void setServiceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
  }

  public TaskRef getTaskRef() {
    return taskRef;
  }

  public void setTaskRef(TaskRef taskRef) {
    this.taskRef = taskRef;
  }

  public TaskSpec getTaskSpec() {
    return taskSpec;
  }

  public void setTaskSpec(TaskSpec taskSpec) {
    this.taskSpec = taskSpec;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getStatusMessage() {
    return statusMessage;
  }

  public void setStatusMessage(String statusMessage) {
    this.statusMessage = statusMessage;
  }

  public Integer getRetries() {
    return retries;
  }

  public void setRetries(Integer retries) {
    this.retries = retries;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }

  public Map<String, Object> getPodTemplate() {
    return podTemplate;
  }

  public void setPodTemplate(Map<String, Object> podTemplate) {
    this.podTemplate = podTemplate;
  }

  public List<Map<String, Object>> getWorkspaces() {
    return workspaces;
  }

  public void setWorkspaces(List<Map<String, Object>> workspaces) {
    this.workspaces = workspaces;
  }

  public String getManagedBy() {
    return managedBy;
  }

  public void setManagedBy(String managedBy) {
    this.managedBy = managedBy;
  }
}
