package dev.customtasks.cli.run;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.approval.ApprovalTask;
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
  void otherRunsShowNoCommand() {
    TaskLine line = TaskLine.of("wait", waiting(null), T0.plusSeconds(5));
    assertThat(line.detail()).doesNotContain("ctk approve");
  }
}
