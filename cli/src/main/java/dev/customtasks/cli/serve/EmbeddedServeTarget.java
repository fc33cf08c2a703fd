package dev.customtasks.cli.serve;

import dev.customtasks.cli.CliException;
import dev.customtasks.cli.retention.FinishedRunPruner;
import dev.customtasks.cli.retention.RunRetention;
import dev.customtasks.crds.controller.CustomTaskModule;
import dev.customtasks.crds.duration.GoDuration;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * An embedded API server in this process, with the Tekton CRDs and the controllers' CRDs, and a
 * kubeconfig for it that other processes (kubectl, {@code ctk list}) use. The kubeconfig is
 * removed again on a clean stop, so that nothing points at a server that is gone.
 */
final class EmbeddedServeTarget implements ServeTarget {

  private final EmbeddedApiServer server;
  private final Path kubeconfig;
  private final String kubeconfigContent;
  private final String reason;
  private final RunRetention retention;
  private final FinishedRunPruner pruner;
  private final Duration eventTtl;

  private EmbeddedServeTarget(EmbeddedApiServer server, Path kubeconfig, String reason, RunRetention retention,
      Duration eventTtl) throws IOException {
    this.eventTtl = eventTtl;
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
  static EmbeddedServeTarget start(String address, int port, boolean https, Path kubeconfigOut, List<String> crds,
      RunRetention retention, Duration eventTtl, String reason) {
    InetAddress bindTo;
    try {
      bindTo = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new CliException("--address " + address + " is not an address of this machine: " + e.getMessage());
    }
    EmbeddedApiServer server;
    try {
      server = EmbeddedApiServer.start(bindTo, port, https);
    } catch (RuntimeException e) {
      if (causedBy(e, BindException.class)) {
        throw new CliException("cannot listen on " + address + ":" + port + ": the port is in use (is another "
            + "'ctk serve --embedded' running?); choose another with --port");
      }
      throw new CliException("cannot start the embedded API server on " + address + ":" + port + ": " + e, e);
    }
    try {
      server.installCrds(crds).eventTtl(eventTtl);
      return new EmbeddedServeTarget(server, server.writeKubeconfig(kubeconfigOut), reason, retention,
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
    out.println("    API server:   " + url + (server.isHttps() ? " (self-signed certificate)" : ""));
    out.println("    kubeconfig:   " + kubeconfig);
    out.println("    controllers:  " + controllers);
    out.println("    metrics:      " + metrics);
    out.println("    retention:    " + retention.describe() + " (--keep-finished), Events "
        + GoDuration.format(eventTtl) + " after they were last seen (--event-ttl)");
    if (!isLoopback(url)) {
      out.println("    WARNING: listening beyond this machine, with no authentication: anyone who reaches the port "
          + "can do anything.");
    }
    out.println("    In another terminal:");
    out.println("      export KUBECONFIG=" + kubeconfig);
    out.println("      kubectl get customruns          # kubectl apply needs --validate=false here");
    out.println("      ctk list");
    out.println("    Ctrl-C to stop.");
    out.flush();
  }

  private static boolean isLoopback(String url) {
    String host = url.replaceFirst("^https?://", "").replaceFirst(":\\d+$", "").replace("[", "").replace("]", "");
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
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

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
