package dev.customtasks.crds.controller;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static dev.customtasks.crds.testkit.RunAwaits.awaitDone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.examples.ParentTask;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Controllers registered for some namespaces leave runs elsewhere alone. */
class WatchedNamespacesIT {

  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start();
    client = server.client();
    WatchedNamespaces teamA = WatchedNamespaces.parse("team-a");
    controllers = new ControllerHarness(server::newClient, operator -> {
      new CustomTaskReconciler<>(new TimerTask(), Clock.systemUTC()).registerWith(operator, teamA);
      new CustomTaskReconciler<>(new ParentTask(), Clock.systemUTC()).registerWith(operator, teamA);
    }).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void aRunInAWatchedNamespaceRunsAndOneElsewhereIsLeftUntouched() {
    client.resource(customRun("elsewhere").inNamespace("team-b").ref(TimerTask.KIND).param("duration", "0s").build())
        .create();
    client.resource(customRun("here").inNamespace("team-a").ref(TimerTask.KIND).param("duration", "0s").build())
        .create();

    assertThat(awaitDone(client, "team-a", "here").getStatus().isSuccessful()).isTrue();
    assertThat(client.resources(CustomRun.class).inNamespace("team-b").withName("elsewhere").get().getStatus())
        .isNull();
  }

  @Test
  void childrenAreWatchedInTheWatchedNamespace() {
    client.resource(customRun("parent").inNamespace("team-a").ref(ParentTask.KIND).param("childDuration", "100ms")
        .param("message", "hi").build()).create();

    assertThat(awaitDone(client, "team-a", "parent").getStatus().isSuccessful()).isTrue();
  }
}
