package dev.customtasks.crds.api.customrun;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.RunStatus;
import java.util.List;
import java.util.Optional;

/**
 * {@code CustomRun.status}: Tekton's {@code CustomRunStatus}. {@code extraFields} is the task
 * controller's own state (any JSON), which is how a controller keeps what it needs in the API
 * server rather than in memory.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "startTime", "completionTime", "results",
    "retriesStatus", "extraFields"})
public class CustomRunStatus extends RunStatus {

  /**
   * Status annotation counting the failed attempts dropped from the front of
   * {@code retriesStatus} to keep the status bounded (a decimal number; absent means none).
   */
  public static final String DROPPED_ATTEMPTS = "customtasks.dev/retries-status-dropped";

  private List<CustomRunResult> results;
  private List<CustomRunStatus> retriesStatus;
  private Object extraFields;

  @JsonIgnore
  public Optional<CustomRunResult> result(String name) {
    return results == null ? Optional.empty()
        : results.stream().filter(r -> name.equals(r.getName())).findFirst();
  }

  /**
   * Status annotation holding, as JSON, the spec of the object {@code customRef.name} names, as the
   * run read it when it started: the run depends on the object no longer (see
   * {@code dev.customtasks.crds.controller.RunLifecycle}).
   */
  public static final String NAMED_OBJECT_SPEC = "customtasks.dev/named-object-spec";

  /** Failed attempts so far: those in {@code retriesStatus} and those dropped from it. */
  @JsonIgnore
  public int failedAttempts() {
    return droppedAttempts() + (retriesStatus == null ? 0 : retriesStatus.size());
  }

  /** Failed attempts no longer in {@code retriesStatus} (see {@link #DROPPED_ATTEMPTS}). */
  @JsonIgnore
  public int droppedAttempts() {
    String dropped = getAnnotations() == null ? null : getAnnotations().get(DROPPED_ATTEMPTS);
    try {
      return dropped == null ? 0 : Math.max(0, Integer.parseInt(dropped.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public List<CustomRunResult> getResults() {
    return results;
  }

  public void setResults(List<CustomRunResult> results) {
    this.results = results;
  }

  public List<CustomRunStatus> getRetriesStatus() {
    return retriesStatus;
  }

  public void setRetriesStatus(List<CustomRunStatus> retriesStatus) {
    this.retriesStatus = retriesStatus;
  }

  public Object getExtraFields() {
    return extraFields;
  }

  public void setExtraFields(Object extraFields) {
    this.extraFields = extraFields;
  }
}
