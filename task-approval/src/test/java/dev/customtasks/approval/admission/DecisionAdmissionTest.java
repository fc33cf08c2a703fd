package dev.customtasks.approval.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.approval.api.ApprovalDecision;
import dev.customtasks.approval.api.ApprovalDecisionSpec;
import dev.customtasks.approval.api.ApprovalRequest;
import dev.customtasks.approval.api.ApprovalRequestSpec;
import dev.customtasks.approval.api.ApprovalRequestStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The approval webhook's handler, fed AdmissionReviews as kube-apiserver sends them. */
class DecisionAdmissionTest {

  private final Map<String, ApprovalRequest> requests = new LinkedHashMap<>();
  private final List<ApprovalDecision> decisions = new ArrayList<>();
  private final DecisionAdmission handler = new DecisionAdmission(new DecisionLookup() {
    @Override
    public Optional<ApprovalRequest> request(String namespace, String name) {
      return Optional.ofNullable(requests.get(namespace + "/" + name));
    }

    @Override
    public List<ApprovalDecision> decisions(String namespace) {
      return decisions.stream().filter(d -> namespace.equals(d.getMetadata().getNamespace())).toList();
    }
  });

  DecisionAdmissionTest() {
    request("deploy", "Pending");
    request("done", "Approved");
    request("late", "Pending");
    requests.get("team/late").setSpec(new ApprovalRequestSpec("ship?", List.of("alice"), 1,
        "2020-01-01T00:00:00.000Z", "reject", "late"));
  }

  private void request(String name, String state) {
    ApprovalRequest r = new ApprovalRequest();
    r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team").build());
    r.setSpec(new ApprovalRequestSpec("ship?", List.of("alice", "bob", "group:release-managers"), 2, null, "reject",
        name));
    r.setStatus(new ApprovalRequestStatus(state, "0/2", List.of(), List.of(), null, null));
    requests.put("team/" + name, r);
  }

  private static ApprovalDecision decision(String name, String request, String verdict, String user, String... groups) {
    ApprovalDecision d = new ApprovalDecision();
    d.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team").build());
    d.setSpec(new ApprovalDecisionSpec(request, verdict, "why not", user, Arrays.asList(groups)));
    return d;
  }

  private AdmissionResponse review(String operation, ApprovalDecision object, String user, String... groups) {
    AdmissionReview review = new AdmissionReviewBuilder().withApiVersion("admission.k8s.io/v1")
        .withKind("AdmissionReview").withNewRequest().withUid("uid-1").withOperation(operation)
        .withName(object.getMetadata().getName()).withNamespace("team")
        .withResource(new io.fabric8.kubernetes.api.model.GroupVersionResource("customtasks.dev", "approvaldecisions", "v1alpha1"))
        .withNewUserInfo().withUsername(user).withGroups(Arrays.asList(groups)).endUserInfo()
        .withObject("DELETE".equals(operation) ? null : object)
        .withOldObject("CREATE".equals(operation) ? null : object)
        .endRequest().build();
    // As over the wire: the object arrives as JSON, not as our class.
    AdmissionReview received = Serialization.unmarshal(Serialization.asJson(review), AdmissionReview.class);
    AdmissionReview answer = handler.answer(received);
    assertThat(answer.getResponse().getUid()).isEqualTo("uid-1");
    return answer.getResponse();
  }

  @Test
  void aListedUserMayDecide() {
    assertThat(review("CREATE", decision("d1", "deploy", "approve", "alice"), "alice").getAllowed()).isTrue();
  }

  @Test
  void aGroupMemberMayDecideNamingTheGroup() {
    assertThat(review("CREATE", decision("d1", "deploy", "approve", "carol", "release-managers"), "carol",
        "system:authenticated", "release-managers").getAllowed()).isTrue();
  }

  @Test
  void kubernetesOwnCollectorsMayDeleteWhenTheNamespaceGoes() {
    assertThat(review("DELETE", decision("d1", "deploy", "approve", "alice"),
        "system:serviceaccount:kube-system:namespace-controller").getAllowed()).isTrue();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("neither listed nor in a listed group", "CREATE", decision("d", "deploy", "approve", "mallory"),
            "mallory", List.of("devs"), 403, "mallory may not decide on ApprovalRequest \"deploy\": neither a listed "
                + "approver nor in a listed group (approvers: alice, bob, group:release-managers)"),
        Arguments.of("in a listed group without naming it", "CREATE", decision("d", "deploy", "approve", "carol"),
            "carol", List.of("release-managers"), 403,
            "carol decides through a group: name it in spec.groups (one of: release-managers)"),
        Arguments.of("claiming a group not held", "CREATE",
            decision("d", "deploy", "approve", "mallory", "release-managers"), "mallory", List.of("devs"), 403,
            "mallory is not in group release-managers named in spec.groups"),
        Arguments.of("in someone else's name", "CREATE", decision("d", "deploy", "approve", "alice"), "mallory",
            List.of(), 403, "spec.user is \"alice\" but you are \"mallory\": nobody decides in someone else's name"),
        Arguments.of("without a user", "CREATE", decision("d", "deploy", "approve", null), "alice", List.of(), 403,
            "spec.user must be set to your user name (alice)"),
        Arguments.of("a second decision", "CREATE", decision("d2", "deploy", "reject", "bob"), "bob", List.of(), 403,
            "bob already decided on ApprovalRequest \"deploy\" (ApprovalDecision \"earlier\"): one decision per person"),
        Arguments.of("on a closed request", "CREATE", decision("d", "done", "approve", "alice"), "alice", List.of(),
            403, "ApprovalRequest \"done\" is closed (Approved): it takes no more decisions"),
        Arguments.of("after the request's deadline", "CREATE", decision("d", "late", "approve", "alice"), "alice",
            List.of(), 403, "ApprovalRequest \"late\" timed out at 2020-01-01T00:00:00.000Z: it takes no more decisions"),
        Arguments.of("on a request that does not exist", "CREATE", decision("d", "nowhere", "approve", "alice"),
            "alice", List.of(), 404, "ApprovalRequest \"nowhere\" does not exist in namespace \"team\""),
        Arguments.of("an unknown decision", "CREATE", decision("d", "deploy", "maybe", "alice"), "alice", List.of(),
            400, "spec.decision must be \"approve\" or \"reject\", got \"maybe\""),
        Arguments.of("no request named", "CREATE", decision("d", " ", "approve", "alice"), "alice", List.of(), 400,
            "spec.request must name the ApprovalRequest decided on"),
        Arguments.of("an update", "UPDATE", decision("d", "deploy", "approve", "alice"), "alice", List.of(), 403,
            "ApprovalDecision \"d\" cannot be changed: decisions are final; a decision stands as it was made"),
        Arguments.of("a delete, even by an admin", "DELETE", decision("d", "deploy", "approve", "alice"),
            "system:admin", List.of("system:masters"), 403,
            "ApprovalDecision \"d\" cannot be deleted: decisions are an append-only audit trail"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refuses(String name, String operation, ApprovalDecision object, String user, List<String> groups, int code,
      String message) {
    decisions.add(decision("earlier", "deploy", "approve", "bob"));
    AdmissionResponse response = review(operation, object, user, groups.toArray(String[]::new));
    assertThat(response.getAllowed()).isFalse();
    assertThat(response.getStatus().getCode()).isEqualTo(code);
    assertThat(response.getStatus().getMessage()).isEqualTo(message);
  }
}
