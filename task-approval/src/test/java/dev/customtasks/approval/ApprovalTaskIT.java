package dev.customtasks.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.customtasks.approval.admission.DecisionAdmission;
import dev.customtasks.approval.admission.DecisionLookup;
import dev.customtasks.approval.api.ApprovalDecision;
import dev.customtasks.approval.api.ApprovalDecisionSpec;
import dev.customtasks.approval.api.ApprovalRequest;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole pipelines with an approval stage on the embedded API server: the PipelineRun controller,
 * the TaskRun stand-in, the Approval controller, and the decision handler in the server's
 * admission chain. People decide as themselves through impersonation, as {@code kubectl --as} does.
 */
class ApprovalTaskIT {

  private static final String NS = "test";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(ApprovalModule.CRDS);
    server.admit(new DecisionAdmission(DecisionLookup.of(server.admissionReads())));
    client = server.client();
    controllers = new ControllerHarness(server::newClient, operator -> {
      new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator);
      new TaskRunStandIn(Clock.systemUTC(), Duration.ofMillis(100)).registerWith(operator);
      new CustomTaskReconciler<>(new ApprovalTask(), Clock.systemUTC()).registerWith(operator);
    }).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  /** A pipeline: an approval gate with {@code params} (YAML flow list), then a deploy task after it. */
  private static void pipeline(String name, String taskRef, String params) {
    PipelineRun run = Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineSpec:
            tasks:
            - name: approve
              taskRef: %s
              params: %s
            - name: deploy
              runAfter: [approve]
              taskSpec:
                steps: [{name: deploy, image: alpine, script: echo deploying}]
        """.formatted(name, taskRef, params), PipelineRun.class);
    run.getMetadata().setNamespace(NS);
    client.resource(run).create();
  }

  private static final String APPROVAL = "{apiVersion: customtasks.dev/v1alpha1, kind: Approval}";
  private static final String THREE = "[{name: approvers, value: [alice, bob, \"group:release-managers\"]}, "
      + "{name: required, value: \"2\"}, {name: message, value: \"Deploy to production?\"}";

  private static KubernetesClient as(String user, String... groups) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(server.client().getConfiguration())
        .withImpersonateUsername(user).withImpersonateGroups(groups).build()).build();
  }

  private static ApprovalDecision decision(String name, String request, String verdict, String user, String comment,
      List<String> groups) {
    ApprovalDecision d = new ApprovalDecision();
    d.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    d.setSpec(new ApprovalDecisionSpec(request, verdict, comment, user, groups));
    return d;
  }

  /** Decides as {@code user}, naming the groups given (which the user also holds). */
  private static void decide(String request, String user, String verdict, String comment, String... groups) {
    try (KubernetesClient as = as(user, groups)) {
      as.resource(decision(request + "-" + user, request, verdict, user, comment, List.of(groups))).create();
    }
  }

  private static ApprovalRequest awaitRequest(String name, Predicate<ApprovalRequest> condition) {
    return RunAwaits.awaitObject(client, ApprovalRequest.class, NS, name, condition);
  }

  private static ApprovalRequest awaitPending(String name) {
    return awaitRequest(name, r -> r.getStatus() != null && "Pending".equals(r.getStatus().state()));
  }

  private static PipelineRun awaitPipeline(String name) {
    return RunAwaits.awaitObject(client, PipelineRun.class, NS, name, PipelineRun::isDone);
  }

  private static CustomRun gate(String pipelineRun) {
    return client.resources(CustomRun.class).inNamespace(NS).withName(pipelineRun + "-approve").get();
  }

  private static String reason(CustomRun run) {
    return run.getStatus().succeededCondition().orElseThrow().getReason();
  }

  @Test
  void twoOfThreeApproveOneThroughAGroupAndThePipelineGoesOn() {
    pipeline("two-of-three", APPROVAL, THREE + "]");
    ApprovalRequest request = awaitPending("two-of-three-approve");
    assertThat(request.getSpec().message()).isEqualTo("Deploy to production?");

    decide("two-of-three-approve", "alice", "approve", "looks good");
    awaitRequest("two-of-three-approve", r -> "1/2".equals(r.getStatus().approvals()));
    decide("two-of-three-approve", "carol", "approve", "ship it", "release-managers");

    PipelineRun done = awaitPipeline("two-of-three");
    assertThat(done.getStatus().isSuccessful()).isTrue();
    CustomRun gate = gate("two-of-three");
    assertThat(reason(gate)).isEqualTo("Approved");
    assertThat(gate.getStatus().result("approvers")).map(r -> r.getValue())
        .contains(ParamValue.ofArray(List.of("alice", "carol")));
    assertThat(gate.getStatus().result("comment")).map(r -> r.getValue()).contains(ParamValue.of("ship it"));
    ApprovalRequest closed = awaitRequest("two-of-three-approve", r -> "Approved".equals(r.getStatus().state()));
    assertThat(closed.getStatus().decisions()).extracting(d -> d.user()).containsExactly("alice", "carol");
    assertThat(closed.getStatus().decisions().get(1).groups()).containsExactly("release-managers");
    // kubectl describe tells the story: an Event per decision on the run and on the request.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events("two-of-three-approve"))
        .filteredOn(e -> "DecisionApproved".equals(e.getReason()))
        .extracting(e -> e.getInvolvedObject().getKind())
        .containsExactlyInAnyOrder("CustomRun", "CustomRun", "ApprovalRequest", "ApprovalRequest"));
    // The closed request takes no more decisions.
    assertThatThrownBy(() -> decide("two-of-three-approve", "bob", "reject", "too late"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .contains("is closed (Approved)"));
  }

  private static List<Event> events(String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
  }

  @Test
  void oneRejectFailsThePipelineNamingWhoAndWhy() {
    pipeline("rejected", APPROVAL, THREE + "]");
    awaitPending("rejected-approve");
    decide("rejected-approve", "bob", "reject", "the freeze is on");

    PipelineRun done = awaitPipeline("rejected");
    assertThat(done.getStatus().isSuccessful()).isFalse();
    CustomRun gate = gate("rejected");
    assertThat(reason(gate)).isEqualTo("Rejected");
    assertThat(gate.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("rejected by bob: the freeze is on");
    assertThat(client.resources(CustomRun.class).inNamespace(NS).withName("rejected-deploy").get()).isNull();
  }

  @Test
  void atTheTimeoutRejectFailsAndApproveSucceeds() {
    pipeline("timeout-reject", APPROVAL, THREE + ", {name: timeout, value: 2s}]");
    pipeline("timeout-approve", APPROVAL, THREE + ", {name: timeout, value: 2s}, {name: onTimeout, value: approve}]");

    assertThat(awaitPipeline("timeout-reject").getStatus().isSuccessful()).isFalse();
    assertThat(reason(gate("timeout-reject"))).isEqualTo("TimedOut");
    assertThat(awaitPipeline("timeout-approve").getStatus().isSuccessful()).isTrue();
    assertThat(reason(gate("timeout-approve"))).isEqualTo("ApprovedOnTimeout");
    CustomRun gate = gate("timeout-approve");
    assertThat(gate.getStatus().completionInstant()).isAfterOrEqualTo(gate.getStatus().startInstant().plusSeconds(2));
    assertThat(awaitRequest("timeout-reject-approve", r -> "TimedOut".equals(r.getStatus().state()))).isNotNull();
  }

  @Test
  void cancellingThePipelineRunClosesTheRequest() {
    pipeline("cancelled", APPROVAL, THREE + "]");
    awaitPending("cancelled-approve");
    client.resources(PipelineRun.class).inNamespace(NS).withName("cancelled")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"Cancelled\"}}");

    assertThat(awaitPipeline("cancelled").getStatus().isSuccessful()).isFalse();
    RunAwaits.awaitObject(client, CustomRun.class, NS, "cancelled-approve", CustomRun::isDone);
    assertThat(reason(gate("cancelled"))).isEqualTo("Cancelled");
    awaitRequest("cancelled-approve", r -> "Cancelled".equals(r.getStatus().state()));
  }

  @Test
  void twoDecisionsAtTheSameInstantAreBothCounted() throws Exception {
    pipeline("same-instant", APPROVAL, THREE + "]");
    awaitPending("same-instant-approve");
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<Void> alice = CompletableFuture.runAsync(() -> {
      awaitLatch(go);
      decide("same-instant-approve", "alice", "approve", "");
    });
    CompletableFuture<Void> bob = CompletableFuture.runAsync(() -> {
      awaitLatch(go);
      decide("same-instant-approve", "bob", "approve", "");
    });
    go.countDown();
    CompletableFuture.allOf(alice, bob).get();

    assertThat(awaitPipeline("same-instant").getStatus().isSuccessful()).isTrue();
    assertThat(gate("same-instant").getStatus().result("approvers")).map(r -> r.getValue().asArray())
        .hasValueSatisfying(a -> assertThat(a).containsExactlyInAnyOrder("alice", "bob"));
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aDecisionMadeWhileTheControllerIsDownCountsAfterARestart() {
    pipeline("restart", APPROVAL, THREE + "]");
    awaitPending("restart-approve");
    decide("restart-approve", "alice", "approve", "first");
    awaitRequest("restart-approve", r -> "1/2".equals(r.getStatus().approvals()));

    controllers.stop();
    try {
      decide("restart-approve", "bob", "approve", "made while down");
    } finally {
      controllers.start();
    }

    assertThat(awaitPipeline("restart").getStatus().isSuccessful()).isTrue();
    ApprovalRequest closed = awaitRequest("restart-approve", r -> "Approved".equals(r.getStatus().state()));
    assertThat(closed.getStatus().decisions()).extracting(d -> d.user() + ":" + d.comment())
        .containsExactly("alice:first", "bob:made while down");
  }

  @Test
  void theManualApprovalGateFormRunsUnchanged() {
    pipeline("gate-form", "{apiVersion: openshift-pipelines.org/v1alpha1, kind: ApprovalTask}",
        "[{name: approvers, value: [foo, bar, \"group:tekton\"]}, {name: numberOfApprovalsRequired, value: \"2\"}, "
            + "{name: description, value: \"Approval Task Rocks!!!\"}]");
    assertThat(awaitPending("gate-form-approve").getSpec().message()).isEqualTo("Approval Task Rocks!!!");
    decide("gate-form-approve", "foo", "approve", "");
    decide("gate-form-approve", "dana", "approve", "", "tekton");
    assertThat(awaitPipeline("gate-form").getStatus().isSuccessful()).isTrue();
    assertThat(reason(gate("gate-form"))).isEqualTo("Approved");
  }

  @Test
  void theServerRefusesDecisionsTheHandlerRefuses() {
    pipeline("refusals", APPROVAL, THREE + "]");
    awaitPending("refusals-approve");
    assertThatThrownBy(() -> decide("refusals-approve", "mallory", "approve", ""))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(403);
          assertThat(e.getStatus().getMessage()).startsWith("admission webhook \"decisions.approval.customtasks.dev\" "
              + "denied the request: mallory may not decide");
        });
    try (KubernetesClient mallory = as("mallory")) {
      assertThatThrownBy(() -> mallory.resource(decision("forged", "refusals-approve", "approve", "alice", "",
          List.of())).create()).isInstanceOfSatisfying(KubernetesClientException.class,
              e -> assertThat(e.getStatus().getMessage()).contains("nobody decides in someone else's name"));
    }
    decide("refusals-approve", "alice", "approve", "");
    assertThatThrownBy(() -> client.resources(ApprovalDecision.class).inNamespace(NS)
        .withName("refusals-approve-alice").delete())
        .isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getStatus().getMessage()).contains("cannot be deleted"));
    assertThat(gate("refusals").isDone()).isFalse();
  }
}
