package dev.customtasks.cli.serve;

import dev.customtasks.cli.GoDurationConverter;
import dev.customtasks.cli.retention.RunRetention;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ctk serve}'s options for the embedded API server: where it listens, and what it keeps. */
public final class EmbeddedServerOptions {

  static final List<String> NAMES = List.of("--address", "--insecure-any-address", "--port", "--https",
      "--kubeconfig-out", "--keep-finished", "--event-ttl");

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Embedded server: "
      + "address to listen on (default: ${DEFAULT-VALUE}; it checks no credentials, so keep it local).")
  String address;

  @Option(names = "--insecure-any-address", description = "Embedded server: allow an --address other than a "
      + "loopback one (0.0.0.0, ::, a network interface's): anyone who reaches the port can then do anything.")
  boolean insecureAnyAddress;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "6443", description = "Embedded server: port "
      + "(default: ${DEFAULT-VALUE}; 0 for any free one).")
  int port;

  @Option(names = "--https", description = "Embedded server: HTTPS with a self-signed certificate instead of HTTP.")
  boolean https;

  @Option(names = "--kubeconfig-out", paramLabel = "FILE", description = "Embedded server: where to write its "
      + "kubeconfig (default: ~/.ctk/embedded-kubeconfig, which ctk list/describe find by themselves).")
  Path kubeconfigOut;

  @Option(names = "--keep-finished", paramLabel = "DURATION", defaultValue = "24h", description = "Embedded "
      + "server: how long a finished PipelineRun, CustomRun or TaskRun stays, its children and Events with it "
      + "(default: ${DEFAULT-VALUE}; '" + RunRetention.FOREVER + "' keeps them until ctk stops).")
  String keepFinished;

  @Option(names = "--event-ttl", paramLabel = "DURATION", defaultValue = "1h", converter = GoDurationConverter.class,
      description = "Embedded server: how long an Event stays after it was last seen, as kube-apiserver's "
          + "--event-ttl (default: ${DEFAULT-VALUE}).")
  Duration eventTtl;

  /** @throws ParameterException naming the first option whose value cannot be used */
  void check() {
    if (port < 0 || port > 65535) {
      throw bad("--port " + port + " is not a port: use 1-65535, or 0 for any free one");
    }
    InetAddress bindTo = bindAddress();
    // Judged on the address bound, not on the URL clients are given: a wildcard's URL says 127.0.0.1.
    if (!bindTo.isLoopbackAddress() && !insecureAnyAddress) {
      throw bad("--address " + address + " listens beyond this machine ("
          + (bindTo.isAnyLocalAddress() ? "every network interface" : "a network interface")
          + "), and the embedded server checks no credentials: anyone who reaches the port could do anything. "
          + "Use a loopback address (127.0.0.1, ::1), or add --insecure-any-address if that is what you want");
    }
    retention();
    if (eventTtl.isZero()) {
      throw bad("--event-ttl 0s: an Event must live a while; give a positive duration such as 1h");
    }
  }

  /** The address to listen on, resolved. */
  InetAddress bindAddress() {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw bad("--address " + address + " is not an address of this machine: " + e.getMessage());
    }
  }

  RunRetention retention() {
    try {
      return RunRetention.parse(keepFinished);
    } catch (IllegalArgumentException e) {
      throw bad("--keep-finished: " + e.getMessage());
    }
  }

  /**
   * Starts the server with these options and {@code crds} installed.
   *
   * @param defaultKubeconfig where the kubeconfig goes without --kubeconfig-out
   * @param reason why the embedded server and not a cluster, for the banner
   */
  EmbeddedServeTarget start(List<String> crds, Path defaultKubeconfig, String reason) {
    return EmbeddedServeTarget.start(bindAddress(), port, https, Optional.ofNullable(kubeconfigOut)
        .orElse(defaultKubeconfig), crds, retention(), eventTtl, reason);
  }

  private ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
