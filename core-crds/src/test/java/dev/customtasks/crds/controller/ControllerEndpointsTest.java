package dev.customtasks.crds.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A controller process's /healthz, /readyz and /metrics, as Deployments probe and Prometheus scrapes them. */
class ControllerEndpointsTest {

  private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final HttpClient http = HttpClient.newHttpClient();
  private final ControllerMetrics metrics = ControllerMetrics.create();

  @AfterEach
  void closeMetrics() {
    metrics.close();
  }

  @Test
  void notReadyBeforeTheOperatorStartsButAlive() throws Exception {
    try (ControllerEndpoints endpoints = ControllerEndpoints.start(ANY_LOOPBACK_PORT, new Operator(), metrics)) {
      assertThat(send(endpoints, "GET", "/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = send(endpoints, "GET", "/readyz");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).isEqualTo("starting: the controller is not running yet\n");
    }
  }

  @Test
  void probesAnswerWhatTheyAreGiven() throws Exception {
    AtomicBoolean ready = new AtomicBoolean();
    try (ControllerEndpoints endpoints = ControllerEndpoints.start(ANY_LOOPBACK_PORT, ControllerEndpoints.Probe.ALWAYS,
        () -> ready.get() ? Optional.empty() : Optional.of("starting"), metrics)) {
      assertThat(send(endpoints, "GET", "/readyz").statusCode()).isEqualTo(503);

      ready.set(true);

      HttpResponse<String> readyNow = send(endpoints, "GET", "/readyz");
      assertThat(readyNow.statusCode()).isEqualTo(200);
      assertThat(readyNow.body()).isEqualTo("ok\n");
    }
  }

  @Test
  void metricsAreInPrometheusTextFormatWithTheJvmsAndTheProcesssOwn() throws Exception {
    metrics.registry().counter("ctk.example", "controller", "wait").increment();
    try (ControllerEndpoints endpoints = ControllerEndpoints.start(ANY_LOOPBACK_PORT, new Operator(), metrics)) {
      HttpResponse<String> scrape = send(endpoints, "GET", "/metrics");

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type")).hasValue(ControllerEndpoints.PROMETHEUS_TEXT);
      assertThat(scrape.body()).contains("# TYPE ctk_example_total counter",
          "ctk_example_total{controller=\"wait\"} 1.0", "jvm_memory_used_bytes{", "jvm_threads_live_threads ",
          "process_uptime_seconds ");
    }
  }

  @Test
  void onlyTheThreePathsAndOnlyReading() throws Exception {
    try (ControllerEndpoints endpoints = ControllerEndpoints.start(ANY_LOOPBACK_PORT, new Operator(), metrics)) {
      assertThat(send(endpoints, "GET", "/healthzz").statusCode()).isEqualTo(404);
      assertThat(send(endpoints, "GET", "/metrics/extra").statusCode()).isEqualTo(404);
      assertThat(send(endpoints, "GET", "/").statusCode()).isEqualTo(404);
      HttpResponse<String> post = send(endpoints, "POST", "/metrics");
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
      HttpResponse<String> head = send(endpoints, "HEAD", "/healthz");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
    }
  }

  @Test
  void aHealthPortThatIsNoNumberSaysSo() {
    assertThatThrownBy(() -> ControllerEndpoints.serve(new Operator(), metrics, Map.of("HEALTH_PORT", "http")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("HEALTH_PORT=http is not a port number");
    assertThatThrownBy(() -> ControllerEndpoints.serve(new Operator(), metrics, Map.of("HEALTH_PORT", "70000")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("HEALTH_PORT=70000 is not a port number");
  }

  private HttpResponse<String> send(ControllerEndpoints endpoints, String method, String path)
      throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + endpoints.port() + path);
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }
}
