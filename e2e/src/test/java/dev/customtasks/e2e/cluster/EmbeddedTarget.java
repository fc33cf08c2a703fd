package dev.customtasks.e2e.cluster;

import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** core-crds' in-process API server: what CI runs, needs nothing installed. */
public final class EmbeddedTarget implements ClusterTarget {

  /** The embedded server has no namespace objects to create; every test shares this one. */
  public static final String NAMESPACE = "test";

  private final EmbeddedApiServer server;

  private EmbeddedTarget(EmbeddedApiServer server) {
    this.server = server;
  }

  /** Starts a server with the Tekton CRDs installed. */
  public static EmbeddedTarget start() {
    return new EmbeddedTarget(EmbeddedApiServer.start());
  }

  /** The server itself, for what only it has (e.g. its in-process admission chain). */
  public EmbeddedApiServer server() {
    return server;
  }

  @Override
  public String name() {
    return TargetChoice.EMBEDDED.propertyValue();
  }

  @Override
  public KubernetesClient newClient() {
    return server.newClient();
  }

  @Override
  public KubernetesClient client() {
    return server.client();
  }

  @Override
  public void installCrds(List<String> classpathResources) {
    server.installCrds(classpathResources);
  }

  @Override
  public boolean hasRealTekton() {
    return false;
  }

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public void close() {
    server.close();
  }
}
