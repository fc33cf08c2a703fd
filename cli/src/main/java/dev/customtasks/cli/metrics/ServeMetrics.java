package dev.customtasks.cli.metrics;

import dev.customtasks.crds.controller.ControllerEndpoints;
import dev.customtasks.crds.controller.ControllerMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything {@code ctk serve} measures and the server that shows it: what every controller
 * process measures (core-crds' {@link ControllerMetrics}: JOSDK's reconcile counters, the JVM's)
 * plus {@code ctk_runs} and {@code ctk_pipelinerun_hop_seconds}, served by core-crds'
 * {@link ControllerEndpoints}. With {@code --no-metrics} it is {@link #off()}: nothing listens and
 * JOSDK records nothing.
 */
public final class ServeMetrics implements AutoCloseable {

  private final Metrics josdk;
  private final Optional<ControllerEndpoints> server;
  private final AtomicBoolean ready;
  private final List<AutoCloseable> parts;

  private ServeMetrics(Metrics josdk, Optional<ControllerEndpoints> server, AtomicBoolean ready,
      List<AutoCloseable> parts) {
    this.josdk = josdk;
    this.server = server;
    this.ready = ready;
    this.parts = parts;
  }

  public static ServeMetrics off() {
    return new ServeMetrics(Metrics.NOOP, Optional.empty(), new AtomicBoolean(), List.of());
  }

  /**
   * Starts the server on {@code address} and the observers on {@code client}; {@code /readyz}
   * answers 503 until {@link #markReady()}.
   *
   * @throws IOException when the address cannot be bound
   */
  public static ServeMetrics start(KubernetesClient client, InetSocketAddress address, Duration runsRefresh)
      throws IOException {
    ControllerMetrics metrics = ControllerMetrics.create();
    AtomicBoolean ready = new AtomicBoolean();
    List<AutoCloseable> parts = new ArrayList<>();
    parts.add(metrics);
    ControllerEndpoints server;
    try {
      // Alive while the process answers at all; ready once told (every replica, leader or not).
      server = ControllerEndpoints.start(address, ControllerEndpoints.Probe.ALWAYS,
          () -> ready.get() ? Optional.empty() : Optional.of("starting: the controllers are not running yet"), metrics);
    } catch (IOException | RuntimeException e) {
      metrics.close();
      throw e;
    }
    parts.add(server);
    ServeMetrics serveMetrics = new ServeMetrics(metrics.josdk(), Optional.of(server), ready, parts);
    try {
      parts.add(RunStateGauges.start(client, metrics.registry(), runsRefresh));
      parts.add(HopLatencyObserver.start(client, metrics.registry(), Clock.systemUTC()));
    } catch (RuntimeException e) {
      serveMetrics.close();
      throw e;
    }
    return serveMetrics;
  }

  /** What to give JOSDK's configuration, so that it counts reconciles per controller. */
  public Metrics josdk() {
    return josdk;
  }

  /** The controllers run: {@code /readyz} answers 200 from now on. */
  public void markReady() {
    ready.set(true);
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
