package dev.customtasks.cli.describe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IterationsSectionTest {

  @Test
  void aLoopsIterationsAreATableInOrder() {
    CustomRun run = new CustomRun();
    CustomRunStatus status = new CustomRunStatus();
    status.setExtraFields(Map.of("iterations", List.of(
        Map.of("iteration", 1, "item", "eu", "name", "deploy-00001", "kind", "TaskRun", "outcome", "Succeeded",
            "reason", "Succeeded"),
        Map.of("iteration", 2, "item", "us", "name", "deploy-00002", "kind", "TaskRun", "outcome", "Running"))));
    run.setStatus(status);

    StringWriter text = new StringWriter();
    IterationsSection.print(run, new PrintWriter(text));

    assertThat(text.toString()).startsWith("Iterations:\n")
        .containsPattern("#\\s+ITEM\\s+RUN\\s+KIND\\s+OUTCOME\\s+REASON")
        .containsPattern("1\\s+eu\\s+deploy-00001\\s+TaskRun\\s+Succeeded\\s+Succeeded")
        .containsPattern("2\\s+us\\s+deploy-00002\\s+TaskRun\\s+Running");
    assertThat(text.toString().indexOf("deploy-00001")).isLessThan(text.toString().indexOf("deploy-00002"));
  }

  @Test
  void aRunWithoutIterationsPrintsNothing() {
    CustomRun run = new CustomRun();
    run.setStatus(new CustomRunStatus());
    run.getStatus().setExtraFields(Map.of("deadline", "2026-01-01T00:00:00Z"));
    StringWriter text = new StringWriter();
    IterationsSection.print(run, new PrintWriter(text));
    assertThat(text.toString()).isEmpty();
  }
}
