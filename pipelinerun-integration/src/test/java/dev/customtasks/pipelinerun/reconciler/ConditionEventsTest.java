package dev.customtasks.pipelinerun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.Condition;
import dev.customtasks.crds.controller.RunEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tekton's Events for a PipelineRun's condition changes ({@code EmitK8sEvents}). */
class ConditionEventsTest {

  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private static Condition condition(String status, String reason, String message) {
    return new Condition(Condition.SUCCEEDED, status, reason, message, "2026-01-01T00:00:00Z");
  }

  @Test
  void aFirstReconcileTellsTheStartThenTheRunningTally() {
    Condition started = condition(Condition.UNKNOWN, "Started", "");
    Condition running = condition(Condition.UNKNOWN, "Running",
        "Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0");
    assertThat(ConditionEvents.of(null, List.of(started, running), AT)).containsExactly(
        RunEvent.normal("Started", "", AT),
        RunEvent.normal("Running", "Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0", AT));
  }

  @Test
  void theEndIsSucceededOrAWarningFailedWithTheConditionsMessage() {
    Condition running = condition(Condition.UNKNOWN, "Running", "x");
    assertThat(ConditionEvents.of(running, condition(Condition.FALSE, "PipelineRunTimeout",
        "PipelineRun \"r\" failed to finish within \"1h0m0s\""), AT)).contains(
        RunEvent.warning("Failed", "PipelineRun \"r\" failed to finish within \"1h0m0s\"", AT));
    assertThat(ConditionEvents.of(running, condition(Condition.TRUE, "Completed", "done"), AT))
        .contains(RunEvent.normal("Succeeded", "done", AT));
  }

  @Test
  void anUnchangedConditionTellsNothing() {
    Condition running = condition(Condition.UNKNOWN, "Running", "x");
    Condition again = new Condition(Condition.SUCCEEDED, Condition.UNKNOWN, "Running", "x", "2026-01-02T00:00:00Z");
    assertThat(ConditionEvents.of(running, List.of(again), AT)).isEmpty();
  }
}
