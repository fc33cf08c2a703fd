package dev.customtasks.cli.run;

import static dev.customtasks.cli.CtkRun.ctk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.CtkRun.Result;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import dev.customtasks.matrix.MatrixModule;
import dev.customtasks.matrix.MatrixTask;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.subpipeline.SubPipelineModule;
import dev.customtasks.subpipeline.SubPipelineTask;
import dev.customtasks.wait.WaitModule;
import dev.customtasks.wait.WaitTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last line of a failed {@code ctk run} names the PipelineRun's own failing task (not a
 * Matrix's combination, which carries the same labels) and, through nested pipelines, the
 * innermost cause.
 */
class RunFailingTaskIT {

  private static final String NS = "test";

  @TempDir
  static Path dir;
  private static EmbeddedApiServer server;
  private static ControllerHarness controllers;
  private static String kubeconfig;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start()
        .installCrds(List.of(WaitModule.CRD, SubPipelineModule.CRD, MatrixModule.CRD));
    kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig")).toString();
    controllers = new ControllerHarness(server::newClient, operator -> {
      new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator);
      new TaskRunStandIn(Clock.systemUTC(), Duration.ofMillis(50)).registerWith(operator);
      new CustomTaskReconciler<>(new WaitTask(), Clock.systemUTC()).registerWith(operator);
      new CustomTaskReconciler<>(new SubPipelineTask(), Clock.systemUTC()).registerWith(operator);
      new CustomTaskReconciler<>(new MatrixTask(), Clock.systemUTC()).registerWith(operator);
    }).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void aFailedMatrixIsNamedWithItsOwnReasonRatherThanOneOfItsCombinations() throws Exception {
    Path file = dir.resolve("matrix.yaml");
    Files.writeString(file, """
        apiVersion: customtasks.dev/v1alpha1
        kind: Matrix
        metadata: {name: waits}
        spec:
          taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
          params: [{name: duration, value: 0s}]
          matrix:
            params:
            - {name: os, value: [a, b, c]}
        ---
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: fan}
        spec:
          pipelineSpec:
            tasks:
            - {name: tm, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Matrix, name: waits}}
        """);

    Result run = ctk("run", file.toString(), "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    String last = run.err().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last).as(run.toString()).startsWith("error: PipelineRun fan failed: ")
        .contains("; task tm: Failed: 3 of 3 combinations failed: #0 (os=a): ")
        .doesNotContain("task tm: UnexpectedParams");
  }

  @Test
  void aPipelineThatIncludesItselfIsNamedByItsInnermostCauseAndDescribeShowsIt() throws Exception {
    Path file = dir.resolve("cycle.yaml");
    Files.writeString(file, """
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: ping}
        spec:
          tasks:
          - {name: p, taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: pong}}
        ---
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: pong}
        spec:
          tasks:
          - {name: p, taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: ping}}
        ---
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: cycle}
        spec:
          pipelineRef: {name: ping}
        """);

    Result run = ctk("run", file.toString(), "--kubeconfig", kubeconfig, "-n", NS);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    String last = run.err().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(run.err().strip().lines().count()).as(run.toString()).isOne();
    assertThat(last).as(run.toString()).startsWith("error: PipelineRun cycle failed: ")
        .contains("; task p/p: PipelineCycle: Pipeline \"ping\" includes itself");

    Result describe = ctk("describe", "pr", "cycle", "--kubeconfig", kubeconfig, "-n", NS);
    String tree = describe.out().substring(describe.out().indexOf("Tree:"));
    assertThat(tree.lines().filter(l -> l.contains("cycle-p-p ")).findFirst().orElseThrow())
        .as(describe.toString()).contains("Failed").contains("Pipeline \"ping\" includes itself: ping -> pong -> ping");
  }
}
