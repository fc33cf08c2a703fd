package dev.customtasks.crds.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.util.Map;

/**
 * A controller image's process, the same in every module's {@code Main}: an operator as
 * {@link Operators#create} builds it, counting reconciles into {@link ControllerMetrics}, with the
 * module's controllers registered for {@code WATCH_NAMESPACE}, and {@link ControllerEndpoints}
 * ({@code /healthz}, {@code /readyz}, {@code /metrics}) on {@code HEALTH_PORT} (8080), which the
 * Deployment probes and Prometheus scrapes.
 */
public final class ControllerProcess implements AutoCloseable {

  /** How a module registers its controllers on an operator, for the namespaces it watches. */
  @FunctionalInterface
  public interface Registration {

    void register(Operator operator, WatchedNamespaces namespaces);
  }

  private final Operator operator;
  private final ControllerEndpoints endpoints;
  private final ControllerMetrics metrics;

  private ControllerProcess(Operator operator, ControllerEndpoints endpoints, ControllerMetrics metrics) {
    this.operator = operator;
    this.endpoints = endpoints;
    this.metrics = metrics;
  }

  /**
   * Registers the controllers on {@code client}, serves the endpoints (readiness 503 until the
   * operator runs) and starts the operator.
   *
   * @param env {@code WATCH_NAMESPACE} and {@code HEALTH_PORT} (0 for any free port), as a process's environment
   * @throws IllegalArgumentException for a {@code HEALTH_PORT} that is no port number
   * @throws java.io.UncheckedIOException when the port cannot be bound
   */
  public static ControllerProcess start(KubernetesClient client, Map<String, String> env, Registration registration) {
    ControllerMetrics metrics = ControllerMetrics.create();
    Operator operator = Operators.create(client, o -> o.withMetrics(metrics.josdk()));
    ControllerEndpoints endpoints = null;
    try {
      registration.register(operator, WatchedNamespaces.fromEnvironment(env));
      endpoints = ControllerEndpoints.serve(operator, metrics, env);
      operator.start();
      return new ControllerProcess(operator, endpoints, metrics);
    } catch (RuntimeException e) {
      operator.stop();
      if (endpoints != null) {
        endpoints.close();
      }
      metrics.close();
      throw e;
    }
  }

  /** For a {@code main}: stops the operator on SIGTERM and sends its last Events ({@link Operators#stopOnShutdown}). */
  public ControllerProcess stopOnShutdown() {
    Operators.stopOnShutdown(operator);
    return this;
  }

  public Operator operator() {
    return operator;
  }

  /** The port of the endpoints, with the one chosen when {@code HEALTH_PORT} was 0. */
  public int port() {
    return endpoints.port();
  }

  /** Stops the operator, then the endpoints; the client stays open. */
  @Override
  public void close() {
    operator.stop();
    endpoints.close();
    metrics.close();
  }
}
