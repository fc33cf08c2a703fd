package dev.customtasks.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.concurrency.slots.Scope;
import dev.customtasks.crds.testkit.DeployManifests;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

  /**
   * The CRD's enum is the words the controller reads, so that an API server refuses at create what
   * the controller would read as something else.
   */
  @Test
  void theCrdsEnumIsTheWordsTheControllerReads() throws Exception {
    List<String> scope = Arrays.stream(Scope.values()).map(Scope::word).sorted().toList();

    assertThat(DeployManifests.schemaEnums(DEPLOY.resolve("100-crd-concurrencykey.yaml")))
        .isEqualTo(Map.of("spec.scope", scope));
    assertThat(scope).allSatisfy(word -> assertThat(Scope.parse(word)).map(Scope::word).hasValue(word));
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
