package dev.customtasks.wait;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Step;
import dev.customtasks.crds.testkit.TaskTester;
import dev.customtasks.wait.WaitTask.WaitState;
import dev.customtasks.wait.schedule.WaitPlan;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WaitTask's decisions on a fixed clock, with no server: what an IT would take seconds to show. */
class WaitTaskTest {

  private static final Instant T0 = Instant.parse("2026-06-01T09:59:58Z");
  private final TaskTester<WaitPlan, WaitState> tester = new TaskTester<>(new WaitTask());

  @Test
  void aDurationWaitsFromTheStartAndKeepsItsDeadline() {
    CustomRun run = tester.started(customRun("w").ref(WaitTask.KIND).param("duration", "90s").build(), T0);
    Step<WaitState> first = tester.progress(run, T0.plusSeconds(1));
    assertThat(first).isInstanceOfSatisfying(Step.Running.class, running -> {
      assertThat(running.wakeAt()).isEqualTo(T0.plusSeconds(90));
      assertThat(running.message()).isEqualTo("waiting until 2026-06-01T10:01:28.000Z");
    });
    assertThat(first.state().deadline()).isEqualTo("2026-06-01T10:01:28.000Z");
  }

  @Test
  void itFiresAtTheDeadlineNotBefore() {
    CustomRun run = tester.started(customRun("w").ref(WaitTask.KIND).param("duration", "2s").build(), T0);
    assertThat(tester.progress(run, T0.plusMillis(1999))).isInstanceOf(Step.Running.class);
    Step<WaitState> fired = tester.progress(run, T0.plusSeconds(2));
    assertThat(fired).isInstanceOfSatisfying(Step.Succeeded.class, s -> assertThat(s.results())
        .containsEntry("startedAt", ParamValue.of("2026-06-01T09:59:58.000Z"))
        .containsEntry("firedAt", ParamValue.of("2026-06-01T10:00:00.000Z")));
  }

  @Test
  void aRestartedControllerKeepsTheStoredDeadline() {
    CustomRun run = tester.started(customRun("w").ref(WaitTask.KIND).param("duration", "1h").build(), T0);
    // The deadline kept in status wins over recomputing it: no early or second firing after a restart.
    run.getStatus().setExtraFields(Map.of("deadline", "2026-06-01T10:00:05.000Z"));
    assertThat(tester.progress(run, T0.plusSeconds(6))).isInstanceOf(Step.Running.class);
    assertThat(tester.progress(run, T0.plusSeconds(7))).isInstanceOf(Step.Succeeded.class);
  }

  @Test
  void theLifecycleEndsTheRunWithResultsAndNoWakeUp() {
    CustomRun run = tester.started(customRun("w").ref(WaitTask.KIND).param("duration", "1s").build(), T0);
    assertThat(tester.tick(run, T0).wakeAt()).contains(T0.plusSeconds(1));
    assertThat(tester.tick(run, T0.plusSeconds(1)).wakeAt()).isEmpty();
    assertThat(run.getStatus().isSuccessful()).isTrue();
    assertThat(run.getStatus().result("firedAt")).isPresent();
  }

  @Test
  void badInputIsRefusedWithTheFieldNamed() {
    assertThatThrownBy(() -> tester.decode(customRun("w").ref(WaitTask.KIND).param("duration", "soon").build()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("duration");
    assertThatThrownBy(() -> tester.decode(customRun("w").ref(WaitTask.KIND).param("duration", "1s")
        .param("until", "2026-06-01T10:00:00Z").build()))
        .hasMessageContaining("only one of \"duration\", \"until\" or \"window\"");
  }

  @Test
  void aDurationEndsWithTektonsWordsAndAWindowWithSucceeded() {
    CustomRun duration = tester.started(customRun("w").ref(WaitTask.KIND).param("duration", "1s").build(), T0);
    tester.tick(duration, T0.plusSeconds(1));
    assertThat(duration.getStatus().reason()).contains("DurationElapsed");
    assertThat(duration.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("The wait duration has elapsed");
    assertThat(duration.getStatus().result("firedAt")).isPresent();

    CustomRun until = tester.started(customRun("u").ref(WaitTask.KIND).param("until", "2020-01-01T00:00:00Z")
        .build(), T0);
    tester.tick(until, T0);
    assertThat(until.getStatus().reason()).contains("Succeeded");
  }

  @Test
  void aBadDurationIsInvalidDurationAndAnUnknownParamUnexpectedParams() {
    for (String bad : new String[] {"soon", "-1s", ""}) {
      assertThatThrownBy(() -> tester.decode(customRun("w").ref(WaitTask.KIND).param("duration", bad).build()))
          .as(bad).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.reason()).isEqualTo("InvalidDuration");
            assertThat(e.getMessage()).startsWith("param \"duration\": ");
          });
    }
    assertThatThrownBy(() -> tester.decode(customRun("w").ref(WaitTask.KIND).param("duration", "1s")
        .param("colour", "red").build()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.reason()).isEqualTo("UnexpectedParams");
          assertThat(e.getMessage()).isEqualTo("unknown param \"colour\"; known params: duration, until, window, "
              + "timezone, exclude, blackoutDates");
        });
    assertThatThrownBy(() -> tester.decode(customRun("w").ref(WaitTask.KIND).param("until", "tomorrow").build()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).isEqualTo("InvalidParams"));
  }

  @Test
  void aNamedWaitSuppliesTheDuration() {
    tester.withNamedObject("short", Map.of("duration", "3s"));
    CustomRun run = tester.started(customRun("w").ref(WaitTask.KIND, "short").build(), T0);
    assertThat(tester.progress(run, T0)).isInstanceOfSatisfying(Step.Running.class,
        r -> assertThat(r.wakeAt()).isEqualTo(T0.plusSeconds(3)));
  }

  @Test
  void aNamedWaitDeletedAfterTheRunStartedDoesNotMatter() {
    tester.withNamedObject("short", Map.of("duration", "3s"));
    CustomRun run = tester.started(customRun("w").ref(WaitTask.KIND, "short").build(), T0);
    tester.tick(run, T0);
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage()).startsWith("waiting until");

    tester.withoutNamedObject("short");
    tester.tick(run, T0.plusSeconds(3));

    assertThat(run.getStatus().isSuccessful()).as(run.getStatus().succeededCondition().toString()).isTrue();
    assertThat(run.getStatus().completionInstant()).isEqualTo(T0.plusSeconds(3));
  }

  @Test
  void aNamedWaitEditedAfterTheRunStartedDoesNotMatterEither() {
    tester.withNamedObject("short", Map.of("duration", "3s"));
    CustomRun run = tester.started(customRun("w").ref(WaitTask.KIND, "short").build(), T0);
    tester.tick(run, T0);

    tester.withNamedObject("short", Map.of("duration", "1h"));
    tester.tick(run, T0.plusSeconds(3));

    assertThat(run.getStatus().isSuccessful()).isTrue();
  }

  @Test
  void aNamedWaitMissingAtTheStartIsStillReferenceNotFound() {
    CustomRun run = tester.started(customRun("w").ref(WaitTask.KIND, "nowhere").build(), T0);
    tester.tick(run, T0);
    assertThat(run.getStatus().reason()).contains("ReferenceNotFound");
  }
}
