package dev.customtasks.crds.controller;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * What a controller process serves over plain HTTP, on the JDK's own server (three read-only pages
 * need no web framework in the image): {@code GET /healthz} (liveness), {@code GET /readyz}
 * (readiness) and {@code GET /metrics} (the {@link ControllerMetrics} in Prometheus' text format).
 * Every controller image serves them on port {@value #DEFAULT_PORT} ({@code HEALTH_PORT} changes it),
 * where its Deployment probes and Prometheus scrapes; {@code ctk serve} serves the same pages on its
 * {@code --metrics-port}. Another path is 404; a method other than GET or HEAD is 405.
 */
public final class ControllerEndpoints implements AutoCloseable {

  /** The port unless {@code HEALTH_PORT} says otherwise: {@code ctk serve}'s metrics port too. */
  public static final int DEFAULT_PORT = 8080;
  /** Prometheus' text exposition format, which {@link ControllerMetrics#scrape()} writes. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

  /**
   * One probe: empty while all is well (200 {@code ok}), else why not, which is answered with 503.
   */
  @FunctionalInterface
  public interface Probe {

    /** Always well: a process that answers at all is alive. */
    Probe ALWAYS = Optional::empty;

    Optional<String> problem();
  }

  private final HttpServer server;
  private final ExecutorService handlers;

  private ControllerEndpoints(HttpServer server, ExecutorService handlers) {
    this.server = server;
    this.handlers = handlers;
  }

  /**
   * Serves {@code operator}'s health and {@code metrics} on {@code HEALTH_PORT} from {@code env}
   * (default {@value #DEFAULT_PORT}; 0 for any free one), on every interface.
   *
   * @throws IllegalArgumentException when {@code HEALTH_PORT} is no port number
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static ControllerEndpoints serve(Operator operator, ControllerMetrics metrics, Map<String, String> env) {
    String port = env.getOrDefault("HEALTH_PORT", "").trim();
    int number;
    try {
      number = port.isEmpty() ? DEFAULT_PORT : Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("HEALTH_PORT=" + port + " is not a port number", e);
    }
    if (number < 0 || number > 65535) {
      throw new IllegalArgumentException("HEALTH_PORT=" + port + " is not a port number");
    }
    try {
      return start(new InetSocketAddress(number), operator, metrics);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve health and metrics on port " + number + ": " + e.getMessage(), e);
    }
  }

  /**
   * Serves {@code operator}'s health and {@code metrics} on {@code address} until {@link #close()}:
   * {@code /healthz} is 200 unless an informer of the started operator is unhealthy (it lost its
   * watch for good, say), {@code /readyz} is 200 once the operator has started.
   *
   * @throws IOException when the address cannot be bound
   */
  public static ControllerEndpoints start(InetSocketAddress address, Operator operator, ControllerMetrics metrics)
      throws IOException {
    Probe liveness = () -> !operator.getRuntimeInfo().isStarted() || operator.getRuntimeInfo()
        .allEventSourcesAreHealthy() ? Optional.empty()
        : Optional.of("unhealthy event sources: " + operator.getRuntimeInfo().unhealthyEventSources().keySet());
    Probe readiness = () -> operator.getRuntimeInfo().isStarted() ? Optional.empty()
        : Optional.of("starting: the controller is not running yet");
    return start(address, liveness, readiness, metrics);
  }

  /**
   * Serves {@code liveness} on {@code /healthz}, {@code readiness} on {@code /readyz} and
   * {@code metrics} on {@code /metrics} on {@code address} (port 0 for any free one) until
   * {@link #close()}.
   *
   * @throws IOException when the address cannot be bound, a {@link java.net.BindException} when the port is taken
   */
  public static ControllerEndpoints start(InetSocketAddress address, Probe liveness, Probe readiness,
      ControllerMetrics metrics) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    // One daemon thread: probes and scrapes are rare and small, and must never keep the JVM alive.
    ExecutorService handlers = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "controller-endpoints-http");
      thread.setDaemon(true);
      return thread;
    });
    server.createContext("/healthz", exchange -> answer(exchange, "/healthz", () -> probed(liveness)));
    server.createContext("/readyz", exchange -> answer(exchange, "/readyz", () -> probed(readiness)));
    server.createContext("/metrics", exchange -> answer(exchange, "/metrics",
        () -> new Page(HttpURLConnection.HTTP_OK, PROMETHEUS_TEXT, metrics.scrape())));
    server.setExecutor(handlers);
    server.start();
    return new ControllerEndpoints(server, handlers);
  }

  /** The address it listens on, with the port chosen when 0 was asked for. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  public int port() {
    return address().getPort();
  }

  private static Page probed(Probe probe) {
    return probe.problem().map(problem -> new Page(HttpURLConnection.HTTP_UNAVAILABLE, PLAIN_TEXT, problem + "\n"))
        .orElse(new Page(HttpURLConnection.HTTP_OK, PLAIN_TEXT, "ok\n"));
  }

  private static void answer(HttpExchange exchange, String path, Supplier<Page> page) throws IOException {
    try (exchange) {
      // A context matches every path it prefixes: /metricsfoo is not /metrics.
      if (!exchange.getRequestURI().getPath().equals(path)) {
        send(exchange, new Page(HttpURLConnection.HTTP_NOT_FOUND, PLAIN_TEXT, "not found\n"), true);
        return;
      }
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, new Page(HttpURLConnection.HTTP_BAD_METHOD, PLAIN_TEXT, "use GET\n"), true);
        return;
      }
      send(exchange, page.get(), method.equals("GET"));
    }
  }

  private static void send(HttpExchange exchange, Page page, boolean withBody) throws IOException {
    byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", page.contentType());
    exchange.sendResponseHeaders(page.status(), withBody ? body.length : -1);
    if (withBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private record Page(int status, String contentType, String body) {
  }
}
