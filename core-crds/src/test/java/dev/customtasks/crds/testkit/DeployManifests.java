package dev.customtasks.crds.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a module's {@code deploy/} folder the way {@code kubectl apply -f} would, so a test can
 * check that every manifest parses and that shipped CRDs match the ones the code uses.
 */
public final class DeployManifests {

  private DeployManifests() {
  }

  /** Every document of every YAML file under {@code dir}, recursively, as generic objects. */
  public static List<GenericKubernetesResource> load(Path dir) {
    List<GenericKubernetesResource> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        String text = Files.readString(file);
        for (String document : text.split("(?m)^---\\s*$")) {
          if (document.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
            continue;
          }
          GenericKubernetesResource object = Serialization.unmarshal(document, GenericKubernetesResource.class);
          assertThat(object.getApiVersion()).as("apiVersion in %s", file).isNotBlank();
          assertThat(object.getKind()).as("kind in %s", file).isNotBlank();
          assertThat(object.getMetadata().getName()).as("metadata.name in %s", file).isNotBlank();
          all.add(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  /**
   * Asserts that every container of every Deployment under {@code dir} has a liveness probe on
   * {@code /healthz} and a readiness probe, on a port the container declares as 8080 and names
   * {@code http} or {@code metrics}, and that the Pod template carries Prometheus' usual
   * annotations for {@code /metrics} on that port: what the controller image serves
   * ({@code ControllerEndpoints}).
   */
  @SuppressWarnings("unchecked")
  public static void assertProbed(Path dir) {
    List<GenericKubernetesResource> deployments = load(dir).stream().filter(o -> "Deployment".equals(o.getKind()))
        .toList();
    assertThat(deployments).as("Deployments in %s", dir).isNotEmpty();
    for (GenericKubernetesResource deployment : deployments) {
      Map<String, Object> annotations = (Map<String, Object>) deployment.get("spec", "template", "metadata",
          "annotations");
      assertThat(annotations).as("spec.template.metadata.annotations of %s", deployment.getMetadata().getName())
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/port", "8080")
          .containsEntry("prometheus.io/path", "/metrics");
      List<Map<String, Object>> containers = (List<Map<String, Object>>) deployment
          .get("spec", "template", "spec", "containers");
      for (Map<String, Object> container : containers) {
        String name = deployment.getMetadata().getName() + "/" + container.get("name");
        Map<String, Object> liveness = (Map<String, Object>) container.get("livenessProbe");
        assertThat(liveness).as("livenessProbe of %s", name).isNotNull();
        Map<String, Object> httpGet = (Map<String, Object>) liveness.get("httpGet");
        assertThat(httpGet).as("livenessProbe.httpGet of %s", name).containsEntry("path", "/healthz");
        assertThat(httpGet.get("port")).as("livenessProbe.httpGet.port of %s", name).isIn("http", "metrics");
        assertThat(container.get("readinessProbe")).as("readinessProbe of %s", name).isNotNull();
        List<Map<String, Object>> ports = (List<Map<String, Object>>) container.get("ports");
        assertThat(ports).as("ports of %s", name).anySatisfy(port -> {
          assertThat(port).containsEntry("name", httpGet.get("port"));
          assertThat(port).containsEntry("containerPort", 8080);
        });
      }
    }
  }

  /** Asserts the CRD in {@code file} is, field for field, the one on the class path at {@code resource}. */
  public static void assertSameCrd(Path file, String resource) throws IOException {
    CustomResourceDefinition shipped = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
    CustomResourceDefinition used;
    try (InputStream in = DeployManifests.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("class path resource %s", resource).isNotNull();
      used = Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
    assertThat(Serialization.jsonMapper().convertValue(shipped.getSpec(), Map.class))
        .as("%s must match %s; copy it again", file, resource)
        .isEqualTo(Serialization.jsonMapper().convertValue(used.getSpec(), Map.class));
  }

  /**
   * Every {@code enum} in the schema of the CRD in {@code file} (its first version), by the path of
   * its field as kube-apiserver names it in a refusal ({@code spec.onTimeout}, {@code
   * spec.items[].mode}), each with its values in the order the schema lists them. A test compares
   * it with the words the controller reads, so that the schema and the controller cannot drift
   * apart, and a field that gains or loses an {@code enum} is seen.
   */
  public static Map<String, List<String>> schemaEnums(Path file) throws IOException {
    CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
    Map<String, List<String>> enums = new LinkedHashMap<>();
    collectEnums(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema(), "", enums);
    return enums;
  }

  private static void collectEnums(JSONSchemaProps schema, String path, Map<String, List<String>> enums) {
    if (schema == null) {
      return;
    }
    if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      enums.put(path, schema.getEnum().stream().map(v -> v.isTextual() ? v.asText() : v.toString()).toList());
    }
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, property) ->
          collectEnums(property, path.isEmpty() ? name : path + "." + name, enums));
    }
    if (schema.getItems() != null) {
      collectEnums(schema.getItems().getSchema(), path + "[]", enums);
    }
  }

  /**
   * Asserts that the kind of every CRD shipped in {@code dir} decodes straight into its Java class:
   * listed in the module's {@code META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource},
   * as fabric8's model jars list theirs. A kind missing there is read from each watch event twice
   * (first as a generic object, then converted), in every informer that watches it.
   */
  public static void assertKindsRegistered(Path dir) {
    var serialization = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
    List<GenericKubernetesResource> crds = load(dir).stream()
        .filter(o -> "CustomResourceDefinition".equals(o.getKind())).toList();
    assertThat(crds).as("CRDs in %s", dir).isNotEmpty();
    for (GenericKubernetesResource object : crds) {
      CustomResourceDefinition crd = Serialization.jsonMapper().convertValue(object, CustomResourceDefinition.class);
      String kind = crd.getSpec().getNames().getKind();
      crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage())).forEach(version -> {
        String apiVersion = crd.getSpec().getGroup() + "/" + version.getName();
        assertThat(serialization.getRegisteredKubernetesResource(apiVersion, kind))
            .as("%s %s registered for fabric8's deserializer (META-INF/services)", apiVersion, kind).isNotNull();
      });
    }
  }
}
