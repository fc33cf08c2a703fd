package dev.customtasks.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient http = HttpClient.newHttpClient();
  private MetricsServer server;

  @BeforeEach
  void start() throws IOException {
    server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readyOnlyOnceToldSoButHealthyFromTheStart() throws Exception {
    assertThat(send("GET", "/healthz").statusCode()).isEqualTo(200);
    HttpResponse<String> starting = send("GET", "/readyz");
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(starting.body()).startsWith("starting");

    server.markReady();

    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsAreInPrometheusTextFormat() throws Exception {
    registry.counter("ctk.example", "controller", "wait").increment();

    HttpResponse<String> scrape = send("GET", "/metrics");

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type")).hasValue(MetricsServer.PROMETHEUS_TEXT);
    assertThat(scrape.body()).contains("# TYPE ctk_example_total counter", "ctk_example_total{controller=\"wait\"} 1.0");
  }

  @Test
  void onlyTheThreePathsAndOnlyReading() throws Exception {
    assertThat(send("GET", "/metrics/extra").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    HttpResponse<String> post = send("POST", "/metrics");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    HttpResponse<String> head = send("HEAD", "/healthz");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
