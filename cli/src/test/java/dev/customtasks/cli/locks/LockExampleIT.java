package dev.customtasks.cli.locks;

import static dev.customtasks.cli.CtkRun.ctk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.CtkRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped Lock example runs as its comment says. */
class LockExampleIT {

  @Test
  void oneDeployAtATimeExampleTakesAndGivesBackItsKey() {
    CtkRun.Result result = ctk("run", Path.of("..", "examples", "one-deploy-at-a-time.yaml").toString(), "--embedded");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).containsPattern("take-env\\s+Lock\\s+Succeeded")
        .containsPattern("deploy\\s+TaskRun\\s+Succeeded")
        .containsPattern("give-back-env\\s+Unlock\\s+Succeeded")
        .contains("PipelineRun deploy-prod-a Succeeded");
  }
}
