package dev.customtasks.crds.controller;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A controller serving for months must not keep JOSDK's per-run state for runs that are gone,
 * whenever they were deleted: before the controller saw them, while a reconcile of theirs was
 * running, or after they finished.
 */
class DeletedRunsStateIT {

  private static final String NS = "test";
  private static final int RUNS = 40;
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start();
    client = server.client();
    controllers = new ControllerHarness(server::newClient,
        operator -> new CustomTaskReconciler<>(new TimerTask(), Clock.systemUTC()).registerWith(operator)).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void runsDeletedAtAnyPointOfTheirLifeLeaveNoStateBehind() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      String name = "gone-" + i;
      names.add(name);
      client.resource(customRun(name).ref(TimerTask.KIND).param("duration", "0s").build()).create();
      // Deleted 0 to 45 ms after creation: some before the first reconcile, most while one of
      // their two reconciles (start, then finish) runs or right after the last.
      LockSupport.parkNanos(Duration.ofMillis((i % 10) * 5L).toNanos());
      client.resources(CustomRun.class).inNamespace(NS).withName(name).delete();
    }
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> client.resources(CustomRun.class).inNamespace(NS).list().getItems().isEmpty());

    // Bounded generously: the deletions reach the controller within moments.
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(names).filteredOn(name -> controllers.holdsStateFor("timer", NS, name)).isEmpty());
  }
}
