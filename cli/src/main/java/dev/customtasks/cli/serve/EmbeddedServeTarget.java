package dev.customtasks.cli.serve;

import dev.customtasks.cli.CliException;
import dev.customtasks.cli.retention.FinishedRunPruner;
import dev.customtasks.cli.retention.RunRetention;
import dev.customtasks.crds.controller.CustomTaskModule;
import dev.customtasks.crds.duration.GoDuration;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An embedded API server in this process, with the Tekton CRDs and the controllers' CRDs, and a
 * kubeconfig for it that other processes (kubectl, {@code ctk list}) use. The kubeconfig is
 * removed again on a clean stop, so that nothing points at a server that is gone.
 */
final class EmbeddedServeTarget implements ServeTarget {

  private final EmbeddedApiServer server;
  private final InetAddress bindTo;
  private final Path kubeconfig;
  private final String kubeconfigContent;
  private final String reason;
  private final RunRetention retention;
  private final FinishedRunPruner pruner;
  private final Duration eventTtl;

  private EmbeddedServeTarget(EmbeddedApiServer server, InetAddress bindTo, Path kubeconfig, String reason,
      RunRetention retention, Duration eventTtl) throws IOException {
    this.eventTtl = eventTtl;
    this.bindTo = bindTo;
    this.server = server;
    this.kubeconfig = kubeconfig;
    this.kubeconfigContent = Files.readString(kubeconfig);
    this.reason = reason;
    this.retention = retention;
    this.pruner = new FinishedRunPruner(server.client(), retention, Clock.systemUTC()).start();
  }

  /**
   * @param reason why the embedded server and not a cluster, for the banner
   */
  static EmbeddedServeTarget start(InetAddress bindTo, int port, boolean https, Path kubeconfigOut, List<String> crds,
      RunRetention retention, Duration eventTtl, String reason) {
    liveServerOf(kubeconfigOut).ifPresent(url -> {
      throw new CliException(kubeconfigInUse(kubeconfigOut, url));
    });
    EmbeddedApiServer server;
    String where = EmbeddedApiServer.hostPort(bindTo, port);
    try {
      server = EmbeddedApiServer.start(bindTo, port, https);
    } catch (RuntimeException e) {
      BindException bind = cause(e, BindException.class);
      if (bind != null) {
        throw new CliException(cannotListen(where, bind));
      }
      throw new CliException("cannot start the embedded API server on " + where + ": " + e, e);
    }
    try {
      server.installCrds(crds).eventTtl(eventTtl);
      return new EmbeddedServeTarget(server, bindTo, server.writeKubeconfig(kubeconfigOut), reason, retention,
          eventTtl);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw new CliException("cannot prepare the embedded API server: " + e.getMessage(), e);
    }
  }

  /**
   * Hands the admission handlers of the task modules among {@code controllers} to the embedded
   * server, which calls them in-process on every write of their kinds (a cluster runs them as
   * webhooks instead).
   */
  void admitFor(List<String> controllers) {
    for (CustomTaskModule module : CustomTaskModule.discover()) {
      if (controllers.contains(module.name())) {
        module.admissionHandlers(server.admissionReads()).forEach(server::admit);
      }
    }
  }

  @Override
  public KubernetesClient client() {
    return server.client();
  }

  @Override
  public boolean embedded() {
    return true;
  }

  Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public void printBanner(PrintWriter out, String controllers, String leaderElection, String metrics) {
    String url = server.externalUrl();
    out.println("==> ctk serve: EMBEDDED API server, in this process (" + reason + ").");
    out.println("    Objects live in memory only: they are gone when ctk stops.");
    out.println("    API server:   " + url + (server.isHttps() ? " (self-signed certificate)" : "")
        + (bindTo.isAnyLocalAddress() ? ", listening on every network interface (" + bindTo.getHostAddress() + ")"
            : ""));
    out.println("    kubeconfig:   " + kubeconfig);
    out.println("    controllers:  " + controllers);
    out.println("    metrics:      " + metrics);
    out.println("    retention:    " + retention.describe() + " (--keep-finished), Events "
        + GoDuration.format(eventTtl) + " after they were last seen (--event-ttl)");
    if (!bindTo.isLoopbackAddress()) {
      out.println("    WARNING: listening beyond this machine (--insecure-any-address), with no authentication: "
          + "anyone who reaches the port can do anything.");
    }
    out.println("    In another terminal:");
    out.println("      export KUBECONFIG=" + kubeconfig);
    out.println("      kubectl get customruns          # kubectl apply needs --validate=false here");
    out.println("      ctk list");
    out.println("    Ctrl-C to stop.");
    out.flush();
  }

  /**
   * The server URL of the kubeconfig at {@code file} when something still listens there (another
   * {@code ctk serve --embedded}, or a cluster's kubeconfig given as {@code --kubeconfig-out}); empty
   * when there is no such file, it names no server, or nothing answers (one left by a server that
   * was killed, which may be overwritten).
   */
  static Optional<String> liveServerOf(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String url;
    try {
      url = Config.fromKubeconfig(Files.readString(file)).getMasterUrl();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    try {
      URI uri = URI.create(url);
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(uri.getHost(), port), PROBE_MILLIS);
      }
      return Optional.of(url.replaceAll("/+$", ""));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** How long {@link #liveServerOf} waits for a server to accept a connection. */
  private static final int PROBE_MILLIS = 1000;

  static String kubeconfigInUse(Path file, String url) {
    return "the kubeconfig " + file + " is that of a server that still answers at " + url + " (another 'ctk serve "
        + "--embedded'?); stop that one first, or write this one's elsewhere with --kubeconfig-out FILE";
  }

  /**
   * Why {@code where} ({@code host:port}) cannot be bound, from the operating system's words: a
   * privileged port, a port in use, or an address that is not this machine's.
   */
  static String cannotListen(String where, BindException e) {
    String os = String.valueOf(e.getMessage());
    if (os.contains("Permission denied") || os.contains("Access is denied")) {
      return "cannot listen on " + where + ": permission denied (ports below 1024 need root or "
          + "CAP_NET_BIND_SERVICE); choose another with --port";
    }
    if (os.contains("Cannot assign requested address")) {
      return "cannot listen on " + where + ": the address is not one of this machine's; choose another with "
          + "--address";
    }
    if (os.contains("in use")) {
      return "cannot listen on " + where + ": the port is in use (is another 'ctk serve --embedded' running?); "
          + "choose another with --port";
    }
    return "cannot listen on " + where + ": " + os + "; choose another --address or --port";
  }

  @Override
  public void close() {
    try {
      // Only our own file: another server may have written its kubeconfig there since.
      if (Files.isRegularFile(kubeconfig) && Files.readString(kubeconfig).equals(kubeconfigContent)) {
        Files.delete(kubeconfig);
      }
    } catch (IOException e) {
      // Leaving a stale kubeconfig behind is harmless: ctk and kubectl then say they cannot connect.
    } finally {
      pruner.close();
      server.close();
    }
  }

  private static <E extends Throwable> E cause(Throwable e, Class<E> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
