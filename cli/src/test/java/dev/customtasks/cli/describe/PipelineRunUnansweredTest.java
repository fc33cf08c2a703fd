package dev.customtasks.cli.describe;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.output.Terminal;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ctk describe pipelinerun} names the tasks no controller answers and why they wait. */
class PipelineRunUnansweredTest {

  private static final Instant CREATED = Instant.parse("2026-06-01T10:00:00Z");

  @Test
  void aWaitingSectionNamesTheUnansweredTask() {
    PipelineRun run = new PipelineRun();
    run.getMetadata().setName("r");
    run.getMetadata().setNamespace("test");
    run.getMetadata().setCreationTimestamp(Timestamps.format(CREATED));
    CustomRun child = customRun("r-c").ref(new TaskKind("example.dev/v0", "Example")).build();
    child.getMetadata().setCreationTimestamp(Timestamps.format(CREATED));
    child.getMetadata().setLabels(Map.of(TektonLabels.PIPELINE_TASK, "c", TektonLabels.PIPELINE_RUN, "r"));
    StringWriter text = new StringWriter();

    PipelineRunDescription.print(run, List.of(RunRow.of(child)), new PrintWriter(text), Terminal.plain(),
        CREATED.plusSeconds(8), new Answerers(Map.of(new TaskKind("customtasks.dev/v1alpha1", "Wait"), "wait"), true));

    assertThat(text.toString()).contains("Waiting:\n  c: no controller here answers example.dev/v0 Example, and under "
        + "--embedded none other can start (answered here: customtasks.dev/v1alpha1 Wait)\n");
  }
}
