package dev.customtasks.wait;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.testkit.DeployManifests;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@code kubectl apply -f task-wait/deploy/} would apply, checked. */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("deploy");

  @Test
  void everyManifestParses() {
    assertThat(DeployManifests.load(DEPLOY)).extracting(o -> o.getKind())
        .contains("Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
            "Deployment", "Wait", "Pipeline", "CustomRun");
  }

  @Test
  void shippedWaitCrdIsTheGeneratedOne() throws Exception {
    DeployManifests.assertSameCrd(DEPLOY.resolve("100-crd-wait.yaml"), WaitTaskIT.WAIT_CRD);
  }

  @Test
  void theDeploymentProbesTheControllersHealth() {
    DeployManifests.assertProbed(DEPLOY);
  }

  @Test
  void theShippedKindsDecodeStraightIntoTheirClasses() {
    DeployManifests.assertKindsRegistered(DEPLOY);
  }
}
