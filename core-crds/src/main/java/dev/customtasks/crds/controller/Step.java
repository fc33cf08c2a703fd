package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.ParamValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a task decided on one tick of a run. The base reconciler turns it into status, events and
 * the next wake-up; a task never writes status itself.
 */
public sealed interface Step {

  /** Still working: optional message, optional own state to keep, optional instant to be woken. */
  record Running(String message, Object state, Instant wakeAt) implements Step {

    public Running withState(Object newState) {
      return new Running(message, newState, wakeAt);
    }

    public Running wakeAt(Instant instant) {
      return new Running(message, state, instant);
    }

    public Optional<Instant> wakeUp() {
      return Optional.ofNullable(wakeAt);
    }
  }

  /** Finished well, with results in Tekton's result order. */
  record Succeeded(String message, Map<String, ParamValue> results, Object state) implements Step {

    public Succeeded {
      results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    public Succeeded withState(Object newState) {
      return new Succeeded(message, results, newState);
    }
  }

  /** This attempt failed; retried while {@code spec.retries} allows. */
  record Failed(String reason, String message, Object state) implements Step {

    public Failed withState(Object newState) {
      return new Failed(reason, message, newState);
    }
  }

  static Running running(String message) {
    return new Running(message, null, null);
  }

  static Succeeded succeeded(String message, Map<String, ParamValue> results) {
    return new Succeeded(message, results, null);
  }

  static Failed failed(String reason, String message) {
    return new Failed(reason, message, null);
  }
}
