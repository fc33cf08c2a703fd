package dev.customtasks.cli.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.approval.api.ApprovalRequest;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class ApprovalProgressTest {

  private static ApprovalRequest request(String state, String approvals) {
    return Serialization.unmarshal("""
        apiVersion: customtasks.dev/v1alpha1
        kind: ApprovalRequest
        metadata: {name: ship-it, namespace: ci}
        spec: {approvers: [alice, bob, "group:release-managers"], required: 3, message: "Ship it?"}
        status:
          state: %s
          approvals: "%s"
          approvers: [alice, carol]
          decisions:
          - {name: d1, user: alice, decision: approve, comment: fine by me, time: "2026-06-01T10:00:01Z"}
          - {name: d2, user: carol, groups: [release-managers], decision: approve, time: "2026-06-01T10:00:02Z"}
        """.formatted(state, approvals), ApprovalRequest.class);
  }

  @Test
  void whoVotedIsListedWithTheDecisionAndOnlyTheOthersAsWaitedFor() {
    ApprovalProgress progress = ApprovalProgress.of(request("Pending", "2/3"));

    assertThat(progress.decided()).containsExactly("alice approved: fine by me",
        "carol (group release-managers) approved");
    // alice voted by name: no longer waited for; the group still is (another member may decide), but not carol
    assertThat(progress.waiting()).containsExactly("bob", "group:release-managers (but carol)");
    assertThat(progress.line()).isEqualTo("2/3 Pending; decided: alice approved: fine by me, carol (group "
        + "release-managers) approved; waiting for: bob, group:release-managers (but carol): ctk approve ship-it");
  }

  @Test
  void aClosedRequestWaitsForNobody() {
    ApprovalProgress progress = ApprovalProgress.of(request("Rejected", "2/3"));

    assertThat(progress.waiting()).isEmpty();
    assertThat(progress.line()).isEqualTo("2/3 Rejected; decided: alice approved: fine by me, carol (group "
        + "release-managers) approved");
  }

  @Test
  void aRequestWithoutStatusYetWaitsForEveryApprover() {
    ApprovalRequest fresh = request("Pending", "0/3");
    fresh.setStatus(null);

    ApprovalProgress progress = ApprovalProgress.of(fresh);
    assertThat(progress.decided()).isEmpty();
    assertThat(progress.line()).isEqualTo("0/3 Pending; waiting for: alice, bob, group:release-managers: "
        + "ctk approve ship-it");
  }
}
