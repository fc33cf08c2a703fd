package dev.customtasks.crds.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves webhooks that kube-apiserver calls (a CRD's conversion webhook, an admission webhook) over
 * HTTPS with the JDK's own server: each path takes a JSON review ({@code ConversionReview},
 * {@code AdmissionReview}) by POST and answers the handler's JSON with 200; {@code GET /healthz}
 * answers 200 for a readiness probe. A body that is no JSON, or that the handler refuses with an
 * {@link IllegalArgumentException}, gets 400 and a line in the log. kube-apiserver calls webhooks
 * over TLS only: {@link #tls} reads the certificate and key as PEM files (a Secret mounted by
 * cert-manager or by hand); the key must be PKCS#8 ({@code BEGIN PRIVATE KEY}).
 */
public final class WebhookServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

  private final HttpsServer server;

  private WebhookServer(HttpsServer server) {
    this.server = server;
  }

  /** Starts serving {@code handlers} (path to handler, e.g. {@code /convert}) on {@code port}, 0 for any free one. */
  public static WebhookServer start(int port, SSLContext tls, Map<String, UnaryOperator<JsonNode>> handlers)
      throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(port), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    handlers.forEach((path, handler) -> server.createContext(path, exchange -> answer(exchange, handler)));
    server.createContext("/healthz", exchange -> respond(exchange, 200, "ok"));
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "webhook");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return new WebhookServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, UnaryOperator<JsonNode> handler) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      respond(exchange, 405, "POST a review");
      return;
    }
    try (InputStream in = exchange.getRequestBody()) {
      JsonNode review = Serialization.jsonMapper().readTree(in.readAllBytes());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      respond(exchange, 200, handler.apply(review).toString());
    } catch (IOException | IllegalArgumentException e) {
      // kube-apiserver then fails the request it was reviewing: say why in the log.
      LOG.warn("could not answer a review on {}: {}", exchange.getRequestURI().getPath(), e.toString());
      respond(exchange, 400, "not a review this webhook answers: " + e.getMessage());
    }
  }

  private static void respond(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * A TLS context from PEM files: {@code certFile} holds the certificate chain, {@code keyFile} a
   * PKCS#8 private key (RSA or EC).
   *
   * @throws GeneralSecurityException for a PKCS#1 or SEC1 key (saying how to get PKCS#8) or an unreadable one
   */
  public static SSLContext tls(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
    Certificate[] chain = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile))).toArray(Certificate[]::new);
    String pem = Files.readString(keyFile);
    if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
      throw new GeneralSecurityException(keyFile + " holds a PKCS#1/SEC1 key: give a PKCS#8 key (BEGIN PRIVATE KEY); "
          + "with cert-manager set privateKey.encoding: PKCS8 on the Certificate");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
    PrivateKey key = KeyFactory.getInstance(chain[0].getPublicKey().getAlgorithm())
        .generatePrivate(new PKCS8EncodedKeySpec(der));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = new char[0];
    store.setKeyEntry("webhook", key, password, chain);
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
