package dev.customtasks.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.testkit.DeployManifests;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@code kubectl apply -f task-concurrency/deploy/} would apply, checked. */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("deploy");

  @Test
  void everyManifestParses() {
    assertThat(DeployManifests.load(DEPLOY)).extracting(o -> o.getKind())
        .contains("Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
            "Deployment", "Pipeline", "CustomRun");
  }

  @Test
  void shippedConcurrencyKeyCrdIsTheGeneratedOne() throws Exception {
    DeployManifests.assertSameCrd(DEPLOY.resolve("100-crd-concurrencykey.yaml"), LockModule.CRD);
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
