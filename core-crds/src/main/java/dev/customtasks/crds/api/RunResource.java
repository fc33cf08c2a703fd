package dev.customtasks.crds.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A Tekton run (CustomRun, PipelineRun, TaskRun): the status helpers Tekton has on its run types,
 * read from the {@code Succeeded} condition of a {@link RunStatus}.
 */
public abstract class RunResource<S, T extends RunStatus> extends LenientResource<S, T> {

  /** Done means {@code Succeeded} is True or False; Tekton's {@code IsDone}. */
  @JsonIgnore
  public boolean isDone() {
    return getStatus() != null && getStatus().isDone();
  }

  /** A start time was recorded; Tekton's {@code HasStarted}. */
  @JsonIgnore
  public boolean hasStarted() {
    return getStatus() != null && getStatus().hasStarted();
  }

  @JsonIgnore
  public boolean isSuccessful() {
    return getStatus() != null && getStatus().isSuccessful();
  }

  @JsonIgnore
  public boolean isFailure() {
    return getStatus() != null && getStatus().isFailed();
  }

  /** {@code start time + duration}, once the run has started; e.g. when an attempt times out. */
  protected Optional<Instant> afterStart(Optional<Duration> duration) {
    return hasStarted() ? duration.map(d -> getStatus().startInstant().plus(d)) : Optional.empty();
  }
}
