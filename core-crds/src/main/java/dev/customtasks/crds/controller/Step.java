package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.ParamValue;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a task decided on one tick of a run. The base reconciler turns it into status, events and
 * the next wake-up; a task never writes status itself.
 *
 * @param <T> the task's own state, kept in {@code status.extraFields} (see {@link CustomTask#stateType()})
 */
public sealed interface Step<T> {

  /** The state to keep in {@code status.extraFields}; null keeps what is there. */
  T state();

  /** Still working: optional message, optional own state to keep, optional instant to be woken. */
  record Running<T>(String message, T state, Instant wakeAt) implements Step<T> {

    public <U> Running<U> withState(U newState) {
      return new Running<>(message, newState, wakeAt);
    }

    public Running<T> wakeAt(Instant instant) {
      return new Running<>(message, state, instant);
    }

    public Optional<Instant> wakeUp() {
      return Optional.ofNullable(wakeAt);
    }
  }

  /**
   * Finished well, with results in Tekton's result order, and the {@code Succeeded=True} condition's
   * reason ({@code Succeeded} unless the task names a more telling one, e.g. {@code Approved}).
   */
  record Succeeded<T>(String reason, String message, Map<String, ParamValue> results, T state) implements Step<T> {

    public Succeeded {
      reason = reason == null || reason.isBlank() ? Reasons.SUCCEEDED : reason;
      results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    /** Finished with reason {@code Succeeded}. */
    public Succeeded(String message, Map<String, ParamValue> results, T state) {
      this(Reasons.SUCCEEDED, message, results, state);
    }

    public <U> Succeeded<U> withState(U newState) {
      return new Succeeded<>(reason, message, results, newState);
    }
  }

  /**
   * This attempt failed; retried while {@code spec.retries} allows. It may still report results
   * (Tekton keeps a failed run's results, and a {@code finally} task can read them); they are
   * dropped when the attempt is retried.
   */
  record Failed<T>(String reason, String message, T state, Map<String, ParamValue> results) implements Step<T> {

    public Failed {
      results = results == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    public Failed(String reason, String message, T state) {
      this(reason, message, state, Map.of());
    }

    public <U> Failed<U> withState(U newState) {
      return new Failed<>(reason, message, newState, results);
    }

    /** The same failure, reporting {@code newResults} (in Tekton's result order). */
    public Failed<T> withResults(Map<String, ParamValue> newResults) {
      return new Failed<>(reason, message, state, newResults);
    }
  }

  static <T> Running<T> running(String message) {
    return new Running<>(message, null, null);
  }

  /** Still working, to be woken at {@code wakeAt} (plus any change to the run or its children). */
  static <T> Running<T> running(String message, Instant wakeAt) {
    return new Running<>(message, null, wakeAt);
  }

  static <T> Succeeded<T> succeeded(String message, Map<String, ParamValue> results) {
    return new Succeeded<>(message, results, null);
  }

  /** Finished well with {@code reason} as the condition's reason instead of {@code Succeeded}. */
  static <T> Succeeded<T> succeeded(String reason, String message, Map<String, ParamValue> results) {
    return new Succeeded<>(reason, message, results, null);
  }

  static <T> Failed<T> failed(String reason, String message) {
    return new Failed<>(reason, message, null);
  }
}
