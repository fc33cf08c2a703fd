package dev.customtasks.cli.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}, {@code /healthz} and {@code /readyz} over plain HTTP, on the JDK's own
 * server: three read-only pages do not need a web framework in the runnable jar.
 */
public final class MetricsServer implements AutoCloseable {

  /** Prometheus' text exposition format, which {@link PrometheusMeterRegistry#scrape()} writes. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService handlers;
  private final AtomicBoolean ready = new AtomicBoolean();

  private MetricsServer(HttpServer server, ExecutorService handlers) {
    this.server = server;
    this.handlers = handlers;
  }

  /**
   * Listens on {@code address} (port 0 for any free one) until {@link #close()}.
   *
   * @throws IOException when the address cannot be bound, a {@link java.net.BindException} when the port is taken
   */
  public static MetricsServer start(InetSocketAddress address, PrometheusMeterRegistry registry) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    // One daemon thread: scrapes are rare and small, and must never keep the JVM alive.
    ExecutorService handlers = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "ctk-metrics-http");
      thread.setDaemon(true);
      return thread;
    });
    MetricsServer metrics = new MetricsServer(server, handlers);
    server.createContext("/metrics", exchange -> metrics.answer(exchange, "/metrics",
        () -> new Page(HttpURLConnection.HTTP_OK, PROMETHEUS_TEXT, registry.scrape())));
    server.createContext("/healthz", exchange -> metrics.answer(exchange, "/healthz",
        () -> new Page(HttpURLConnection.HTTP_OK, PLAIN_TEXT, "ok\n")));
    server.createContext("/readyz", exchange -> metrics.answer(exchange, "/readyz", () -> metrics.ready.get()
        ? new Page(HttpURLConnection.HTTP_OK, PLAIN_TEXT, "ok\n")
        : new Page(HttpURLConnection.HTTP_UNAVAILABLE, PLAIN_TEXT, "starting: the controllers are not running yet\n")));
    server.setExecutor(handlers);
    server.start();
    return metrics;
  }

  /** The address it listens on, with the port chosen when 0 was asked for. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** From now on {@code /readyz} answers 200. */
  public void markReady() {
    ready.set(true);
  }

  private void answer(HttpExchange exchange, String path, Supplier<Page> page) throws IOException {
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
