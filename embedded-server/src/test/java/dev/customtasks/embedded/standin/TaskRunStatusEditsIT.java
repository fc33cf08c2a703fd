package dev.customtasks.embedded.standin;

import static dev.customtasks.crds.testkit.RunAwaits.awaitObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskRunReason;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.LogCapture;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A TaskRun whose status is edited by hand into something the stand-in cannot read ends at once
 * {@code InvalidStatus}, naming the field, with readable times: not at its wake-up an hour on, and
 * not after a series of failed reconciles; it logs one line, without a stack trace.
 */
class TaskRunStatusEditsIT {

  private static final String NS = "test";
  /** How long the log must stay as it is to show that nothing more is logged. */
  private static final Duration QUIET = Duration.ofMillis(700);
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start();
    client = server.client();
    controllers = new ControllerHarness(server::newClient,
        operator -> new TaskRunStandIn(Clock.systemUTC(), Duration.ofHours(1)).registerWith(operator)).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "tr-yesterday | {\"status\":{\"startTime\":\"yesterday\"}} "
          + "| status.startTime: \"yesterday\" is not a time in RFC 3339 form, such as 2026-03-01T12:00:00Z",
      "tr-maybe | {\"status\":{\"conditions\":[{\"type\":\"Succeeded\",\"status\":\"Maybe\"}]}} "
          + "| status.conditions[type=Succeeded].status: \"Maybe\" is neither True, False nor Unknown",
      "tr-steps-word | {\"status\":{\"steps\":\"all of them\"}} "
          + "| status.steps: expected an array but got a string",
  })
  void aStatusEditedIntoSomethingUnreadableEndsTheRunAtOnceNamingTheField(String name, String edit, String message) {
    client.resource(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: {name: %s, namespace: test}
        spec:
          taskSpec:
            steps: [{name: build, image: busybox, script: "echo build"}]
        """.formatted(name), TaskRun.class)).create();
    awaitObject(client, TaskRun.class, NS, name, TaskRun::hasStarted);

    TaskRun ended;
    try (LogCapture log = LogCapture.start()) {
      client.resources(TaskRun.class).inNamespace(NS).withName(name).subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), edit);
      ended = awaitObject(client, TaskRun.class, NS, name, TaskRun::isFailure);
      await().during(QUIET).atMost(QUIET.multipliedBy(10)).until(() -> log.linesWith(name).size() == 1);

      assertThat(log.linesWith(name)).singleElement().asString().contains(" WARN ")
          .endsWith("TaskRun " + NS + "/" + name + " ends InvalidStatus: its status cannot be read: " + message);
      assertThat(log.stackTraceLines()).as("stack trace lines in:%n%s", String.join("\n", log.lines())).isEmpty();
    }

    assertThat(ended.getStatus().reason()).contains(TaskRunReason.INVALID_STATUS);
    assertThat(ended.getStatus().succeededCondition().orElseThrow().getMessage()).isEqualTo(message);
    assertThat(ended.getStatus().completionInstant()).isNotNull();
    assertThat(ended.getStatus().startInstant()).isNotNull();
  }
}
