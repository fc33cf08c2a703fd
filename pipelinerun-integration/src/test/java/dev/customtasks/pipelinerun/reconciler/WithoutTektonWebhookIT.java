package dev.customtasks.pipelinerun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Tekton's webhook refuses reaches the controller on a cluster where the webhook does not
 * run: each such run fails before anything starts, with the reason {@code PipelineValidationFailed}
 * and Tekton's message naming the field; none runs as if the field were absent.
 */
class WithoutTektonWebhookIT {

  private static final String NS = "test";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().withoutAdmission(EmbeddedApiServer.TEKTON_WEBHOOK);
    client = server.client();
    controllers = new ControllerHarness(server::newClient, operator -> {
      new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator);
      new TaskRunStandIn(Clock.systemUTC(), Duration.ofMillis(100)).registerWith(operator);
    }).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void aSpecStatusTektonDoesNotKnowFailsTheRunBeforeAnyTaskStarts() {
    run("""
        metadata: {name: bogus-status}
        spec:
          status: Canceled
          pipelineSpec: {tasks: [{name: a, taskSpec: {steps: [{name: s, image: busybox}]}}]}
        """);

    PipelineRun done = awaitDone("bogus-status");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.FAILED_VALIDATION);
    assertThat(message(done)).isEqualTo("invalid value: Canceled should be Cancelled, CancelledRunFinally, "
        + "StoppedRunFinally or PipelineRunPending: spec.status");
    assertThat(client.resources(TaskRun.class).inNamespace(NS).list().getItems())
        .noneMatch(t -> t.getMetadata().getName().startsWith("bogus-status"));
  }

  @Test
  void anEmbeddedPipelinesBadOnErrorFailsTheRunNamingThePath() {
    run("""
        metadata: {name: bad-on-error}
        spec:
          pipelineSpec: {tasks: [{name: a, onError: ignore, taskSpec: {steps: [{name: s, image: busybox}]}}]}
        """);

    PipelineRun done = awaitDone("bad-on-error");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.FAILED_VALIDATION);
    assertThat(message(done)).isEqualTo("invalid value: ignore: spec.pipelineSpec.tasks[0].OnError\nPipelineTask "
        + "OnError must be either \"continue\" or \"stopAndFail\"");
  }

  @Test
  void aReferencedPipelinesBadWhenOperatorFailsTheRunNamingThePipeline() {
    client.resource(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: misspelt, namespace: test}
        spec:
          tasks:
          - name: a
            when: [{input: main, operator: equals, values: [main]}]
            taskSpec: {steps: [{name: s, image: busybox}]}
        """, Pipeline.class)).create();
    run("""
        metadata: {name: by-misspelt-ref}
        spec: {pipelineRef: {name: misspelt}}
        """);

    PipelineRun done = awaitDone("by-misspelt-ref");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.FAILED_VALIDATION);
    assertThat(message(done)).isEqualTo("Pipeline \"misspelt\": invalid value: operator \"equals\" is not "
        + "recognized. valid operators: in,notin: spec.tasks[0].when[0]");
  }

  private static void run(String yaml) {
    PipelineRun run = Serialization.unmarshal("apiVersion: tekton.dev/v1\nkind: PipelineRun\n" + yaml, PipelineRun.class);
    run.getMetadata().setNamespace(NS);
    client.resource(run).create();
  }

  private static PipelineRun awaitDone(String name) {
    return RunAwaits.awaitObject(client, PipelineRun.class, NS, name, PipelineRun::isDone);
  }

  private static String message(PipelineRun run) {
    return run.getStatus().succeededCondition().orElseThrow().getMessage();
  }
}
