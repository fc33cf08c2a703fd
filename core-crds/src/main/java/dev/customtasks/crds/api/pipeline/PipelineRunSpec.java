package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.List;
import java.util.Map;

/** {@code PipelineRun.spec}: Tekton's {@code PipelineRunSpec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"pipelineRef", "pipelineSpec", "params", "status", "timeouts", "taskRunTemplate", "workspaces",
    "taskRunSpecs", "managedBy"})
public class PipelineRunSpec extends UnknownFieldsPreserving {

  private PipelineRef pipelineRef;
  private PipelineSpec pipelineSpec;
  private List<Param> params;
  /** One of the {@code PipelineRun.SPEC_STATUS_*} values, or null. */
  private String status;
  private TimeoutFields timeouts;
  private PipelineTaskRunTemplate taskRunTemplate;
  private List<Map<String, Object>> workspaces;
  private List<Map<String, Object>> taskRunSpecs;
  private String managedBy;

  public PipelineRef getPipelineRef() {
    return pipelineRef;
  }

  public void setPipelineRef(PipelineRef pipelineRef) {
    this.pipelineRef = pipelineRef;
  }

  public PipelineSpec getPipelineSpec() {
    return pipelineSpec;
  }

  public void setPipelineSpec(PipelineSpec pipelineSpec) {
    this.pipelineSpec = pipelineSpec;
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

  public TimeoutFields getTimeouts() {
    return timeouts;
  }

  public void setTimeouts(TimeoutFields timeouts) {
    this.timeouts = timeouts;
  }

  public PipelineTaskRunTemplate getTaskRunTemplate() {
    return taskRunTemplate;
  }

  public void setTaskRunTemplate(PipelineTaskRunTemplate taskRunTemplate) {
    this.taskRunTemplate = taskRunTemplate;
  }

  public List<Map<String, Object>> getWorkspaces() {
    return workspaces;
  }

  public void setWorkspaces(List<Map<String, Object>> workspaces) {
    this.workspaces = workspaces;
  }

  public List<Map<String, Object>> getTaskRunSpecs() {
    return taskRunSpecs;
  }

  public void setTaskRunSpecs(List<Map<String, Object>> taskRunSpecs) {
    this.taskRunSpecs = taskRunSpecs;
  }

  public String getManagedBy() {
    return managedBy;
  }

  public void setManagedBy(String managedBy) {
    this.managedBy = managedBy;
  }
}
