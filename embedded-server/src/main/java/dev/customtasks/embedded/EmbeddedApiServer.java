package dev.customtasks.embedded;

import dev.customtasks.crds.admission.AdmissionHandler;
import dev.customtasks.crds.admission.ObjectReads;
import dev.customtasks.crds.api.TektonCrds;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An in-process Kubernetes API server that keeps objects, resourceVersions, watches and status
 * subresources: fabric8's mock server in CRUD mode, with our CRDs installed. It is what tests, the
 * e2e suite's default target and the CLI's embedded mode run against. The embedded-server
 * module's README lists where it differs from a real API server (no server-side apply, no
 * admission, ...). Like a real
 * one it expires Events and deletes the dependents of deleted owners in the background
 * ({@link #sweep()}), so that it can run for days.
 *
 * <p>It also answers what kubectl needs and the mock lacks ({@link FrontDispatcher}: discovery,
 * tables, merge patch as RFC 7386 has it), so that with the file from
 * {@link #writeKubeconfig(Path)} {@code kubectl get/describe/apply --validate=false/patch --type
 * merge|json/label/delete} work on every installed kind, status subresource included. kubectl
 * cannot watch ({@code get -w}: the mock serves watches over WebSocket only), validate against a
 * schema (no OpenAPI), use server-side apply or strategic merge patch, or run its typed
 * {@code create} commands (they send protobuf). The server checks no credentials: anyone who
 * reaches the port can do anything, so bind it to a loopback address unless that is what you want.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  /** The Tekton CRDs every embedded server has. */
  public static final List<String> TEKTON_CRDS = TektonCrds.resourcePaths();

  /** The namespace of the context in a written kubeconfig: kubectl's own default. */
  public static final String KUBECONFIG_NAMESPACE = "default";

  /** How often Events past their time to live and dependents of deleted owners are removed. */
  public static final Duration SWEEP_PERIOD = Duration.ofSeconds(10);

  private final KubernetesMockServer server;
  private final InetAddress address;
  private final boolean https;
  private final KubernetesClient client;
  private final ScheduledExecutorService housekeeping;
  private final Janitor janitor;
  private final Admission admission;
  private final RequestTally requests;

  private EmbeddedApiServer(KubernetesMockServer server, InetAddress address, boolean https, Admission admission,
      RequestTally requests, Duration sweepPeriod) {
    this.server = server;
    this.admission = admission;
    this.requests = requests;
    this.address = address;
    this.https = https;
    this.client = server.createClient();
    this.janitor = new Janitor(client, Clock.systemUTC(), Housekeeping.EVENT_TTL);
    this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "embedded-api-server-housekeeping");
      t.setDaemon(true);
      return t;
    });
    // The mock server records every request it served in an unbounded queue; drain it so that a
    // long-running server does not grow without bound.
    housekeeping.scheduleWithFixedDelay(this::drainRecordedRequests, 5, 5, TimeUnit.SECONDS);
    housekeeping.scheduleWithFixedDelay(janitor::sweep, sweepPeriod.toMillis(), sweepPeriod.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Starts a server on a free local port, over HTTP, with the Tekton CRDs installed. */
  public static EmbeddedApiServer start() {
    return start(InetAddress.getLoopbackAddress(), 0, false);
  }

  /** Starts a server on {@code address:port} (0 for any free port), HTTPS if asked. */
  public static EmbeddedApiServer start(InetAddress address, int port, boolean https) {
    return start(address, port, https, SWEEP_PERIOD);
  }

  /** As {@link #start(InetAddress, int, boolean)}, sweeping every {@code sweepPeriod}: for tests of housekeeping. */
  static EmbeddedApiServer start(InetAddress address, int port, boolean https, Duration sweepPeriod) {
    FrontDispatcher front = new FrontDispatcher(new StoreShards());
    KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
        new MockWebServer(), new HashMap<>(), front, https) {
      // The mock writes its host name into URLs as it is: an IPv6 address unbracketed, which no
      // client can parse. Every URL, the clients' own included, is built from the bound address.
      @Override
      public String url(String path) {
        return urlOf(address, https, getPort()) + (path.startsWith("/") ? path : "/" + path);
      }
    };
    server.init(address, port);
    EmbeddedApiServer embedded = new EmbeddedApiServer(server, address, https, front.admission(), front.requests(),
        sweepPeriod);
    // Tekton's webhook comes with Tekton's CRDs on a cluster: the embedded server has both.
    embedded.admit(new TektonWebhook());
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

  /** The name of Tekton's validating webhook, whose run and pipeline checks this server makes. */
  public static final String TEKTON_WEBHOOK = TektonWebhook.NAME;

  /**
   * Removes the admission handler named {@code name} (such as {@link #TEKTON_WEBHOOK}): the server
   * then accepts what a cluster without that webhook accepts, for tests of what a controller does
   * with input no admission refused.
   *
   * @throws IllegalArgumentException when no handler has that name
   */
  public EmbeddedApiServer withoutAdmission(String name) {
    if (!admission.unregister(name)) {
      throw new IllegalArgumentException("no admission handler is named " + name);
    }
    return this;
  }

  /**
   * Registers a validating admission handler: from now on it reviews every create, update and
   * delete of the resources it handles, as a cluster's webhook would (see {@link Admission}).
   */
  public EmbeddedApiServer admit(AdmissionHandler handler) {
    admission.register(handler);
    return this;
  }

  /** What admission handlers read through: the store, in-process (a handler runs inside a request). */
  public ObjectReads admissionReads() {
    return admission.reads();
  }

  /** The requests served so far, by client, verb and resource: for benchmarks that count API calls. */
  public RequestTally requests() {
    return requests;
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

  public boolean isHttps() {
    return https;
  }

  /**
   * The URL other processes reach the server at: its bound address, or the loopback address when
   * it listens on all of them. Unlike {@link #url()} it has no trailing slash, as kubeconfigs do.
   */
  public String externalUrl() {
    return urlOf(address, https, port());
  }

  /**
   * {@code scheme://host:port} for a server bound to {@code address}: the loopback address for a
   * wildcard, an IPv6 address in brackets (RFC 3986), without a trailing slash.
   */
  static String urlOf(InetAddress address, boolean https, int port) {
    InetAddress host = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
    return (https ? "https" : "http") + "://" + hostPort(host, port);
  }

  /** {@code host:port} with an IPv6 address in brackets, as URLs and messages write it. */
  public static String hostPort(InetAddress address, int port) {
    String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    return host + ":" + port;
  }

  /**
   * Writes a kubeconfig for this server (context {@code ctk-embedded}, namespace
   * {@value #KUBECONFIG_NAMESPACE}) to {@code file}, creating its folders; kubectl and fabric8
   * clients in other processes can use it. Over HTTPS it skips TLS verification (the certificate
   * is self-signed); it carries a placeholder token, since the server checks none.
   *
   * @return the absolute path written
   */
  public Path writeKubeconfig(Path file) {
    try {
      return EmbeddedKubeconfig.write(file, EmbeddedKubeconfig.render(externalUrl(), https, KUBECONFIG_NAMESPACE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kubeconfig to " + file + ": " + EmbeddedKubeconfig.cause(e), e);
    }
  }

  /**
   * How long Events stay after they were last seen (default an hour, as kube-apiserver's
   * {@code --event-ttl}).
   */
  public EmbeddedApiServer eventTtl(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("event time to live must be positive, not " + ttl);
    }
    janitor.eventTtl(ttl);
    return this;
  }

  /**
   * Does at once what the server does every {@link #SWEEP_PERIOD}: deletes Events older than their
   * time to live ({@link #eventTtl}), and objects of installed custom kinds whose
   * owners are all deleted (the garbage collector's background propagation).
   */
  public void sweep() {
    janitor.sweep();
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

  /**
   * Stops the server. Housekeeping stops first, and a pass under way may finish (up to
   * {@link #SWEEP_PERIOD}) before the client it uses closes, so that closing logs no failed pass.
   */
  @Override
  public void close() {
    janitor.stop();
    housekeeping.shutdown();
    try {
      if (!housekeeping.awaitTermination(SWEEP_PERIOD.toMillis(), TimeUnit.MILLISECONDS)) {
        housekeeping.shutdownNow();
      }
    } catch (InterruptedException e) {
      housekeeping.shutdownNow();
      Thread.currentThread().interrupt();
    }
    client.close();
    server.destroy();
  }

  Janitor janitor() {
    return janitor;
  }
}
