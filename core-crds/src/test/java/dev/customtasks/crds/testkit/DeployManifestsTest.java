package dev.customtasks.crds.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test kit's check of a module's Deployment: probed, and scraped where the image serves /metrics. */
class DeployManifestsTest {

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: hello-controller}
      spec:
        template:
          metadata:
            annotations: %s
          spec:
            containers:
            - name: controller
              ports: [{name: %s, containerPort: 8080}]
              livenessProbe: {httpGet: {path: /healthz, port: %s}}
              readinessProbe: {httpGet: {path: /readyz, port: %s}}
      """;
  private static final String SCRAPED =
      "{prometheus.io/scrape: \"true\", prometheus.io/port: \"8080\", prometheus.io/path: /metrics}";

  @TempDir
  Path dir;

  @Test
  void aDeploymentProbedAndScrapedOnItsHttpPortPasses() throws Exception {
    Files.writeString(dir.resolve("500-deployment.yaml"), DEPLOYMENT.formatted(SCRAPED, "http", "http", "http"));

    assertThatCode(() -> DeployManifests.assertProbed(dir)).doesNotThrowAnyException();
  }

  @Test
  void aDeploymentWithoutPrometheusAnnotationsFails() throws Exception {
    Files.writeString(dir.resolve("500-deployment.yaml"), DEPLOYMENT.formatted("{}", "http", "http", "http"));

    assertThatThrownBy(() -> DeployManifests.assertProbed(dir)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("prometheus.io/scrape");
  }

  @Test
  void aPortNamedForHealthOnlyFails() throws Exception {
    Files.writeString(dir.resolve("500-deployment.yaml"), DEPLOYMENT.formatted(SCRAPED, "health", "health", "health"));

    assertThatThrownBy(() -> DeployManifests.assertProbed(dir)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("livenessProbe.httpGet.port of hello-controller/controller");
  }
}
