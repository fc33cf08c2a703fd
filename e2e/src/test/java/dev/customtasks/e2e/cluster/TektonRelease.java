package dev.customtasks.e2e.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Tekton Pipelines release.yaml (a path or a URL), installed so that Tekton's own PipelineRun
 * controller creates the CustomRuns our controllers answer.
 */
public final class TektonRelease {

  /** Where every Tekton Pipelines release puts its controller. */
  static final String NAMESPACE = "tekton-pipelines";
  static final String CONTROLLER = "tekton-pipelines-controller";

  private static final Logger LOG = LoggerFactory.getLogger(TektonRelease.class);
  /** Pulling Tekton's images into a fresh cluster takes a while. */
  private static final long READY_BOUND_MINUTES = 5;

  private final String location;

  public TektonRelease(String location) {
    this.location = location;
  }

  public String location() {
    return location;
  }

  /** Whether a Tekton PipelineRun controller is deployed where Tekton releases put it. */
  static boolean isInstalled(KubernetesClient client) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(CONTROLLER).get() != null;
  }

  /**
   * Applies the release and waits until its Deployments are ready. CRDs go first and must be
   * Established before anything else is applied, since a release may use its own kinds.
   */
  public void installInto(KubernetesClient client) {
    LOG.info("Installing Tekton Pipelines from {}", location);
    List<HasMetadata> items;
    try (InputStream in = new ByteArrayInputStream(read())) {
      items = client.load(in).items();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<HasMetadata> crds = items.stream().filter(i -> i instanceof CustomResourceDefinition).toList();
    crds.forEach(crd -> apply(client, crd));
    crds.forEach(crd -> Crds.awaitEstablished(client, crd.getMetadata().getName()));
    items.stream().filter(i -> !(i instanceof CustomResourceDefinition)).forEach(i -> apply(client, i));
    items.stream().filter(i -> i instanceof Deployment).forEach(d -> client.apps().deployments()
        .inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
        .waitUntilReady(READY_BOUND_MINUTES, TimeUnit.MINUTES));
    LOG.info("Tekton Pipelines is ready");
  }

  private static void apply(KubernetesClient client, HasMetadata item) {
    client.resource(item).fieldManager("customtasks-e2e").forceConflicts().serverSideApply();
  }

  private byte[] read() throws IOException {
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      try (InputStream in = URI.create(location).toURL().openStream()) {
        return in.readAllBytes();
      }
    }
    Path path = Path.of(location);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(ClusterTargets.TEKTON_PROPERTY + "=" + location
          + " is neither a URL nor a readable file");
    }
    return Files.readAllBytes(path);
  }

  @Override
  public String toString() {
    return "Tekton release " + location;
  }
}
