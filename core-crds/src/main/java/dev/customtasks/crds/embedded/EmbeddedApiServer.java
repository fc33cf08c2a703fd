package dev.customtasks.crds.embedded;

import dev.customtasks.crds.api.TektonCrds;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An in-process Kubernetes API server that keeps objects, resourceVersions, watches and status
 * subresources: fabric8's mock server in CRUD mode, with our CRDs installed. It is what tests, the
 * e2e suite's default target and the CLI's embedded mode run against. See the design notes for
 * where it differs from a real API server (no server-side apply, no garbage collection, ...).
 */
public final class EmbeddedApiServer implements AutoCloseable {

  /** The Tekton CRDs every embedded server has. */
  public static final List<String> TEKTON_CRDS = TektonCrds.resourcePaths();

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final ScheduledExecutorService janitor;

  private EmbeddedApiServer(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
    this.janitor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "embedded-api-server-janitor");
      t.setDaemon(true);
      return t;
    });
    // The mock server records every request it served in an unbounded queue; drain it so that a
    // long-running server does not grow without bound.
    janitor.scheduleWithFixedDelay(this::drainRecordedRequests, 5, 5, TimeUnit.SECONDS);
  }

  /** Starts a server on a free local port, over HTTP, with the Tekton CRDs installed. */
  public static EmbeddedApiServer start() {
    return start(InetAddress.getLoopbackAddress(), 0, false);
  }

  /** Starts a server on {@code address:port} (0 for any free port), HTTPS if asked. */
  public static EmbeddedApiServer start(InetAddress address, int port, boolean https) {
    KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
        new MockWebServer(), new HashMap<>(), new KubernetesMixedDispatcher(new HashMap<>()), https);
    server.init(address, port);
    EmbeddedApiServer embedded = new EmbeddedApiServer(server);
    embedded.installCrds(TEKTON_CRDS);
    return embedded;
  }

  /** Installs CRDs from classpath resources, e.g. a task module's {@code crds/...yaml}. */
  public EmbeddedApiServer installCrds(List<String> resources) {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (String resource : resources) {
      crds.add(loadCrd(resource));
    }
    for (CustomResourceDefinition crd : crds) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(c -> c.update());
    }
    return this;
  }

  private static CustomResourceDefinition loadCrd(String resource) {
    return TektonCrds.load(resource);
  }

  /** A client shared by whoever asks; closed with the server. */
  public KubernetesClient client() {
    return client;
  }

  /** A fresh client (own connections and informers), e.g. one per simulated controller process. */
  public KubernetesClient newClient() {
    return server.createClient();
  }

  public int port() {
    return server.getPort();
  }

  public String url() {
    return server.url("/");
  }

  private void drainRecordedRequests() {
    try {
      while (server.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
        // discard
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    janitor.shutdownNow();
    client.close();
    server.destroy();
  }
}
