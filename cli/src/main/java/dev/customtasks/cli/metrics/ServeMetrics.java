package dev.customtasks.cli.metrics;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code ctk serve} measures and the server that shows it: JOSDK's reconcile counters,
 * {@code ctk_runs} and {@code ctk_pipelinerun_hop_seconds}, in one Prometheus registry. With
 * {@code --no-metrics} it is {@link #off()}: nothing listens and JOSDK records nothing.
 */
public final class ServeMetrics implements AutoCloseable {

  private final Metrics josdk;
  private final Optional<MetricsServer> server;
  private final List<AutoCloseable> parts;

  private ServeMetrics(Metrics josdk, Optional<MetricsServer> server, List<AutoCloseable> parts) {
    this.josdk = josdk;
    this.server = server;
    this.parts = parts;
  }

  public static ServeMetrics off() {
    return new ServeMetrics(Metrics.NOOP, Optional.empty(), List.of());
  }

  /**
   * Starts the server on {@code address} and the observers on {@code client}; {@code /readyz}
   * answers 503 until {@link #markReady()}.
   *
   * @throws IOException when the address cannot be bound
   */
  public static ServeMetrics start(KubernetesClient client, InetSocketAddress address, Duration runsRefresh)
      throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Per-resource meters would make a series for every run that ever existed.
    Metrics josdk = MicrometerMetrics.withoutPerResourceMetrics(registry);
    List<AutoCloseable> parts = new ArrayList<>();
    MetricsServer server = MetricsServer.start(address, registry);
    parts.add(server);
    try {
      parts.add(RunStateGauges.start(client, registry, runsRefresh));
      parts.add(HopLatencyObserver.start(client, registry, Clock.systemUTC()));
    } catch (RuntimeException e) {
      new ServeMetrics(josdk, Optional.of(server), parts).close();
      throw e;
    }
    return new ServeMetrics(josdk, Optional.of(server), parts);
  }

  /** What to give JOSDK's configuration, so that it counts reconciles per controller. */
  public Metrics josdk() {
    return josdk;
  }

  /** The controllers run: {@code /readyz} answers 200 from now on. */
  public void markReady() {
    server.ifPresent(MetricsServer::markReady);
  }

  /** The base URL of the endpoints, e.g. {@code http://127.0.0.1:8080}; empty when off. */
  public Optional<String> baseUrl() {
    return server.map(s -> {
      InetSocketAddress address = s.address();
      // A wildcard bind shows as :: on a dual-stack machine; 0.0.0.0 is what users type and read.
      String host = address.getAddress().isAnyLocalAddress() ? "0.0.0.0" : address.getAddress().getHostAddress();
      return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    });
  }

  /** For the banner: where the endpoints are, or that there are none. */
  public String describe() {
    return baseUrl().map(url -> url + "/metrics, /healthz, /readyz").orElse("off (--no-metrics)");
  }

  @Override
  public void close() {
    // The observers first: the server is what a scraper sees go last.
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        // Stopping: nothing left to tell.
      }
    }
  }
}
