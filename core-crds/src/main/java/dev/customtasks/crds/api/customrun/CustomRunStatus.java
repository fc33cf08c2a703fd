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

  private List<CustomRunResult> results;
  private List<CustomRunStatus> retriesStatus;
  private Object extraFields;

  @JsonIgnore
  public Optional<CustomRunResult> result(String name) {
    return results == null ? Optional.empty()
        : results.stream().filter(r -> name.equals(r.getName())).findFirst();
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
