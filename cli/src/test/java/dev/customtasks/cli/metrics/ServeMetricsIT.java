package dev.customtasks.cli.metrics;

import static dev.customtasks.cli.CtkRun.ctk;
import static dev.customtasks.crds.testkit.RunAwaits.awaitObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.cli.CtkRun.Result;
import dev.customtasks.cli.serve.ServeInBackground;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.controller.ControllerEndpoints;
import dev.customtasks.crds.testkit.PrometheusText;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ctk serve --embedded} in this JVM answers /healthz, /readyz and /metrics after a PipelineRun. */
class ServeMetricsIT {

  private static final String TWO_CHAINED_WAITS = """
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata:
        name: two-waits
        namespace: default
      spec:
        pipelineSpec:
          tasks:
          - name: first
            taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
            params: [{name: duration, value: 0s}]
          - name: second
            runAfter: [first]
            taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
            params: [{name: duration, value: 0s}]
      """;
  private static final Duration GENEROUS = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;

  @Test
  void servesHealthReadinessAndMetricsOfAPipelineRun() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    int metricsPort = freePort();
    try (ServeInBackground serve = new ServeInBackground().start("--embedded", "--port", String.valueOf(freePort()),
        "--metrics-port", String.valueOf(metricsPort), "--metrics-refresh", "200ms",
        "--kubeconfig-out", kubeconfig.toString())) {
      String base = "http://127.0.0.1:" + metricsPort;
      assertThat(serve.out()).contains("metrics:      " + base + "/metrics");

      try (KubernetesClient client = clientFor(kubeconfig)) {
        PipelineRun run = client.getKubernetesSerialization().unmarshal(TWO_CHAINED_WAITS, PipelineRun.class);
        client.resource(run).create();
        PipelineRun done = awaitObject(client, PipelineRun.class, "default", "two-waits", PipelineRun::isDone, GENEROUS);
        assertThat(done.isSuccessful()).as("%s", done.getStatus()).isTrue();
      }

      assertThat(get(base + "/healthz")).satisfies(r -> {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok\n");
      });
      assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);
      await().atMost(GENEROUS).untilAsserted(() -> {
        HttpResponse<String> scrape = get(base + "/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValue(ControllerEndpoints.PROMETHEUS_TEXT);
        PrometheusText metrics = new PrometheusText(scrape.body());
        assertThat(metrics.sum("operator_sdk_controllers_execution_reconcile_success_total", "controller=\"wait\""))
            .as("%s", metrics).isGreaterThanOrEqualTo(2);
        assertThat(metrics.sum("ctk_runs", "kind=\"PipelineRun\"", "state=\"succeeded\""))
            .as("%s", metrics).isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("ctk_runs", "kind=\"CustomRun\"", "state=\"succeeded\""))
            .as("%s", metrics).isGreaterThanOrEqualTo(2);
        assertThat(metrics.sum("ctk_pipelinerun_hop_seconds_count")).as("%s", metrics).isGreaterThanOrEqualTo(1);
      });
      assertThat(get(base + "/metricsfoo").statusCode()).isEqualTo(404);

      assertThat(serve.stop().exitCode()).isZero();
    }
  }

  @Test
  void noMetricsStartsNoServer() throws Exception {
    int defaultPort = 8080;
    assumeThat(isFree(defaultPort)).as("port %d is free on this machine", defaultPort).isTrue();
    try (ServeInBackground serve = new ServeInBackground().start("--embedded", "--port", String.valueOf(freePort()),
        "--no-metrics", "--kubeconfig-out", dir.resolve("kubeconfig").toString())) {
      assertThat(serve.out()).contains("metrics:      off (--no-metrics)");

      assertThat(isFree(defaultPort)).isTrue();

      assertThat(serve.stop().exitCode()).isZero();
    }
  }

  @Test
  void metricsOnEveryInterfaceAreShownAsZeroAddress() throws Exception {
    try (ServeInBackground serve = new ServeInBackground().start("--embedded", "--port", "0", "--metrics-address",
        "0.0.0.0", "--metrics-port", "0", "--kubeconfig-out", dir.resolve("kubeconfig").toString())) {
      assertThat(serve.out()).containsPattern("metrics:      http://0\\.0\\.0\\.0:\\d+/metrics, /healthz, /readyz");

      assertThat(serve.stop().exitCode()).isZero();
    }
  }

  @Test
  void aMetricsPortInUseIsOneLineAndExitCode1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Path kubeconfig = dir.resolve("kubeconfig");
      Result result = ctk("serve", "--embedded", "--port", String.valueOf(freePort()),
          "--metrics-port", String.valueOf(taken.getLocalPort()), "--kubeconfig-out", kubeconfig.toString());

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.err()).startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " for metrics")
          .contains("choose another port with --metrics-port, or --no-metrics").hasLineCount(1);
      assertThat(kubeconfig).doesNotExist();
    }
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static KubernetesClient clientFor(Path kubeconfig) throws IOException {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
