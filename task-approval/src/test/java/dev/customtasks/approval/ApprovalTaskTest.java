package dev.customtasks.approval;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.approval.ApprovalTask.ApprovalState;
import dev.customtasks.approval.ApprovalTask.Plan;
import dev.customtasks.approval.api.ApprovalDecision;
import dev.customtasks.approval.api.ApprovalDecisionSpec;
import dev.customtasks.approval.api.ApprovalRequest;
import dev.customtasks.crds.api.Condition;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.testkit.CustomRunBuilder;
import dev.customtasks.crds.testkit.TaskTester;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** ApprovalTask's decisions on a fixed clock with in-memory children and decisions: no server. */
class ApprovalTaskTest {

  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  private final TaskTester<Plan, ApprovalState> tester = new TaskTester<>(new ApprovalTask());
  private int resourceVersion = 100;

  private static CustomRunBuilder gate(String name) {
    return customRun(name).ref(ApprovalTask.KIND)
        .param("approvers", List.of("alice", "bob", "group:release-managers"))
        .param("required", "2").param("message", "Deploy 1.2 to production?");
  }

  private void decide(String name, String request, String user, String decision, String comment, Instant at,
      String... groups) {
    ApprovalDecision d = new ApprovalDecision();
    d.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("test")
        .withCreationTimestamp(Timestamps.format(at)).withResourceVersion(Integer.toString(++resourceVersion)).build());
    d.setSpec(new ApprovalDecisionSpec(request, decision, comment, user, List.of(groups)));
    tester.children().put(d);
  }

  private ApprovalRequest request(String name) {
    return tester.children().get(ApprovalRequest.class, name).orElseThrow();
  }

  private static Condition succeeded(CustomRun run) {
    return run.getStatus().succeededCondition().orElseThrow();
  }

  @Test
  void theFirstTickAsksThroughARequestNamedAsTheRunAndArmsTheDeadline() {
    CustomRun run = tester.started(gate("deploy").param("timeout", "1h").build(), T0);
    assertThat(tester.tick(run, T0.plusSeconds(1)).wakeAt()).contains(T0.plusSeconds(3600));

    ApprovalRequest request = request("deploy");
    assertThat(request.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo("deploy"));
    assertThat(request.getSpec().approvers()).containsExactly("alice", "bob", "group:release-managers");
    assertThat(request.getSpec().required()).isEqualTo(2);
    assertThat(request.getSpec().message()).isEqualTo("Deploy 1.2 to production?");
    assertThat(request.getSpec().deadline()).isEqualTo("2026-06-01T11:00:00.000Z");
    assertThat(request.getStatus().state()).isEqualTo("Pending");
    assertThat(request.getStatus().approvals()).isEqualTo("0/2");
    assertThat(run.getStatus().getExtraFields()).isEqualTo(Map.of("approvalRequest", "deploy",
        "deadline", "2026-06-01T11:00:00.000Z"));
    assertThat(succeeded(run).getMessage()).isEqualTo(
        "waiting for 2 more approvals (0/2) from alice, bob, group:release-managers: ctk approve deploy");
  }

  @Test
  void twoOfThreeApproveOneThroughAGroup() {
    CustomRun run = tester.started(gate("deploy").build(), T0);
    tester.tick(run, T0);
    decide("d1", "deploy", "alice", "approve", "looks good", T0.plusSeconds(5));
    tester.tick(run, T0.plusSeconds(6));
    assertThat(succeeded(run).getStatus()).isEqualTo("Unknown");
    assertThat(request("deploy").getStatus().approvals()).isEqualTo("1/2");

    decide("d2", "deploy", "carol", "approve", "ship it", T0.plusSeconds(9), "release-managers");
    tester.tick(run, T0.plusSeconds(10));
    assertThat(succeeded(run).getStatus()).isEqualTo("True");
    assertThat(succeeded(run).getReason()).isEqualTo("Approved");
    assertThat(succeeded(run).getMessage()).isEqualTo("approved by alice, carol");
    assertThat(run.getStatus().result("decision").map(r -> r.getValue())).contains(ParamValue.of("approved"));
    assertThat(run.getStatus().result("approvers").map(r -> r.getValue())).contains(ParamValue.ofArray(List.of("alice", "carol")));
    assertThat(run.getStatus().result("comment").map(r -> r.getValue())).contains(ParamValue.of("ship it"));

    ApprovalRequest request = request("deploy");
    assertThat(request.getStatus().state()).isEqualTo("Approved");
    assertThat(request.getStatus().decisions()).extracting(d -> d.user() + ":" + d.groups() + ":" + d.comment())
        .containsExactly("alice:[]:looks good", "carol:[release-managers]:ship it");
    assertThat(request.getStatus().closedAt()).isEqualTo("2026-06-01T10:00:10.000Z");
  }

  @Test
  void eachDecisionIsToldOnTheRunAndTheRequestOnce() {
    CustomRun run = tester.started(gate("deploy").build(), T0);
    tester.tick(run, T0);
    decide("d1", "deploy", "alice", "approve", "", T0.plusSeconds(5));
    tester.tick(run, T0.plusSeconds(6));
    tester.tick(run, T0.plusSeconds(7));
    assertThat(tester.children().events()).extracting(e -> e.getKey().getKind() + " " + e.getValue().reason() + " "
        + e.getValue().message()).containsExactly(
            "CustomRun DecisionApproved alice approved (1/2)",
            "ApprovalRequest DecisionApproved alice approved (1/2)");
  }

  @Test
  void oneRejectEndsTheRunNamingWhoAndWhy() {
    CustomRun run = tester.started(gate("deploy").build(), T0);
    tester.tick(run, T0);
    decide("d1", "deploy", "alice", "approve", "", T0.plusSeconds(1));
    decide("d2", "deploy", "bob", "reject", "the change freeze is on", T0.plusSeconds(2));
    tester.tick(run, T0.plusSeconds(3));
    assertThat(succeeded(run).getStatus()).isEqualTo("False");
    assertThat(succeeded(run).getReason()).isEqualTo("Rejected");
    assertThat(succeeded(run).getMessage()).isEqualTo("rejected by bob: the change freeze is on");
    assertThat(request("deploy").getStatus().state()).isEqualTo("Rejected");
  }

  @Test
  void decisionsOfOthersAndOfOtherRequestsDoNotCount() {
    CustomRun run = tester.started(gate("deploy").build(), T0);
    tester.tick(run, T0);
    decide("d1", "deploy", "mallory", "approve", "", T0.plusSeconds(1));
    decide("d2", "other", "alice", "approve", "", T0.plusSeconds(1));
    decide("d3", "deploy", "alice", "maybe", "", T0.plusSeconds(1));
    decide("d4", "deploy", "bob", "approve", "", T0.plusSeconds(2));
    decide("d5", "deploy", "bob", "approve", "again", T0.plusSeconds(3));
    tester.tick(run, T0.plusSeconds(4));
    assertThat(succeeded(run).getStatus()).isEqualTo("Unknown");
    assertThat(request("deploy").getStatus().approvers()).containsExactly("bob");
  }

  @Test
  void aDecisionNeitherApproveNorRejectIsToldNotCountedOnce() {
    CustomRun run = tester.started(gate("deploy").build(), T0);
    tester.tick(run, T0);
    decide("d1", "deploy", "alice", "maybe", "", T0.plusSeconds(1));
    tester.tick(run, T0.plusSeconds(2));
    decide("d2", "deploy", "bob", "approve", "", T0.plusSeconds(3));
    tester.tick(run, T0.plusSeconds(4));
    tester.tick(run, T0.plusSeconds(5));

    assertThat(tester.children().events()).extracting(e -> e.getKey().getKind() + " " + (e.getValue().warning() ? "Warning" : "Normal") + " "
        + e.getValue().reason() + " " + e.getValue().message()).containsExactly(
            "CustomRun Warning DecisionNotCounted ApprovalDecision \"d1\" is not counted: spec.decision must be "
                + "\"approve\" or \"reject\", got \"maybe\"",
            "ApprovalRequest Warning DecisionNotCounted ApprovalDecision \"d1\" is not counted: spec.decision must be "
                + "\"approve\" or \"reject\", got \"maybe\"",
            "CustomRun Normal DecisionApproved bob approved (1/2)",
            "ApprovalRequest Normal DecisionApproved bob approved (1/2)");
    assertThat(request("deploy").getStatus().approvers()).containsExactly("bob");
    assertThat(succeeded(run).getStatus()).isEqualTo("Unknown");
  }

  @Test
  void twoDecisionsInTheSameSecondAreBothCounted() {
    CustomRun run = tester.started(gate("deploy").build(), T0);
    tester.tick(run, T0);
    decide("zz-alice", "deploy", "alice", "approve", "", T0.plusSeconds(1));
    decide("aa-bob", "deploy", "bob", "approve", "", T0.plusSeconds(1));
    tester.tick(run, T0.plusSeconds(1));
    assertThat(succeeded(run).getReason()).isEqualTo("Approved");
    // Cast order is the API server's (resourceVersion), not the names'.
    assertThat(run.getStatus().result("approvers").map(r -> r.getValue())).contains(ParamValue.ofArray(List.of("alice", "bob")));
  }

  static Stream<Arguments> timeouts() {
    return Stream.of(Arguments.of("reject", "False", "TimedOut"), Arguments.of("approve", "True", "ApprovedOnTimeout"));
  }

  @ParameterizedTest(name = "onTimeout {0}")
  @MethodSource("timeouts")
  void atTheDeadlineOnTimeoutDecides(String onTimeout, String status, String reason) {
    CustomRun run = tester.started(gate("deploy").param("timeout", "30m").param("onTimeout", onTimeout).build(), T0);
    tester.tick(run, T0);
    decide("d1", "deploy", "alice", "approve", "", T0.plusSeconds(1));
    assertThat(tester.tick(run, T0.plusSeconds(1799)).wakeAt()).contains(T0.plusSeconds(1800));
    assertThat(succeeded(run).getStatus()).isEqualTo("Unknown");
    tester.tick(run, T0.plusSeconds(1800));
    assertThat(succeeded(run).getStatus()).isEqualTo(status);
    assertThat(succeeded(run).getReason()).isEqualTo(reason);
    assertThat(succeeded(run).getMessage()).startsWith("no decision before the deadline (1/2 approvals)");
    assertThat(request("deploy").getStatus().state()).isEqualTo("TimedOut");
  }

  @Test
  void aDecisionMadeAfterTheDeadlineComesTooLateEvenIfSeenBeforeTheTimeout() {
    CustomRun run = tester.started(gate("deploy").param("timeout", "10s").build(), T0);
    tester.tick(run, T0);
    decide("d1", "deploy", "alice", "approve", "", T0.plusSeconds(9));
    decide("d2", "deploy", "bob", "approve", "", T0.plusSeconds(10));
    // The controller was down at the deadline and ticks only now.
    tester.tick(run, T0.plusSeconds(30));
    assertThat(succeeded(run).getReason()).isEqualTo("TimedOut");
    assertThat(request("deploy").getStatus().approvers()).containsExactly("alice");
  }

  @Test
  void aRestartedControllerKeepsTheStoredDeadline() {
    CustomRun run = tester.started(gate("deploy").param("timeout", "1h").build(), T0);
    run.getStatus().setExtraFields(Map.of("approvalRequest", "deploy", "deadline", "2026-06-01T10:00:05.000Z"));
    tester.tick(run, T0.plusSeconds(4));
    assertThat(succeeded(run).getStatus()).isEqualTo("Unknown");
    tester.tick(run, T0.plusSeconds(5));
    assertThat(succeeded(run).getReason()).isEqualTo("TimedOut");
  }

  @Test
  void cancelClosesTheRequestAsCancelledAndKeepsIt() {
    CustomRun run = tester.started(gate("deploy").build(), T0);
    tester.tick(run, T0);
    decide("d1", "deploy", "alice", "approve", "", T0.plusSeconds(1));
    tester.tick(run, T0.plusSeconds(1));
    run.getSpec().setStatus(CustomRun.CANCELLED);
    tester.tick(run, T0.plusSeconds(2));
    assertThat(succeeded(run).getReason()).isEqualTo("Cancelled");
    assertThat(request("deploy").getStatus().state()).isEqualTo("Cancelled");
    assertThat(request("deploy").getStatus().decisions()).hasSize(1);
  }

  @Test
  void theRunsOwnTimeoutClosesTheRequestAsTimedOut() {
    CustomRun run = tester.started(gate("deploy").timeout("10s").build(), T0);
    tester.tick(run, T0);
    tester.tick(run, T0.plusSeconds(10));
    assertThat(succeeded(run).getReason()).isEqualTo("TimedOut");
    assertThat(request("deploy").getStatus().state()).isEqualTo("TimedOut");
  }

  @Test
  void theManualApprovalGateFormIsAnswered() {
    CustomRun run = tester.started(customRun("gate").ref(ApprovalTask.MANUAL_APPROVAL_GATE_KIND)
        .param("approvers", List.of("foo", "bar", "group:tekton")).param("numberOfApprovalsRequired", "2")
        .param("description", "Approval Task Rocks!!!").build(), T0);
    tester.tick(run, T0);
    assertThat(request("gate").getSpec().message()).isEqualTo("Approval Task Rocks!!!");
    decide("d1", "gate", "foo", "approve", "", T0.plusSeconds(1));
    decide("d2", "gate", "dave", "approve", "", T0.plusSeconds(2), "tekton");
    tester.tick(run, T0.plusSeconds(3));
    assertThat(succeeded(run).getReason()).isEqualTo("Approved");
  }

  @Test
  void theManualApprovalGateNeedsOneApprovalByDefault() {
    CustomRun run = tester.started(customRun("gate").ref(ApprovalTask.MANUAL_APPROVAL_GATE_KIND)
        .param("approvers", List.of("foo")).build(), T0);
    assertThat(tester.decode(run).policy().required()).isEqualTo(1);
  }

  @Test
  void aNamedApprovalPolicyIsUsedAndParamsWin() {
    tester.withNamedObject("prod-policy", Map.of("approvers", List.of("alice", "bob"), "required", 2,
        "timeout", "24h", "onTimeout", "approve"));
    CustomRun run = tester.started(customRun("deploy").ref(ApprovalTask.KIND, "prod-policy")
        .param("required", "1").build(), T0);
    Plan plan = tester.decode(run);
    assertThat(plan.policy().users()).containsExactly("alice", "bob");
    assertThat(plan.policy().required()).isEqualTo(1);
    assertThat(plan.policy().timeout()).contains(java.time.Duration.ofHours(24));
  }

  @Test
  void aBadOnTimeoutIsNamedWhereItCameFrom() {
    tester.withNamedObject("lax-policy", Map.of("approvers", List.of("alice"), "onTimeout", "maybe"));
    CustomRun named = tester.started(customRun("named").ref(ApprovalTask.KIND, "lax-policy").build(), T0);
    CustomRun embedded = tester.started(customRun("embedded").embedded(ApprovalTask.KIND,
        Map.of("approvers", List.of("alice"), "onTimeout", "Approve!")).build(), T0);

    assertThatThrownBy(() -> tester.decode(named)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reasons.INVALID_SPEC);
      assertThat(e.getMessage()).isEqualTo("Approval \"lax-policy\" spec.onTimeout: must be \"reject\" or "
          + "\"approve\", got \"maybe\"");
    });
    assertThatThrownBy(() -> tester.decode(embedded)).hasMessage("customSpec.spec.onTimeout: must be \"reject\" or "
        + "\"approve\", got \"Approve!\"");
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of(customRun("r").ref(ApprovalTask.KIND).param("approvers", List.of()), "approvers"),
        Arguments.of(customRun("r").ref(ApprovalTask.KIND).param("required", "1"), "approvers"),
        Arguments.of(gate("r").param("required", "0"), "required"),
        Arguments.of(gate("r").param("required", "two"), "required"),
        Arguments.of(customRun("r").ref(ApprovalTask.KIND).param("approvers", List.of("alice")).param("required", "2"),
            "required"),
        Arguments.of(gate("r").param("onTimeout", "shrug"), "onTimeout"),
        Arguments.of(gate("r").param("timeout", "a while"), "timeout"),
        Arguments.of(customRun("r").ref(ApprovalTask.MANUAL_APPROVAL_GATE_KIND).param("approvers", List.of("a"))
            .param("numberOfApprovalsRequired", "3"), "numberOfApprovalsRequired"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badInput")
  void badInputEndsTheRunNamingTheField(CustomRunBuilder builder, String field) {
    CustomRun run = tester.started(builder.build(), T0);
    assertThatThrownBy(() -> tester.decode(run)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.reason()).isEqualTo("InvalidParams");
      assertThat(e.getMessage()).contains("\"" + field + "\"");
    });
    tester.tick(run, T0);
    assertThat(succeeded(run).getReason()).isEqualTo("InvalidParams");
    assertThat(tester.children().all()).isEmpty();
  }
}
