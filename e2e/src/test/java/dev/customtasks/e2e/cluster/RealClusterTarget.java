package dev.customtasks.e2e.cluster;

import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the kind and kubeconfig targets share: a real API server reached through a kubeconfig,
 * Tekton (ours as CRDs or a real release) in place, and a namespace of this run's own, deleted on
 * close, so that runs of the suite never see each other's objects.
 */
abstract class RealClusterTarget implements ClusterTarget {

  /** Marks namespaces the suite created, so that leftovers of a killed run are easy to find. */
  static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
  static final String PART_OF_VALUE = "customtasks-e2e";

  private static final Logger LOG = LoggerFactory.getLogger(RealClusterTarget.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Supplier<Config> configs;
  private final KubernetesClient client;
  private final boolean realTekton;
  private final String namespace;

  /**
   * @param configs a fresh Config per call: fabric8's Config is mutable, so clients must not share one
   * @param tekton a release to install; without it our Tekton CRDs are installed where missing
   */
  protected RealClusterTarget(Supplier<Config> configs, Optional<TektonRelease> tekton) {
    this.configs = configs;
    this.client = newClient();
    try {
      tekton.ifPresent(release -> release.installInto(client));
      Crds.installMissing(client, EmbeddedApiServer.TEKTON_CRDS);
      this.realTekton = tekton.isPresent() || TektonRelease.isInstalled(client);
      this.namespace = createNamespace();
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  @Override
  public final KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(configs.get()).build();
  }

  @Override
  public final KubernetesClient client() {
    return client;
  }

  @Override
  public final void installCrds(List<String> classpathResources) {
    Crds.installMissing(client, classpathResources);
  }

  @Override
  public final boolean hasRealTekton() {
    return realTekton;
  }

  @Override
  public final String namespace() {
    return namespace;
  }

  private String createNamespace() {
    String name = "e2e-" + randomSuffix();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels(PART_OF_LABEL, PART_OF_VALUE).endMetadata().build()).create();
    // Pods (of TaskRuns under real Tekton) need the default ServiceAccount, which arrives a little later.
    client.serviceAccounts().inNamespace(name).withName("default")
        .waitUntilCondition(Objects::nonNull, 60, TimeUnit.SECONDS);
    LOG.info("Using namespace {}", name);
    return name;
  }

  private static String randomSuffix() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return suffix.toString();
  }

  /** Deletes this run's namespace without waiting for it to go. */
  @Override
  public void close() {
    try {
      client.namespaces().withName(namespace).delete();
    } finally {
      client.close();
    }
  }
}
