package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Closing the server while housekeeping runs: the pass under way ends before the client it uses
 * closes, so no "housekeeping pass failed" is logged as a command ends (what {@code ctk run} printed).
 */
class EmbeddedServerCloseIT {

  @RepeatedTest(3)
  void closingWaitsForTheHousekeepingPassUnderWay() {
    EmbeddedApiServer server = EmbeddedApiServer.start(InetAddress.getLoopbackAddress(), 0, false, Duration.ofMillis(1));
    for (int i = 0; i < 20; i++) {
      server.client().genericKubernetesResources("tekton.dev/v1", "TaskRun").inNamespace("close")
          .resource(Serialization.unmarshal("""
              apiVersion: tekton.dev/v1
              kind: TaskRun
              metadata: {name: run-%d}
              spec: {taskRef: {name: t}}
              """.formatted(i), GenericKubernetesResource.class)).create();
    }
    Janitor janitor = server.janitor();
    await().atMost(Duration.ofSeconds(30)).until(() -> janitor.passes() >= 3);

    server.close();

    assertThat(janitor.failedPasses()).isZero();
  }
}
