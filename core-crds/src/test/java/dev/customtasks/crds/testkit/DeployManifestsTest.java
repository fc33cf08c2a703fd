package dev.customtasks.crds.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test kit's checks of a module's {@code deploy/}: a Deployment probed, and scraped where the
 * image serves /metrics; the enums of a CRD's schema, by field.
 */
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

  @Test
  void schemaEnumsAreFoundByFieldPathInObjectsAndArrays() throws Exception {
    Files.writeString(dir.resolve("100-crd-hello.yaml"), """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: hellos.example.dev}
        spec:
          group: example.dev
          names: {kind: Hello, plural: hellos}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      mode: {type: string, enum: [fast, slow]}
                      name: {type: string}
                      steps:
                        type: array
                        items:
                          type: object
                          properties:
                            onError: {type: string, enum: [continue, stop]}
        """);

    assertThat(DeployManifests.schemaEnums(dir.resolve("100-crd-hello.yaml"))).isEqualTo(Map.of(
        "spec.mode", List.of("fast", "slow"), "spec.steps[].onError", List.of("continue", "stop")));
  }
}
