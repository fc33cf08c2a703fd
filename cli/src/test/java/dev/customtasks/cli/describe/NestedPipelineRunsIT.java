package dev.customtasks.cli.describe;

import static dev.customtasks.cli.CtkRun.ctk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.CtkRun.Result;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import dev.customtasks.subpipeline.SubPipelineModule;
import dev.customtasks.subpipeline.SubPipelineTask;
import dev.customtasks.wait.WaitModule;
import dev.customtasks.wait.WaitTask;
import io.fabric8.kubernetes.api.model.HasMetadata;
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

/** {@code ctk describe pipelinerun} of a pipeline with pipelines in it: the nested runs as a tree. */
class NestedPipelineRunsIT {

  private static final String NS = "test";

  @TempDir
  static Path dir;
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;
  private static String kubeconfig;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(List.of(WaitModule.CRD, SubPipelineModule.CRD));
    client = server.client();
    kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig")).toString();
    controllers = new ControllerHarness(server::newClient, operator -> {
      new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator);
      new TaskRunStandIn(Clock.systemUTC(), Duration.ofMillis(50)).registerWith(operator);
      new CustomTaskReconciler<>(new WaitTask(), Clock.systemUTC()).registerWith(operator);
      new CustomTaskReconciler<>(new SubPipelineTask(), Clock.systemUTC()).registerWith(operator);
    }).start();
    apply("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: inner}
        spec:
          tasks:
          - {name: pause, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}, params: [{name: duration, value: 100ms}]}
        ---
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: middle}
        spec:
          # step after inner: the tree lists siblings by start time, and parallel ones may start
          # in either order.
          tasks:
          - {name: inner, taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: inner}}
          - {name: step, runAfter: [inner], taskSpec: {steps: [{name: s, image: alpine, script: "true"}]}}
        ---
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: nest}
        spec:
          pipelineSpec:
            tasks:
            - {name: first, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}, params: [{name: duration, value: 0s}]}
            - {name: sub, runAfter: [first], taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: middle}}
        """);
    RunAwaits.awaitObject(client, PipelineRun.class, NS, "nest", PipelineRun::isDone);
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void describeShowsTheNestedPipelineRunsAsATreeWithEachTasksState() {
    Result describe = ctk("describe", "pipelinerun", "nest", "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(describe.exitCode()).as(describe.toString()).isZero();
    String tree = describe.out().substring(describe.out().indexOf("Tree:"));
    assertThat(tree.lines().skip(2).map(l -> l.replaceAll("\\s+", " ").strip()).map(l -> l.replaceAll(
        " [0-9.]+m?s\\b.*$", "")).toList()).containsExactly(
            "(embedded) PipelineRun nest Succeeded",
            "+- first CustomRun nest-first Succeeded",
            "`- sub CustomRun nest-sub Succeeded",
            "`- middle PipelineRun nest-sub Succeeded",
            "+- inner CustomRun nest-sub-inner Succeeded",
            "| `- inner PipelineRun nest-sub-inner Succeeded",
            "| `- pause CustomRun nest-sub-inner-pause Succeeded",
            "`- step TaskRun nest-sub-step Succeeded");
    assertThat(tree).contains("Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 0");
  }

  @Test
  void aPipelineRunWithoutNestedOnesHasNoTree() {
    Result describe = ctk("describe", "pipelinerun", "nest-sub-inner", "--kubeconfig", kubeconfig, "-n", NS);
    assertThat(describe.exitCode()).as(describe.toString()).isZero();
    assertThat(describe.out()).contains("pause").doesNotContain("Tree:");
  }

  private static void apply(String yaml) {
    for (String document : yaml.split("(?m)^---$")) {
      HasMetadata object = Serialization.unmarshal(document);
      object.getMetadata().setNamespace(NS);
      client.resource(object).create();
    }
  }
}
