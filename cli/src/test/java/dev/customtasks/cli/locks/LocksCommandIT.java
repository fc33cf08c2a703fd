package dev.customtasks.cli.locks;

import static dev.customtasks.cli.CtkRun.ctk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.CtkRun.Result;
import dev.customtasks.concurrency.LockModule;
import dev.customtasks.concurrency.LockTask;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ctk locks} and {@code ctk describe} of a waiting PipelineRun, against real Lock runs. */
class LocksCommandIT {

  private static final String NS = "test";

  @TempDir
  static Path dir;
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;
  private static String kubeconfig;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(List.of(LockModule.CRD));
    client = server.client();
    kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig")).toString();
    controllers = new ControllerHarness(server::newClient, operator -> {
      new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator);
      new TaskRunStandIn(Clock.systemUTC(), Duration.ofHours(1)).registerWith(operator);
      new CustomTaskReconciler<>(new LockTask(), Clock.systemUTC()).registerWith(operator);
    }).start();
    for (String name : List.of("release-a", "release-b", "release-c")) {
      PipelineRun run = Serialization.unmarshal("""
          apiVersion: tekton.dev/v1
          kind: PipelineRun
          metadata: {name: %s, namespace: test}
          spec:
            pipelineSpec:
              tasks:
              - {name: take, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}, params: [{name: key, value: deploy-prod}]}
              - {name: deploy, runAfter: [take], taskSpec: {steps: [{name: d, image: busybox, script: 'echo'}]}}
          """.formatted(name), PipelineRun.class);
      client.resource(run).create();
      RunAwaits.awaitObject(client, CustomRun.class, NS, name + "-take",
          r -> r.isDone() || message(r).startsWith("waiting"));
    }
  }

  @Test
  void aClusterKeyIsListedInEveryNamespaceWithEachRunsNamespace() {
    for (String ns : List.of("team-a", "team-b")) {
      PipelineRun run = Serialization.unmarshal("""
          apiVersion: tekton.dev/v1
          kind: PipelineRun
          metadata: {name: migrate, namespace: %s}
          spec:
            pipelineSpec:
              tasks:
              - name: take
                taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}
                params: [{name: key, value: shared-db}, {name: scope, value: cluster}]
              - {name: work, runAfter: [take], taskSpec: {steps: [{name: d, image: busybox, script: 'echo'}]}}
          """.formatted(ns), PipelineRun.class);
      client.resource(run).create();
      RunAwaits.awaitObject(client, CustomRun.class, ns, "migrate-take",
          r -> r.isDone() || message(r).startsWith("waiting"));
    }

    Result locks = ctk("locks", "--kubeconfig", kubeconfig, "-n", "team-b");

    assertThat(locks.exitCode()).as(locks.toString()).isZero();
    assertThat(locks.out().lines().skip(1).toList()).satisfiesExactly(
        l -> assertThat(l).matches("shared-db \\(cluster\\)\\s+1\\s+holds\\s+team-a/migrate\\s+team-a/migrate-take\\s+\\d+s"),
        l -> assertThat(l).matches(
            "shared-db \\(cluster\\)\\s+1\\s+1 of 1\\s+team-b/migrate\\s+team-b/migrate-take\\s+\\d+s"));
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  private static String message(CustomRun run) {
    return run.getStatus() == null ? "" : run.getStatus().succeededCondition()
        .map(c -> c.getMessage() == null ? "" : c.getMessage()).orElse("");
  }

  @Test
  void locksListsHoldersAndTheLineInOrder() {
    Result locks = ctk("locks", "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(locks.exitCode()).as(locks.toString()).isZero();
    List<String> lines = locks.out().lines().toList();
    assertThat(lines.get(0)).matches("KEY\\s+LIMIT\\s+POSITION\\s+PIPELINERUN\\s+LOCK\\s+FOR");
    assertThat(lines.get(1)).matches("deploy-prod\\s+1\\s+holds\\s+release-a\\s+release-a-take\\s+\\d+s");
    assertThat(lines.get(2)).matches("deploy-prod\\s+1\\s+1 of 2\\s+release-b\\s+release-b-take\\s+\\d+s");
    assertThat(lines.get(3)).matches("deploy-prod\\s+1\\s+2 of 2\\s+release-c\\s+release-c-take\\s+\\d+s");
  }

  @Test
  void locksInAnEmptyNamespaceSaysSo() {
    Result locks = ctk("locks", "--kubeconfig", kubeconfig, "-n", "nothing-here");

    assertThat(locks.exitCode()).isZero();
    assertThat(locks.err()).isEqualTo("No Lock keys found in namespace nothing-here.\n");
  }

  @Test
  void describeOfAWaitingPipelineRunSaysWhatItWaitsFor() {
    Result describe = ctk("describe", "pipelinerun", "release-c", "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(describe.exitCode()).as(describe.toString()).isZero();
    assertThat(describe.out()).containsPattern(
        "Running:\n  take: waiting for deploy-prod: position 2 of 2, held by release-a \\(since \\d\\d:\\d\\d\\)\n");
  }
}
