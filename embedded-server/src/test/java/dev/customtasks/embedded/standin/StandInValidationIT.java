package dev.customtasks.embedded.standin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskRunReason;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A TaskRun Tekton's webhook refuses, on a server without it: the stand-in fails it naming the field. */
class StandInValidationIT {

  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().withoutAdmission(EmbeddedApiServer.TEKTON_WEBHOOK);
    client = server.client();
    controllers = new ControllerHarness(server::newClient,
        operator -> new TaskRunStandIn(Clock.systemUTC(), Duration.ofMillis(100)).registerWith(operator)).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void aSpecStatusTektonDoesNotKnowFailsTheTaskRun() {
    client.resource(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: {name: misspelt-cancel, namespace: default}
        spec:
          status: Cancelled
          taskSpec: {steps: [{name: s, image: busybox}]}
        """, TaskRun.class)).create();

    TaskRun done = RunAwaits.awaitObject(client, TaskRun.class, "default", "misspelt-cancel", TaskRun::isDone);

    assertThat(done.getStatus().reason()).contains(TaskRunReason.FAILED_VALIDATION);
    assertThat(done.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("invalid value: Cancelled should be TaskRunCancelled or TaskRunPending: spec.status");
  }
}
