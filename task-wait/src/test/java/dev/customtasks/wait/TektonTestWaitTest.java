package dev.customtasks.wait;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.Condition;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import dev.customtasks.crds.controller.RunLifecycle;
import dev.customtasks.crds.testkit.CustomRunBuilder;
import dev.customtasks.crds.testkit.TaskTester;
import dev.customtasks.wait.WaitTask.WaitState;
import dev.customtasks.wait.schedule.WaitPlan;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tekton's test kind, {@code wait.testing.tekton.dev/v1beta1 Wait}, answered as Tekton's own
 * controller answers it: the cases of its {@code wait-task-beta/pkg/reconciler/reconciler_test.go},
 * with reasons and messages, plus the inputs a user meets first.
 */
class TektonTestWaitTest {

  /** Tekton's test clock. */
  private static final Instant NOW = Instant.parse("2022-01-01T00:00:00Z");
  private final TaskTester<WaitPlan, WaitState> tester = new TaskTester<>(new WaitTask());

  private static CustomRunBuilder testWait(String name) {
    return customRun(name).ref(WaitTask.TEKTON_TEST_KIND);
  }

  /** A run not yet seen, its one first tick at {@link #NOW}, and the condition that tick leaves. */
  static Stream<Arguments> refusedAtOnce() {
    return Stream.of(
        Arguments.of("unexpected ref name", customRun("n").ref(WaitTask.TEKTON_TEST_KIND, "any").timeout("5s").param("duration", "2s").build(),
            "UnexpectedName", "Found unexpected ref name: any"),
        Arguments.of("no duration param", testWait("n").timeout("1s").build(),
            "MissingDuration", "The duration param was not passed"),
        Arguments.of("an empty duration", testWait("n").param("duration", "").build(),
            "MissingDuration", "The duration param was not passed"),
        Arguments.of("extra param", testWait("n").timeout("5s").param("duration", "2s")
            .param("not-duration", "blah").build(), "UnexpectedParams", "Found unexpected params: [not-duration]"),
        Arguments.of("invalid duration value", testWait("n").timeout("1s").param("duration", "nope").build(),
            "InvalidDuration", "The duration param was invalid: "),
        Arguments.of("timeout equals duration", testWait("n").timeout("1s").param("duration", "1s").build(),
            "InvalidTimeOut", "Spec.Timeout shouldn't equal duration"),
        Arguments.of("no timeout and a duration of Tekton's default timeout",
            testWait("n").param("duration", "1h").build(), "InvalidTimeOut", "Spec.Timeout shouldn't equal duration"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedAtOnce")
  void badInputIsRefusedAtOnceWithTektonsReason(String name, CustomRun run, String reason, String message) {
    RunLifecycle.Decision decision = tester.tick(run, NOW);

    Condition succeeded = run.getStatus().succeededCondition().orElseThrow();
    assertThat(succeeded.getStatus()).isEqualTo("False");
    assertThat(succeeded.getReason()).isEqualTo(reason);
    assertThat(succeeded.getMessage()).startsWith(message);
    assertThat(decision.wakeAt()).isEmpty();
  }

  @Test
  void theDurationElapsesWithTektonsReasonAndNothingElse() {
    CustomRun run = testWait("custom-run-succeeded").timeout("5s").param("duration", "2s").build();
    tester.tick(run, NOW.minusSeconds(3));
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("Waiting for duration to elapse");

    RunLifecycle.Decision decision = tester.tick(run, NOW);

    CustomRunStatus status = run.getStatus();
    Condition succeeded = status.succeededCondition().orElseThrow();
    assertThat(succeeded.getStatus()).isEqualTo("True");
    assertThat(succeeded.getReason()).isEqualTo("DurationElapsed");
    assertThat(succeeded.getMessage()).isEqualTo("The wait duration has elapsed");
    assertThat(status.completionInstant()).isEqualTo(NOW);
    assertThat(status.getResults()).isNull();
    assertThat(status.getExtraFields()).isNull();
    assertThat(decision.wakeAt()).isEmpty();
  }

  @Test
  void oneSecondWaitsOneSecond() {
    CustomRun run = testWait("w").param("duration", "1s").build();
    assertThat(tester.tick(run, NOW).wakeAt()).contains(NOW.plusSeconds(1));
    assertThat(run.getStatus().reason()).contains("Running");
    tester.tick(run, NOW.plusSeconds(1));
    assertThat(run.getStatus().reason()).contains("DurationElapsed");
  }

  @Test
  void pastTheTimeoutItFailsTimedOut() {
    CustomRun run = tester.started(testWait("custom-run-timed-out").timeout("5s").param("duration", "2s").build(),
        Instant.parse("2021-12-31T00:00:00Z"));

    tester.tick(run, NOW);

    assertThat(run.getStatus().succeededCondition().orElseThrow().getStatus()).isEqualTo("False");
    assertThat(run.getStatus().reason()).contains("TimedOut");
  }

  @Test
  void aTimedOutAttemptWithRetriesLeftReadsRetrying() {
    CustomRun run = tester.started(testWait("custom-run-timed-out-retry").timeout("5s").retries(1)
        .param("duration", "2s").build(), Instant.parse("2021-12-31T00:00:00Z"));

    tester.tick(run, NOW);

    CustomRunStatus status = run.getStatus();
    assertThat(status.succeededCondition().orElseThrow().getStatus()).isEqualTo("Unknown");
    assertThat(status.reason()).contains("Retrying");
    assertThat(status.getRetriesStatus()).singleElement().satisfies(failed -> {
      assertThat(failed.getStartTime()).isEqualTo("2021-12-31T00:00:00.000Z");
      assertThat(failed.reason()).contains("TimedOut");
      assertThat(failed.succeededCondition().orElseThrow().getStatus()).isEqualTo("False");
    });

    // The new attempt's first tick: Running again, timed from its own start.
    assertThat(tester.tick(run, NOW).wakeAt()).contains(NOW.plusSeconds(2));
    assertThat(run.getStatus().reason()).contains("Running");
    tester.tick(run, NOW.plusSeconds(2));
    assertThat(run.getStatus().reason()).contains("DurationElapsed");
  }

  @Test
  void aCancelledRunEndsCancelled() {
    CustomRun run = tester.started(testWait("custom-run-cancelled").timeout("5s").param("duration", "2s").build(),
        NOW.minusSeconds(1));
    run.getSpec().setStatus(CustomRun.CANCELLED);

    tester.tick(run, NOW);

    assertThat(run.getStatus().succeededCondition().orElseThrow().getStatus()).isEqualTo("False");
    assertThat(run.getStatus().reason()).contains("Cancelled");
  }

  @Test
  void withoutATimeoutTektonsDefaultHourStillBoundsTheWait() {
    CustomRun run = testWait("w").param("duration", "2h").build();
    assertThat(tester.tick(run, NOW).wakeAt()).hasValueSatisfying(at ->
        assertThat(at).isAfter(NOW.plusSeconds(3600)).isBefore(NOW.plusSeconds(3601)));

    tester.tick(run, NOW.plusSeconds(3601));

    assertThat(run.getStatus().reason()).contains("TimedOut");
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("CustomRun \"w\" failed to finish within 1h0m0s (Tekton's default timeout)");
  }

  @Test
  void aNegativeDurationHasElapsedAtOnceAsInGo() {
    CustomRun run = testWait("w").param("duration", "-1s").build();
    tester.tick(run, NOW);
    assertThat(run.getStatus().reason()).contains("DurationElapsed");
  }

  @Test
  void theV1alpha1FormFollowsTheSameRules() {
    CustomRun run = customRun("w").ref(WaitTask.TEKTON_TEST_KIND_V1ALPHA1).param("duration", "1s")
        .param("colour", "red").build();
    tester.tick(run, NOW);
    assertThat(run.getStatus().reason()).contains("UnexpectedParams");
  }
}
