package dev.customtasks.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.approval.tally.OnTimeout;
import dev.customtasks.approval.tally.Verdict;
import dev.customtasks.crds.testkit.DeployManifests;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code kubectl apply -f task-approval/deploy/} would apply, checked. */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("deploy");

  @Test
  void everyManifestParses() {
    assertThat(DeployManifests.load(DEPLOY)).extracting(o -> o.getKind())
        .contains("Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
            "Service", "Certificate", "ValidatingWebhookConfiguration", "Deployment", "Approval", "Pipeline",
            "CustomRun", "ApprovalDecision", "RoleBinding");
  }

  @Test
  void shippedCrdsAreTheGeneratedOnes() throws Exception {
    DeployManifests.assertSameCrd(DEPLOY.resolve("100-crd-approval.yaml"), ApprovalModule.CRDS.get(0));
    DeployManifests.assertSameCrd(DEPLOY.resolve("101-crd-approvalrequest.yaml"), ApprovalModule.CRDS.get(1));
    DeployManifests.assertSameCrd(DEPLOY.resolve("102-crd-approvaldecision.yaml"), ApprovalModule.CRDS.get(2));
  }

  /**
   * The CRDs' enums are the words the controller reads, so that an API server refuses at create
   * what the controller would refuse later, and nothing it would accept.
   */
  @Test
  void theCrdsEnumsAreTheWordsTheControllerReads() throws Exception {
    List<String> onTimeout = Arrays.stream(OnTimeout.values()).map(OnTimeout::wire).sorted().toList();
    List<String> decision = Arrays.stream(Verdict.values()).map(Verdict::wire).sorted().toList();

    assertThat(DeployManifests.schemaEnums(DEPLOY.resolve("100-crd-approval.yaml")))
        .isEqualTo(Map.of("spec.onTimeout", onTimeout));
    assertThat(DeployManifests.schemaEnums(DEPLOY.resolve("101-crd-approvalrequest.yaml")))
        .isEqualTo(Map.of("spec.onTimeout", onTimeout));
    assertThat(DeployManifests.schemaEnums(DEPLOY.resolve("102-crd-approvaldecision.yaml")))
        .isEqualTo(Map.of("spec.decision", decision));
    assertThat(onTimeout).allSatisfy(word -> assertThat(OnTimeout.parse(word).wire()).isEqualTo(word));
    assertThat(decision).allSatisfy(word -> assertThat(Verdict.parse(word)).map(Verdict::wire).hasValue(word));
  }

  @Test
  void printerColumnsComeInTheOrderTheKindsDeclareThem() throws Exception {
    assertThat(columns("101-crd-approvalrequest.yaml")).containsExactly("State", "Approvals", "Age");
    assertThat(columns("102-crd-approvaldecision.yaml")).containsExactly("Request", "Decision", "User", "Age");
  }

  private static java.util.List<String> columns(String file) throws Exception {
    var crd = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
        java.nio.file.Files.readString(DEPLOY.resolve(file)),
        io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class);
    return crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream().map(c -> c.getName()).toList();
  }

  @Test
  void theWebhookIsNamedAsTheHandlerAndServedWhereTheServiceSends() {
    var webhook = DeployManifests.load(DEPLOY).stream()
        .filter(o -> o.getKind().equals("ValidatingWebhookConfiguration")).findFirst().orElseThrow();
    String yaml = io.fabric8.kubernetes.client.utils.Serialization.asYaml(webhook);
    assertThat(yaml).contains("name: \"" + dev.customtasks.approval.admission.DecisionAdmission.NAME + "\"")
        .contains("path: \"" + dev.customtasks.approval.admission.DecisionWebhook.PATH + "\"");
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
