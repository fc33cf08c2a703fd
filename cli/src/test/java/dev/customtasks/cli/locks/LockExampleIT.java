package dev.customtasks.cli.locks;

import static dev.customtasks.cli.CtkRun.ctk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.CtkRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped Lock examples run as their comments say. */
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

  @Test
  void oneMigrationAcrossNamespacesExampleTakesAndGivesBackItsClusterKey() {
    CtkRun.Result result = ctk("run", Path.of("..", "examples", "one-migration-across-namespaces.yaml").toString(),
        "--embedded", "-n", "team-a");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).containsPattern("take-db\\s+Lock\\s+Succeeded")
        .containsPattern("migrate\\s+TaskRun\\s+Succeeded")
        .containsPattern("give-back-db\\s+Unlock\\s+Succeeded")
        .contains("PipelineRun migrate-staging Succeeded");
  }
}
