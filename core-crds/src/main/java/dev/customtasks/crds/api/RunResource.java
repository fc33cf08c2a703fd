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

  /**
   * Done, and readably so: {@code Succeeded} is True or False. Tekton's {@code IsDone}
   * ({@code pkg/apis/pipeline/v1/pipelinerun_types.go}: not knative's {@code IsUnknown}) also counts
   * a status that is neither True, False nor Unknown as done; our controllers end such a run
   * {@code InvalidStatus} instead ({@link #unreadableStatus()}), so that it gets a completion time.
   */
  @JsonIgnore
  public boolean isFinished() {
    return isSuccessful() || isFailure();
  }

  /**
   * Why the run's own status cannot be read, naming the field: a status that did not read at all
   * ({@link #malformed()}, e.g. {@code status.childReferences: expected an array but got a string})
   * or a field {@link RunStatus#unreadable()} finds (a {@code startTime} that is no time, a
   * {@code Succeeded} status neither True, False nor Unknown). Empty when readable.
   */
  @JsonIgnore
  public Optional<String> unreadableStatus() {
    Optional<String> unread = malformed().filter(problem -> problem.startsWith("status"));
    return unread.or(() -> getStatus() == null ? Optional.empty() : getStatus().unreadable());
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
