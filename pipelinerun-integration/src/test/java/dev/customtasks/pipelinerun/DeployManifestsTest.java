package dev.customtasks.pipelinerun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.TektonCrds;
import dev.customtasks.crds.testkit.DeployManifests;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@code kubectl apply -f pipelinerun-integration/deploy/} would apply, checked. */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("deploy");

  @Test
  void everyManifestParses() {
    assertThat(DeployManifests.load(DEPLOY)).extracting(o -> o.getKind())
        .contains("Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
            "Deployment", "Pipeline", "PipelineRun");
  }

  @Test
  void shippedTektonCrdsAreTheOnesTheControllerIsTestedWith() throws Exception {
    for (String resource : TektonCrds.resourcePaths()) {
      String plural = resource.substring(resource.indexOf('_') + 1, resource.indexOf(".yaml"));
      DeployManifests.assertSameCrd(DEPLOY.resolve("100-crd-tekton-" + plural + ".yaml"), resource);
    }
  }

  @Test
  void theDeploymentProbesTheControllersHealth() {
    DeployManifests.assertProbed(DEPLOY);
  }
}
