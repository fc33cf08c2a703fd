package dev.customtasks.crds.api.customrun;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.List;
import java.util.Map;

/** {@code CustomRun.spec}, field for field as Tekton's {@code CustomRunSpec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"customRef", "customSpec", "params", "status", "statusMessage", "retries",
    "serviceAccountName", "timeout", "workspaces"})
public class CustomRunSpec extends UnknownFieldsPreserving {

  private TaskRef customRef;
  private EmbeddedCustomRunSpec customSpec;
  private List<Param> params;
  private String status;
  private String statusMessage;
  private Integer retries;
  private String serviceAccountName;
  /** A Go duration string such as {@code 1h0m0s}. */
  private String timeout;
  private List<Map<String, Object>> workspaces;

  public TaskRef getCustomRef() {
    return customRef;
  }

  public void setCustomRef(TaskRef customRef) {
    this.customRef = customRef;
  }

  public EmbeddedCustomRunSpec getCustomSpec() {
    return customSpec;
  }

  public void setCustomSpec(EmbeddedCustomRunSpec customSpec) {
    this.customSpec = customSpec;
  }

  public List<Param> getParams() {
    return params;
  }

  public void setParams(List<Param> params) {
    this.params = params;
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

  public String getServiceAccountName() {
    return serviceAccountName;
  }

  public void setServiceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }

  public List<Map<String, Object>> getWorkspaces() {
    return workspaces;
  }

  public void setWorkspaces(List<Map<String, Object>> workspaces) {
    this.workspaces = workspaces;
  }
}
