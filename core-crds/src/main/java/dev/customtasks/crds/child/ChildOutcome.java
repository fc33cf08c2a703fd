package dev.customtasks.crds.child;

import dev.customtasks.crds.api.ParamValue;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a child run stands, read the same way whatever its kind (TaskRun, CustomRun, PipelineRun):
 * the {@code Succeeded} condition's meaning, reason and message, its start and completion times,
 * and, once it succeeded, its results (string, array or object values, in the child's order).
 *
 * @param phase where it stands
 * @param reason the {@code Succeeded} condition's reason; empty string when it has none
 * @param message the condition's message; empty string when it has none
 * @param startTime {@code status.startTime}, null before the child started
 * @param completionTime {@code status.completionTime}, null while it runs
 * @param results the child's results once it succeeded; empty otherwise
 * @param cancelRequested whether someone asked the child to stop ({@code spec.status}), done or not
 */
public record ChildOutcome(Phase phase, String reason, String message, Instant startTime, Instant completionTime,
    Map<String, ParamValue> results, boolean cancelRequested) {

  /** Where a child stands. */
  public enum Phase {
    /** Created, not started by its controller yet (or waiting, e.g. {@code PipelineRunPending}). */
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Failed because it was cancelled. */
    CANCELLED;

    public boolean isDone() {
      return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
  }

  public ChildOutcome {
    reason = reason == null ? "" : reason;
    message = message == null ? "" : message;
    results = results == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(results));
  }

  public boolean isDone() {
    return phase.isDone();
  }

  public boolean isSuccessful() {
    return phase == Phase.SUCCEEDED;
  }

  public Optional<Instant> started() {
    return Optional.ofNullable(startTime);
  }

  public Optional<Instant> completed() {
    return Optional.ofNullable(completionTime);
  }
}
