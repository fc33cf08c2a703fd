package dev.customtasks.wait;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static dev.customtasks.crds.testkit.RunAwaits.awaitDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.controller.ControllerEndpoints;
import dev.customtasks.crds.controller.ControllerProcess;
import dev.customtasks.crds.testkit.PrometheusText;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The image's process as {@link Main} runs it, on the embedded API server: ready once the
 * controller runs, and {@code /metrics} counts its reconciles, which a Wait run moves on.
 */
class WaitMainIT {

  private static final String RECONCILES = "operator_sdk_controllers_execution_reconcile_success_total";
  private static final Duration GENEROUS = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void servesHealthAndCountsTheControllersReconcilesOnMetrics() throws Exception {
    try (EmbeddedApiServer server = EmbeddedApiServer.start().installCrds(List.of(WaitModule.CRD));
        KubernetesClient client = server.newClient();
        ControllerProcess process = ControllerProcess.start(client, Map.of("HEALTH_PORT", "0"), Main::register)) {
      String base = "http://127.0.0.1:" + process.port();
      await().atMost(GENEROUS).until(() -> get(base + "/readyz").statusCode() == 200);
      assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> first = get(base + "/metrics");
      assertThat(first.headers().firstValue("Content-Type")).hasValue(ControllerEndpoints.PROMETHEUS_TEXT);
      assertThat(first.body()).contains("jvm_memory_used_bytes{");
      double before = new PrometheusText(first.body()).sum(RECONCILES, "controller=\"wait\"");

      client.resource(customRun("wait-metrics").ref(WaitTask.KIND).param("duration", "0s").build()).create();
      assertThat(awaitDone(client, "test", "wait-metrics").getStatus().isSuccessful()).isTrue();

      await().atMost(GENEROUS).untilAsserted(() -> {
        PrometheusText metrics = new PrometheusText(get(base + "/metrics").body());
        assertThat(metrics.sum(RECONCILES, "controller=\"wait\"")).as("%s", metrics).isGreaterThan(before);
      });
    }
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
