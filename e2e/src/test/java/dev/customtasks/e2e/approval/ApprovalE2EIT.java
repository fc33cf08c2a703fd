package dev.customtasks.e2e.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.approval.ApprovalModule;
import dev.customtasks.approval.api.ApprovalRequest;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.cluster.EmbeddedTarget;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An approval stage decided by people with kubectl: two approve (one through a group) and the
 * pipeline goes on; in a second pipeline one rejects and it fails. On the embedded target the
 * decision handler sits in the server's admission chain and kubectl's {@code --as/--as-group}
 * say who decides; elsewhere the webhook must be installed from {@code task-approval/deploy/}.
 */
@E2ETest
class ApprovalE2EIT {

  private static final String PIPELINE = """
      metadata: {name: %s}
      spec:
        pipelineSpec:
          tasks:
          - name: approve
            taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Approval}
            params:
            - {name: approvers, value: [alice, bob, "group:release-managers"]}
            - {name: required, value: "2"}
            - {name: message, value: "Ship it?"}
          - {name: deploy, runAfter: [approve], taskSpec: {steps: [{name: run, image: busybox, script: 'echo ok'}]}}
      """;

  @TempDir
  Path dir;

  @Test
  void twoPeopleApproveWithKubectlThenOneRejects(ClusterTarget target) throws Exception {
    Assumptions.assumeTrue(target instanceof EmbeddedTarget,
        "kubectl --as needs impersonation rights and the webhook installed: embedded target only");
    EmbeddedTarget embedded = (EmbeddedTarget) target;
    new ApprovalModule().admissionHandlers(embedded.server().admissionReads()).forEach(embedded.server()::admit);
    Path kubeconfig = embedded.server().writeKubeconfig(dir.resolve("kubeconfig"));
    Runs runs = new Runs(target);
    try (ControllerHarness controllers = Stack.on(target).start()) {
      runs.start(PIPELINE.formatted("e2e-approved"));
      awaitPending(target, "e2e-approved-approve");
      assertThat(kubectl(kubeconfig, target, decision("e2e-approved-approve", "alice", "approve", ""), "--as", "alice")
          .exitCode()).isZero();
      KubectlResult mallory = kubectl(kubeconfig, target, decision("e2e-approved-approve", "mallory", "approve", ""),
          "--as", "mallory");
      assertThat(mallory.exitCode()).isNotZero();
      assertThat(mallory.err()).contains("admission webhook \"decisions.approval.customtasks.dev\" denied the request");
      assertThat(kubectl(kubeconfig, target, decision("e2e-approved-approve", "carol", "approve",
          "groups: [release-managers]"), "--as", "carol", "--as-group", "release-managers").exitCode()).isZero();

      PipelineRun approved = runs.awaitDone("e2e-approved");
      assertThat(approved.getStatus().isSuccessful()).isTrue();
      CustomRun gate = runs.customRun("e2e-approved-approve");
      assertThat(gate.getStatus().result("approvers")).map(r -> r.getValue())
          .contains(ParamValue.ofArray(List.of("alice", "carol")));
      KubectlResult get = run(kubeconfig, target, "get", "approvalrequests", "e2e-approved-approve");
      assertThat(get.out()).as(get.err()).containsPattern("NAME\\s+STATE\\s+APPROVALS\\s+AGE\n")
          .containsPattern("e2e-approved-approve\\s+Approved\\s+2/2\\s+\\d+[sm]");

      runs.start(PIPELINE.formatted("e2e-rejected"));
      awaitPending(target, "e2e-rejected-approve");
      KubectlResult bob = kubectl(kubeconfig, target, decision("e2e-rejected-approve", "bob", "reject",
          "comment: not today"), "--as", "bob");
      assertThat(bob.exitCode()).as(bob.err()).isZero();
      PipelineRun rejected = runs.awaitDone("e2e-rejected");
      assertThat(rejected.getStatus().isSuccessful()).isFalse();
      assertThat(runs.customRun("e2e-rejected-approve").getStatus().succeededCondition().orElseThrow().getMessage())
          .isEqualTo("rejected by bob: not today");
    }
  }

  private static void awaitPending(ClusterTarget target, String name) {
    RunAwaits.awaitObject(target.client(), ApprovalRequest.class, target.namespace(), name,
        r -> r.getStatus() != null && "Pending".equals(r.getStatus().state()));
  }

  private static String decision(String request, String user, String verdict, String extra) {
    return """
        apiVersion: customtasks.dev/v1alpha1
        kind: ApprovalDecision
        metadata: {name: %1$s-%2$s}
        spec:
          request: %1$s
          decision: %3$s
          user: %2$s
          %4$s
        """.formatted(request, user, verdict, extra);
  }

  record KubectlResult(int exitCode, String out, String err) {
  }

  private KubectlResult kubectl(Path kubeconfig, ClusterTarget target, String yaml, String... identity)
      throws IOException, InterruptedException {
    Path file = Files.createTempFile(dir, "decision", ".yaml");
    Files.writeString(file, yaml);
    List<String> command = new ArrayList<>(List.of("create", "--validate=false", "-f", file.toString()));
    command.addAll(List.of(identity));
    return run(kubeconfig, target, command.toArray(String[]::new));
  }

  private static KubectlResult run(Path kubeconfig, ClusterTarget target, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "-n",
        target.namespace()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new KubectlResult(process.exitValue(), new String(process.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
