package dev.customtasks.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.testkit.DeployManifests;
import dev.customtasks.matrix.api.Matrix;
import dev.customtasks.matrix.api.MatrixSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@code kubectl apply -f task-matrix/deploy/} would apply, checked. */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("deploy");

  @Test
  void everyManifestParses() {
    assertThat(DeployManifests.load(DEPLOY)).extracting(o -> o.getKind())
        .contains("Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
            "Deployment", "Matrix", "Pipeline", "CustomRun");
  }

  @Test
  void shippedMatrixCrdIsTheGeneratedOne() throws Exception {
    DeployManifests.assertSameCrd(DEPLOY.resolve("100-crd-matrix.yaml"), MatrixModule.CRD);
  }

  @Test
  void theExampleMatrixReadsIntoTheSpecAndFansOutAsDocumented() {
    GenericKubernetesResource example = DeployManifests.load(DEPLOY.resolve("examples")).stream()
        .filter(o -> o.getKind().equals("Matrix")).findFirst().orElseThrow();
    Matrix matrix = Serialization.jsonMapper().convertValue(example, Matrix.class);
    MatrixSpec spec = matrix.getSpec();
    assertThat(spec.matrix().params()).hasSize(2);
    assertThat(spec.maxParallel()).isEqualTo(4);
    assertThat(spec.failFast()).isTrue();
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
