package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Events Tekton's own controllers record about a run: one per change of its {@code Succeeded}
 * condition. {@code Normal Started} with an empty message when the run is first seen;
 * {@code Normal <reason> <message>} for each later change while it is running;
 * {@code Normal Succeeded <message>} or {@code Warning Failed <message>} when it ends, whatever
 * the condition's reason. Follows {@code EmitK8sEvents} in tektoncd/pipeline's
 * {@code pkg/reconciler/events/k8sevent/event.go}, as tektoncd/experimental's TaskLoop sends them
 * ({@code events.Emit} in {@code task-loops/pkg/reconciler/tasklooprun/tasklooprun.go}). A task
 * asks for these instead of the lifecycle's own with {@link CustomTask#conditionEvents}.
 */
public final class ConditionEvents {

  /** Tekton's event reasons ({@code EventReasonStarted}, {@code EventReasonSucceded}, {@code EventReasonFailed}). */
  public static final String STARTED = "Started";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";

  private ConditionEvents() {
  }

  /**
   * The Events for one tick.
   *
   * @param before the condition the tick started from; empty for a run seen for the first time
   * @param firstSight the condition a run seen for the first time is given before its task decides
   *     (the {@code Started} event stands for it)
   * @param after the condition the tick left
   * @param now the tick's instant
   */
  public static List<RunEvent> between(Optional<Condition> before, Condition firstSight, Optional<Condition> after,
      Instant now) {
    List<RunEvent> events = new ArrayList<>();
    Condition from = before.orElse(null);
    if (from == null) {
      events.add(RunEvent.normal(STARTED, "", now));
      from = firstSight;
    }
    if (after.isEmpty() || after.get().sameStateAs(from)) {
      return events;
    }
    Condition to = after.get();
    String message = to.getMessage() == null ? "" : to.getMessage();
    switch (String.valueOf(to.getStatus())) {
      case Condition.TRUE -> events.add(RunEvent.normal(SUCCEEDED, message, now));
      case Condition.FALSE -> events.add(RunEvent.warning(FAILED, message, now));
      default -> events.add(RunEvent.normal(to.getReason() == null ? "" : to.getReason(), message, now));
    }
    return events;
  }
}
