package dev.customtasks.cli.run;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.approval.ApprovalTask;
import dev.customtasks.cli.describe.Answerers;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** While an approval waits, ctk run shows the command that decides it. */
class TaskLineApprovalTest {

  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

  private static CustomRun waiting(Object extraFields) {
    CustomRun run = customRun("release-approve").inNamespace("ci").ref(ApprovalTask.KIND).build();
    run.setStatus(new CustomRunStatus());
    run.getStatus().setStartTime(Timestamps.format(T0));
    run.getStatus().markRunning("Running", "waiting", T0);
    run.getStatus().setExtraFields(extraFields);
    return run;
  }

  @Test
  void aWaitingApprovalShowsTheApproveCommand() {
    TaskLine line = TaskLine.of("approve", waiting(Map.of("approvalRequest", "release-approve")), T0.plusSeconds(5));
    assertThat(line.detail()).endsWith(", approve with: ctk approve release-approve -n ci");
  }

  @Test
  void underCtkRunEmbeddedTheLineSaysWhereToDecideInstead() {
    Answerers inProcess = new Answerers(Map.of(ApprovalTask.KIND, "approval"), true);
    TaskLine line = TaskLine.of("approve", waiting(Map.of("approvalRequest", "release-approve")), T0.plusSeconds(5),
        inProcess);
    assertThat(line.detail()).doesNotContain("ctk approve ")
        .endsWith(", to decide it, run the file under ctk serve --embedded (ctk run --embedded serves no other shell)");
  }

  @Test
  void anApprovalsDeadlineIsWhenItTimesOut() {
    TaskLine line = TaskLine.of("approve", waiting(Map.of("approvalRequest", "release-approve",
        "deadline", "2026-06-01T10:30:00Z")), T0.plusSeconds(5));
    assertThat(line.detail()).contains("times out in 29m").doesNotContain("fires in");
  }

  @Test
  void whereTheApprovalStandsIsItsProgressEvenWithADeadline() {
    TaskLine line = TaskLine.of("approve", waiting(Map.of("approvalRequest", "release-approve",
        "deadline", "2026-06-01T10:30:00Z")), T0.plusSeconds(5), Answerers.silent(),
        java.util.Optional.of("1/2 Pending; decided: alice approved; waiting for: bob"));
    assertThat(line.detail()).contains("times out in 29m, 1/2 Pending; decided: alice approved; waiting for: bob, "
        + "approve with: ctk approve release-approve -n ci");
    // a new decision is a new line in a pipe
    assertThat(line.printedState()).isEqualTo("Running: 1/2 Pending; decided: alice approved; waiting for: bob");
  }

  @Test
  void otherRunsShowNoCommand() {
    TaskLine line = TaskLine.of("wait", waiting(null), T0.plusSeconds(5));
    assertThat(line.detail()).doesNotContain("ctk approve");
  }
}
