package dev.customtasks.e2e.cluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CRDs on a real API server, where a CRD can be used only once it is Established. */
final class Crds {

  private static final Logger LOG = LoggerFactory.getLogger(Crds.class);
  private static final long ESTABLISHED_BOUND_SECONDS = 60;

  private Crds() {
  }

  /**
   * Creates the CRDs the cluster lacks and leaves the others alone: on a shared cluster an existing
   * CRD may belong to a real Tekton or a deployed task, which a test must not rewrite.
   */
  static void installMissing(KubernetesClient client, List<String> classpathResources) {
    for (String resource : classpathResources) {
      CustomResourceDefinition crd = load(client, resource);
      String name = crd.getMetadata().getName();
      if (client.apiextensions().v1().customResourceDefinitions().withName(name).get() == null) {
        LOG.info("Creating CRD {} from {}", name, resource);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      }
      awaitEstablished(client, name);
    }
  }

  private static CustomResourceDefinition load(KubernetesClient client, String resource) {
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("CRD manifest " + resource + " is not on the classpath");
      }
      return client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void awaitEstablished(KubernetesClient client, String name) {
    client.apiextensions().v1().customResourceDefinitions().withName(name)
        .waitUntilCondition(Crds::isEstablished, ESTABLISHED_BOUND_SECONDS, TimeUnit.SECONDS);
  }

  private static boolean isEstablished(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
