package dev.customtasks.approval.admission;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.customtasks.crds.admission.AdmissionHandler;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.webhook.admission.AdmissionController;
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
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link AdmissionHandler} as a validating webhook over HTTPS: JOSDK's admission framework
 * ({@code io.javaoperatorsdk:kubernetes-webhooks-framework-core}) turns each review into the
 * handler's answer, the JDK's own HTTPS server carries it. {@code POST /validate} takes an
 * {@code AdmissionReview} and answers one; {@code GET /healthz}
 * answers 200. kube-apiserver only calls webhooks over TLS: the certificate and key come as PEM
 * files (a Secret mounted at {@code /etc/webhook/certs}, written by cert-manager or by hand); the
 * key must be PKCS#8 ({@code BEGIN PRIVATE KEY}, cert-manager's {@code privateKey.encoding: PKCS8}).
 */
public final class WebhookServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
  public static final String PATH = "/validate";

  private final HttpsServer server;

  private WebhookServer(HttpsServer server) {
    this.server = server;
  }

  /**
   * Starts serving {@code handler} on {@code port} (0 for any free one), through JOSDK's admission
   * framework ({@code AdmissionController}): the same handler object the embedded server's
   * admission chain calls in-process.
   */
  public static WebhookServer start(int port, SSLContext tls, AdmissionHandler handler) throws IOException {
    AdmissionController<?> controller = new AdmissionController<>(handler::review);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(port), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(PATH, exchange -> answer(exchange, handler, controller));
    server.createContext("/healthz", exchange -> respond(exchange, 200, "ok"));
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "approval-webhook");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return new WebhookServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, AdmissionHandler handler, AdmissionController<?> controller)
      throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      respond(exchange, 405, "POST an AdmissionReview");
      return;
    }
    try (InputStream in = exchange.getRequestBody()) {
      AdmissionReview review = Serialization.unmarshal(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          AdmissionReview.class);
      // A review without a request gets the handler's own refusal; the framework expects one.
      AdmissionReview answer = review.getRequest() == null ? handler.answer(review) : controller.handle(review);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      respond(exchange, 200, Serialization.asJson(answer));
    } catch (RuntimeException e) {
      // A webhook that errors makes kube-apiserver apply the failurePolicy (Fail): say why in the log.
      LOG.warn("could not review an admission request: {}", e.toString());
      respond(exchange, 400, "not an AdmissionReview: " + e.getMessage());
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
    PrivateKey key = privateKey(der, chain[0].getPublicKey().getAlgorithm());
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

  private static PrivateKey privateKey(byte[] der, String algorithm) throws GeneralSecurityException {
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
