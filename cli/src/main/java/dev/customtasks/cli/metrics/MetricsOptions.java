package dev.customtasks.cli.metrics;

import dev.customtasks.cli.CliException;
import dev.customtasks.cli.GoDurationConverter;
import dev.customtasks.crds.duration.GoDuration;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ctk serve}'s options for its health and metrics endpoints. */
public final class MetricsOptions {

  /** Loopback beside an embedded server, which is for one machine; every interface in a cluster, for Prometheus. */
  static final String EMBEDDED_ADDRESS = "127.0.0.1";
  static final String CLUSTER_ADDRESS = "0.0.0.0";
  private static final List<String> METRICS_OPTIONS = List.of("--metrics-port", "--metrics-address",
      "--metrics-refresh");

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "8080", description = "Port of /metrics, "
      + "/healthz and /readyz (default: ${DEFAULT-VALUE}; 0 for any free one).")
  int port;

  @Option(names = "--metrics-address", paramLabel = "ADDRESS", description = "Address of the metrics endpoints "
      + "(default: " + EMBEDDED_ADDRESS + " beside the embedded server, " + CLUSTER_ADDRESS + " on a cluster).")
  String address;

  @Option(names = "--metrics-refresh", paramLabel = "DURATION", defaultValue = "15s",
      converter = GoDurationConverter.class, description = "How often ctk_runs lists the runs (default: "
      + "${DEFAULT-VALUE}).")
  Duration refresh;

  @Option(names = "--no-metrics", description = "Serve no metrics or health endpoints.")
  boolean off;

  /** @throws ParameterException for a port out of range, a refresh of zero, or metrics options with --no-metrics */
  public void check() {
    if (off) {
      List<String> given = METRICS_OPTIONS.stream()
          .filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o)).toList();
      if (!given.isEmpty()) {
        throw new ParameterException(spec.commandLine(), String.join(", ", given) + " and --no-metrics contradict "
            + "each other: leave one out");
      }
    }
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--metrics-port " + port + " is not a port: use 1-65535, or 0 "
          + "for any free one");
    }
    if (refresh.isNegative() || refresh.isZero()) {
      throw new ParameterException(spec.commandLine(), "--metrics-refresh " + GoDuration.format(refresh)
          + " must be positive");
    }
  }

  /** The endpoints, started, or {@link ServeMetrics#off()} with {@code --no-metrics}. */
  public ServeMetrics start(KubernetesClient client, boolean embeddedServer) {
    if (off) {
      return ServeMetrics.off();
    }
    String host = address != null ? address : embeddedServer ? EMBEDDED_ADDRESS : CLUSTER_ADDRESS;
    InetSocketAddress bindTo;
    try {
      bindTo = new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new CliException("--metrics-address " + host + " is not an address of this machine: " + e.getMessage());
    }
    try {
      return ServeMetrics.start(client, bindTo, refresh);
    } catch (BindException e) {
      throw new CliException("cannot listen on " + host + ":" + port + " for metrics: " + e.getMessage()
          + "; choose another port with --metrics-port, or --no-metrics");
    } catch (IOException e) {
      throw new CliException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }
}
