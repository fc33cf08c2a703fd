package dev.customtasks.cli.describe;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.approval.ApprovalTask;
import dev.customtasks.cli.output.Terminal;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ctk describe pipelinerun} says where a running approval stands, not who it asked. */
class PipelineRunApprovalTest {

  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

  @Test
  void theRunningSectionShowsWhoDecidedAndWhoIsWaitedForInsteadOfTheControllersMessage() {
    PipelineRun run = new PipelineRun();
    run.getMetadata().setName("r");
    run.getMetadata().setNamespace("test");
    run.getMetadata().setCreationTimestamp(Timestamps.format(T0));
    CustomRun gate = customRun("r-gate").ref(ApprovalTask.KIND).build();
    gate.getMetadata().setCreationTimestamp(Timestamps.format(T0));
    gate.getMetadata().setLabels(Map.of(TektonLabels.PIPELINE_TASK, "gate", TektonLabels.PIPELINE_RUN, "r"));
    gate.setStatus(new CustomRunStatus());
    gate.getStatus().setStartTime(Timestamps.format(T0));
    gate.getStatus().markRunning("Running", "waiting for 1 more approval (1/2) from alice, bob: ctk approve r-gate", T0);
    StringWriter text = new StringWriter();

    PipelineRunDescription.print(run, List.of(RunRow.of(gate)), new PrintWriter(text), Terminal.plain(),
        T0.plusSeconds(8), Answerers.silent(),
        Map.of("r-gate", "1/2 Pending; decided: alice approved; waiting for: bob: ctk approve r-gate"));

    assertThat(text.toString())
        .contains("Running:\n  gate: 1/2 Pending; decided: alice approved; waiting for: bob: ctk approve r-gate\n")
        .doesNotContain("from alice, bob");
  }
}
