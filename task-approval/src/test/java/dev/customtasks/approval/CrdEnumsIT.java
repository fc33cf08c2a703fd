package dev.customtasks.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.approval.admission.DecisionAdmission;
import dev.customtasks.approval.admission.DecisionLookup;
import dev.customtasks.approval.api.Approval;
import dev.customtasks.approval.api.ApprovalDecision;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped CRDs' enums at work: a misspelt {@code onTimeout} or {@code decision} is refused
 * when the object is created, with kube-apiserver's message, before the decision webhook sees it
 * (schema validation comes before validating admission on a cluster, and on the embedded server).
 */
class CrdEnumsIT {

  private static final String NS = "default";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(ApprovalModule.CRDS);
    server.admit(new DecisionAdmission(DecisionLookup.of(server.admissionReads())));
    client = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anApprovalPolicyWithAnOnTimeoutTheControllerWouldRefuseIsRefusedAtCreate() {
    assertInvalid(object(Approval.class, "lax-policy", "{approvers: [alice], onTimeout: later}"),
        "Approval.customtasks.dev \"lax-policy\" is invalid: spec.onTimeout: Unsupported value: \"later\": "
            + "supported values: \"approve\", \"reject\"");

    assertThat(client.resource(object(Approval.class, "strict-policy", "{approvers: [alice], onTimeout: approve}"))
        .create().getSpec().onTimeout()).isEqualTo("approve");
  }

  @Test
  void aDecisionNeitherApproveNorRejectIsRefusedAtCreate() {
    assertInvalid(object(ApprovalDecision.class, "deploy-alice", "{request: deploy, decision: maybe, user: "
        + "system:admin}"), "ApprovalDecision.customtasks.dev \"deploy-alice\" is invalid: spec.decision: Unsupported "
            + "value: \"maybe\": supported values: \"approve\", \"reject\"");
  }

  private static <T extends HasMetadata> T object(Class<T> type, String name, String spec) {
    return Serialization.unmarshal("""
        apiVersion: customtasks.dev/v1alpha1
        kind: %s
        metadata: {name: %s, namespace: %s}
        spec: %s
        """.formatted(type.getSimpleName(), name, NS, spec), type);
  }

  private static void assertInvalid(HasMetadata object, String message) {
    assertThatThrownBy(() -> client.resource(object).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
          assertThat(e.getStatus().getMessage()).isEqualTo(message);
        });
  }
}
