package dev.customtasks.concurrency;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.crds.testkit.ControllerHarness;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Lock controllers, each with its own client and caches, answer the same runs at once (as two
 * replicas would without leader election): the compare-and-set on the key never lets two past a
 * limit of 1.
 */
class LockRaceIT {

  private static final String NS = "test";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness first;
  private static ControllerHarness second;

  static void lockOnly(Operator operator) {
    new CustomTaskReconciler<>(new LockTask(), Clock.systemUTC()).registerWith(operator);
  }

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(List.of(LockModule.CRD));
    client = server.client();
    first = new ControllerHarness(server::newClient, LockRaceIT::lockOnly).start();
    second = new ControllerHarness(server::newClient, LockRaceIT::lockOnly).start();
  }

  @AfterAll
  static void stop() {
    first.close();
    second.close();
    server.close();
  }

  @Test
  void twoControllersRacingNeverGrantAMutexTwice() {
    int runs = 8;
    for (int i = 0; i < runs; i++) {
      client.resource(customRun("race-%02d".formatted(i)).ref(LockTask.KIND).param("key", "race").build()).create();
    }
    Set<String> released = new HashSet<>();
    Instant lastReleased = Instant.EPOCH;
    for (int round = 0; round < runs; round++) {
      String holder = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
          .until(() -> holders(released), h -> !h.isEmpty()).get(0);
      assertThat(holders(released)).as("holding after %s was released", lastReleased).containsExactly(holder);
      // Held for a while, with every other Lock woken by each write: still only one.
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
          .until(() -> holders(released).size() == 1);
      released.add(holder);
      lastReleased = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      client.resources(CustomRun.class).inNamespace(NS).withName(holder).delete();
    }
    assertThat(released).hasSize(runs);
  }

  /** The Locks that succeeded and were not released yet. */
  private static List<String> holders(Set<String> released) {
    return client.resources(CustomRun.class).inNamespace(NS).list().getItems().stream()
        .filter(r -> r.getMetadata().getName().startsWith("race-") && r.isSuccessful())
        .map(r -> r.getMetadata().getName()).filter(n -> !released.contains(n)).sorted().toList();
  }
}
