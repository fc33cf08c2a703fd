package dev.customtasks.cli.run;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.describe.Answerers;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** While a custom task runs, ctk run shows what it says of itself, and a new message makes a new line. */
class TaskLineProgressTest {

  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  private static final TaskKind LOCK = new TaskKind("customtasks.dev/v1alpha1", "Lock");

  private static CustomRun running(String message, Object extraFields) {
    CustomRun run = customRun("take-prod").ref(LOCK).build();
    run.setStatus(new CustomRunStatus());
    run.getStatus().setStartTime(Timestamps.format(T0));
    run.getStatus().markRunning("Running", message, T0);
    run.getStatus().setExtraFields(extraFields);
    return run;
  }

  @Test
  void aRunningCustomTaskShowsItsMessage() {
    TaskLine line = TaskLine.of("take-prod", running("waiting for deploy-prod: position 1 of 2\nmore", null),
        T0.plusSeconds(2));
    assertThat(line.detail()).isEqualTo("2.0s, waiting for deploy-prod: position 1 of 2");
    assertThat(line.printedState()).isEqualTo("Running: waiting for deploy-prod: position 1 of 2");
  }

  @Test
  void anEndedCustomTaskShowsTheFirstLineOfWhatItSaysOfItsEnd() {
    CustomRun released = running("", null);
    released.getStatus().markSucceeded("Succeeded", "released deploy-prod for deploy-prod-a", T0.plusSeconds(1));
    CustomRun failed = running("", null);
    failed.getStatus().markFailed("InvalidSpec", "when: does not compile\n | 'a' ==\n | .......^", T0.plusSeconds(1));

    assertThat(TaskLine.of("give-back", released, T0.plusSeconds(5)).detail())
        .isEqualTo("1.0s, released deploy-prod for deploy-prod-a");
    assertThat(TaskLine.of("take-prod", failed, T0.plusSeconds(5)).detail())
        .isEqualTo("1.0s, InvalidSpec: when: does not compile");
  }

  @Test
  void aNewMessageIsANewPrintedStateButTheClockIsNot() {
    TaskLine first = TaskLine.of("take-prod", running("position 2 of 2", null), T0.plusSeconds(1));
    TaskLine later = TaskLine.of("take-prod", running("position 2 of 2", null), T0.plusSeconds(9));
    TaskLine moved = TaskLine.of("take-prod", running("position 1 of 1", null), T0.plusSeconds(9));
    assertThat(later.printedState()).isEqualTo(first.printedState());
    assertThat(moved.printedState()).isNotEqualTo(first.printedState());
  }

  @Test
  void aWaitShowsItsCountdownRatherThanItsMessage() {
    TaskLine line = TaskLine.of("wait", running("waiting until 2026-06-01T10:00:10.000Z",
        Map.of("deadline", "2026-06-01T10:00:10.000Z")), T0.plusSeconds(4));
    assertThat(line.detail()).isEqualTo("4.0s, fires in 6.0s");
    assertThat(line.printedState()).isEqualTo("Running");
  }

  @Test
  void aCustomTaskNobodyAnswersSaysSoOnItsOwnLine() {
    CustomRun pending = customRun("c").ref(new TaskKind("example.dev/v0", "Example")).build();
    pending.getMetadata().setCreationTimestamp(Timestamps.format(T0));
    Answerers here = new Answerers(Map.of(LOCK, "lock"), true);

    TaskLine early = TaskLine.of("c", pending, T0.plusSeconds(1), here);
    TaskLine later = TaskLine.of("c", pending, T0.plusSeconds(6), here);

    assertThat(early.detail()).isEmpty();
    assertThat(later.state()).isEqualTo("Pending");
    assertThat(later.detail()).isEqualTo("no controller here answers example.dev/v0 Example, and under --embedded "
        + "none other can start (answered here: customtasks.dev/v1alpha1 Lock)");
    assertThat(later.printedState()).isNotEqualTo(early.printedState());
  }
}
