package dev.customtasks.cli.run;

import static dev.customtasks.cli.CtkRun.ctk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.CtkRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code ctk run --embedded} on the Loop example: the loop polls until its condition holds. */
class LoopExampleIT {

  private static final Path EXAMPLES = Path.of("..", "examples");

  @Test
  void loopUntilReadyExampleEndsWhenItsConditionHolds() {
    CtkRun.Result result = ctk("run", EXAMPLES.resolve("loop-until-ready.yaml").toString(), "--embedded");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).containsPattern("deploy\\s+TaskRun\\s+Succeeded")
        .containsPattern("wait-until-ready\\s+Loop\\s+Succeeded")
        .containsPattern("announce\\s+TaskRun\\s+Succeeded")
        .contains("PipelineRun deploy-and-wait-run Succeeded");
  }
}
