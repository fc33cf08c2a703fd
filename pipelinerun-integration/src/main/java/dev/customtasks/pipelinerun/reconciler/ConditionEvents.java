package dev.customtasks.pipelinerun.reconciler;

import dev.customtasks.crds.api.Condition;
import dev.customtasks.crds.controller.RunEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes Events Tekton records as a PipelineRun's {@code Succeeded} condition changes
 * ({@code EmitK8sEvents} in {@code pkg/reconciler/events/k8sevent/event.go}): on a change to True,
 * {@code Normal Succeeded <message>}; to False, {@code Warning Failed <message>}; to Unknown,
 * {@code Normal Started} (empty message) when there was no condition before, else
 * {@code Normal <reason> <message>}, e.g. {@code Normal Running Tasks Completed: 0 (Failed: 0,
 * Cancelled 0), Incomplete: 1, Skipped: 0}. A condition rewritten unchanged records nothing.
 */
final class ConditionEvents {

  private ConditionEvents() {
  }

  /**
   * The events for the condition going from {@code before} through each of {@code steps} (the
   * conditions one reconcile set, in order: Tekton tells the start at once, then the rest).
   *
   * @param before the condition the reconcile began with; null for none
   */
  static List<RunEvent> of(Condition before, List<Condition> steps, Instant at) {
    List<RunEvent> events = new ArrayList<>();
    Condition previous = before;
    for (Condition step : steps) {
      of(previous, step, at).ifPresent(events::add);
      previous = step;
    }
    return events;
  }

  static Optional<RunEvent> of(Condition before, Condition after, Instant at) {
    if (after == null || after.sameStateAs(before)) {
      return Optional.empty();
    }
    String message = after.getMessage() == null ? "" : after.getMessage();
    return switch (String.valueOf(after.getStatus())) {
      case Condition.TRUE -> Optional.of(RunEvent.normal("Succeeded", message, at));
      case Condition.FALSE -> Optional.of(RunEvent.warning("Failed", message, at));
      default -> Optional.of(before == null ? RunEvent.normal("Started", "", at)
          : RunEvent.normal(after.getReason(), message, at));
    };
  }
}
