package dev.customtasks.crds.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javaoperatorsdk.operator.Operator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A controller image's /healthz and /readyz, as the Deployments probe them. */
class HealthEndpointsTest {

  @Test
  void notReadyBeforeTheOperatorStartsButAlive() throws Exception {
    Operator operator = new Operator();
    try (HealthEndpoints health = HealthEndpoints.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        operator)) {
      assertThat(get(health, "/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get(health, "/readyz");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).isEqualTo("starting: the controller is not running yet\n");
      assertThat(get(health, "/healthzz").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aHealthPortThatIsNoNumberSaysSo() {
    assertThatThrownBy(() -> HealthEndpoints.serve(new Operator(), Map.of("HEALTH_PORT", "http")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("HEALTH_PORT=http is not a port number");
  }

  private static HttpResponse<String> get(HealthEndpoints health, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port()
        + path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
