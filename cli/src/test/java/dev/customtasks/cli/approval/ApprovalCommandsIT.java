package dev.customtasks.cli.approval;

import static dev.customtasks.cli.CtkRun.ctk;
import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.approval.ApprovalModule;
import dev.customtasks.approval.ApprovalTask;
import dev.customtasks.approval.api.ApprovalRequest;
import dev.customtasks.cli.CtkRun.Result;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ctk approvals / approve / reject against the embedded server, deciding as others with --as/--as-group. */
class ApprovalCommandsIT {

  private static final String NS = "test";
  @TempDir
  static Path dir;
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;
  private static String kubeconfig;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(ApprovalModule.CRDS);
    new ApprovalModule().admissionHandlers(server.admissionReads()).forEach(server::admit);
    client = server.client();
    kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig")).toString();
    controllers = new ControllerHarness(server::newClient,
        operator -> new CustomTaskReconciler<>(new ApprovalTask(), Clock.systemUTC()).registerWith(operator)).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  private static void gate(String name) {
    client.resource(customRun(name).ref(ApprovalTask.KIND)
        .param("approvers", List.of("alice", "group:release-managers")).param("required", "2")
        .param("message", "Ship " + name + "?").param("timeout", "1h").build()).create();
    RunAwaits.awaitObject(client, ApprovalRequest.class, NS, name, r -> r.getStatus() != null);
  }

  @Test
  void approveAsTwoPeopleOneThroughAGroup() {
    gate("ship-a");
    Result pending = ctk("approvals", "--kubeconfig", kubeconfig, "-n", NS);
    assertThat(pending.exitCode()).as(pending.toString()).isZero();
    assertThat(pending.out()).containsPattern("ship-a\\s+Pending\\s+0/2\\s+alice, group:release-managers\\s+\\d+m")
        .contains("Ship ship-a?");

    Result alice = ctk("approve", "ship-a", "-m", "fine by me", "--as", "alice", "--kubeconfig", kubeconfig, "-n", NS);
    assertThat(alice.exitCode()).as(alice.toString()).isZero();
    assertThat(alice.out()).isEqualTo("alice approved \"ship-a\": fine by me\n");
    RunAwaits.awaitObject(client, ApprovalRequest.class, NS, "ship-a",
        r -> r.getStatus() != null && r.getStatus().decisions() != null && !r.getStatus().decisions().isEmpty());
    assertThat(ctk("approvals", "--kubeconfig", kubeconfig, "-n", NS).out()).as("only who has yet to decide")
        .containsPattern("ship-a\\s+Pending\\s+1/2\\s+group:release-managers\\s+\\d+m");
    Result again = ctk("approve", "ship-a", "--as", "alice", "--kubeconfig", kubeconfig, "-n", NS);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("alice already decided");

    Result carol = ctk("approve", "ship-a", "--as", "carol", "--as-group", "release-managers", "--kubeconfig",
        kubeconfig, "-n", NS);
    assertThat(carol.exitCode()).as(carol.toString()).isZero();
    assertThat(carol.out()).isEqualTo("carol (group release-managers) approved \"ship-a\"\n");

    CustomRun done = RunAwaits.awaitDone(client, NS, "ship-a");
    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(ctk("approvals", "--kubeconfig", kubeconfig, "-n", NS).out()).doesNotContain("ship-a");
    assertThat(ctk("approvals", "--all", "--kubeconfig", kubeconfig, "-n", NS).out())
        .containsPattern("ship-a\\s+Approved\\s+2/2\\s+-\\s+-");
  }

  @Test
  void describeListsWhoDecidedWithTheDecisionAndOnlyTheOthersAsWaitedFor() {
    gate("ship-d");
    assertThat(ctk("approve", "ship-d", "-m", "fine by me", "--as", "alice", "--kubeconfig", kubeconfig, "-n", NS)
        .exitCode()).isZero();
    RunAwaits.awaitObject(client, ApprovalRequest.class, NS, "ship-d",
        r -> r.getStatus() != null && r.getStatus().decisions() != null && !r.getStatus().decisions().isEmpty());

    Result describe = ctk("describe", "customrun", "ship-d", "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(describe.exitCode()).as(describe.toString()).isZero();
    String approvals = describe.out().lines().filter(l -> l.startsWith("Approvals:")).findFirst()
        .orElseThrow(() -> new AssertionError(describe.out()));
    assertThat(approvals).contains("1/2 Pending; decided: alice approved: fine by me; "
        + "waiting for: group:release-managers: ctk approve ship-d").doesNotContain("waiting for: alice");
  }

  @Test
  void rejectNeedsAReasonAndEndsTheRun() {
    gate("ship-b");
    assertThat(ctk("reject", "ship-b", "--as", "alice", "--kubeconfig", kubeconfig, "-n", NS).exitCode())
        .isEqualTo(2);
    Result rejected = ctk("reject", "ship-b", "-m", "not today", "--as", "alice", "--kubeconfig", kubeconfig,
        "-n", NS);
    assertThat(rejected.exitCode()).as(rejected.toString()).isZero();
    CustomRun done = RunAwaits.awaitDone(client, NS, "ship-b");
    assertThat(done.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("rejected by alice: not today");
  }

  @Test
  void theServersRefusalIsShownAsItIs() {
    gate("ship-c");
    Result mallory = ctk("approve", "ship-c", "--as", "mallory", "--kubeconfig", kubeconfig, "-n", NS);
    assertThat(mallory.exitCode()).isEqualTo(1);
    assertThat(mallory.err()).contains("admission webhook \"decisions.approval.customtasks.dev\" denied the request: "
        + "mallory may not decide").endsWith("; for a group approver, add --as-group GROUP\n");
    Result asAdmin = ctk("approve", "ship-c", "--kubeconfig", kubeconfig, "-n", NS);
    assertThat(asAdmin.exitCode()).isEqualTo(1);
    assertThat(asAdmin.err()).as("who ctk is on the embedded server, and how to decide as an approver")
        .contains("system:admin may not decide")
        .endsWith("; to decide as one of them, add --as USER (and --as-group GROUP for a group)\n");
    Result missing = ctk("approve", "nowhere", "--as", "alice", "--kubeconfig", kubeconfig, "-n", NS);
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("no ApprovalRequest \"nowhere\"");
  }
}
