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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A controller image's health over plain HTTP, on the JDK's own server, as {@code ctk serve}
 * answers them: {@code GET /healthz} (liveness: 200 unless an informer of the started operator is
 * unhealthy, e.g. it lost its watch for good) and {@code GET /readyz} (readiness: 200 once the
 * operator has started). The Deployments in each module's {@code deploy/} probe them on port
 * {@value #DEFAULT_PORT} ({@code HEALTH_PORT} changes it).
 */
public final class HealthEndpoints implements AutoCloseable {

  /** The port unless {@code HEALTH_PORT} says otherwise: {@code ctk serve}'s metrics port too. */
  public static final int DEFAULT_PORT = 8080;
  private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService handlers;

  private HealthEndpoints(HttpServer server, ExecutorService handlers) {
    this.server = server;
    this.handlers = handlers;
  }

  /** Serves {@code operator}'s health on {@code HEALTH_PORT} from {@code env} (default {@value #DEFAULT_PORT}). */
  public static HealthEndpoints serve(Operator operator, Map<String, String> env) {
    String port = env.getOrDefault("HEALTH_PORT", "");
    try {
      return start(new InetSocketAddress(port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.trim())), operator);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("HEALTH_PORT=" + port + " is not a port number", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve health on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** Serves {@code operator}'s health on {@code address} (port 0 for any free one) until {@link #close()}. */
  public static HealthEndpoints start(InetSocketAddress address, Operator operator) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    ExecutorService handlers = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "controller-health-http");
      thread.setDaemon(true);
      return thread;
    });
    server.createContext("/healthz", exchange -> answer(exchange, "/healthz", () ->
        !operator.getRuntimeInfo().isStarted() || operator.getRuntimeInfo().allEventSourcesAreHealthy()
            ? new Page(HttpURLConnection.HTTP_OK, "ok\n")
            : new Page(HttpURLConnection.HTTP_UNAVAILABLE, "unhealthy event sources: "
                + operator.getRuntimeInfo().unhealthyEventSources().keySet() + "\n")));
    server.createContext("/readyz", exchange -> answer(exchange, "/readyz", () ->
        operator.getRuntimeInfo().isStarted() ? new Page(HttpURLConnection.HTTP_OK, "ok\n")
            : new Page(HttpURLConnection.HTTP_UNAVAILABLE, "starting: the controller is not running yet\n")));
    server.setExecutor(handlers);
    server.start();
    return new HealthEndpoints(server, handlers);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, String path, Supplier<Page> page) throws IOException {
    try (exchange) {
      Page answer = !exchange.getRequestURI().getPath().equals(path)
          ? new Page(HttpURLConnection.HTTP_NOT_FOUND, "not found\n")
          : page.get();
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", PLAIN_TEXT);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(answer.status(), head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private record Page(int status, String body) {
  }
}
