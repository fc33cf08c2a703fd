package dev.customtasks.approval.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.admission.AdmissionHandler;
import dev.customtasks.crds.webhook.WebhookServer;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook over real HTTPS, with a certificate and PKCS#8 key as cert-manager would write them. */
class DecisionWebhookTest {

  @TempDir
  static Path dir;

  /** Written once for the class: keytool is a JVM of its own generating an RSA key, seconds each time. */
  private static KeyStore store;

  private final AdmissionHandler onlyAlice = new AdmissionHandler() {
    public String name() {
      return "test";
    }

    public boolean handles(String group, String resource) {
      return true;
    }

    public AdmissionResponse review(AdmissionRequest request) {
      return "alice".equals(request.getUserInfo().getUsername()) ? AdmissionHandler.allow()
          : AdmissionHandler.refuse(403, "Forbidden", "only alice");
    }
  };

  @BeforeAll
  static void writeCertificate() throws Exception {
    store = keyStore();
  }

  /** A self-signed certificate for localhost, from the JDK's keytool, written out as PEM files. */
  private static KeyStore keyStore() throws Exception {
    Path p12 = dir.resolve("ks.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "w", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", p12.toString(), "-storepass", "secret", "-keypass", "secret").inheritIO().start();
    assertThat(keytool.waitFor()).isZero();
    KeyStore generated = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(p12.toFile())) {
      generated.load(in, "secret".toCharArray());
    }
    Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes());
    Files.writeString(dir.resolve("tls.crt"), "-----BEGIN CERTIFICATE-----\n"
        + mime.encodeToString(generated.getCertificate("w").getEncoded()) + "\n-----END CERTIFICATE-----\n");
    Files.writeString(dir.resolve("tls.key"), "-----BEGIN PRIVATE KEY-----\n"
        + mime.encodeToString(generated.getKey("w", "secret".toCharArray()).getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    return generated;
  }

  private static HttpClient trusting(Certificate cert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("w", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).build();
  }

  private static String review(String user) {
    return Serialization.asJson(new AdmissionReviewBuilder().withApiVersion("admission.k8s.io/v1")
        .withKind("AdmissionReview").withNewRequest().withUid("u-" + user).withOperation("CREATE")
        .withNewUserInfo().withUsername(user).endUserInfo().endRequest().build());
  }

  @Test
  void servesAdmissionReviewsOverHttpsFromPemFiles() throws Exception {
    try (WebhookServer server = DecisionWebhook.start(0, WebhookServer.tls(dir.resolve("tls.crt"),
        dir.resolve("tls.key")), onlyAlice)) {
      HttpClient client = trusting(store.getCertificate("w"));
      for (String user : new String[] {"alice", "bob"}) {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
            URI.create("https://localhost:" + server.port() + DecisionWebhook.PATH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(review(user))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        AdmissionReview answer = Serialization.unmarshal(response.body(), AdmissionReview.class);
        // kube-apiserver refuses an answer without these.
        assertThat(answer.getApiVersion()).isEqualTo("admission.k8s.io/v1");
        assertThat(answer.getKind()).isEqualTo("AdmissionReview");
        assertThat(answer.getResponse().getUid()).isEqualTo("u-" + user);
        assertThat(answer.getResponse().getAllowed()).isEqualTo(user.equals("alice"));
      }
    }
  }

  @Test
  void aReviewWithoutARequestIsRefusedNotFailed() throws Exception {
    try (WebhookServer server = DecisionWebhook.start(0, WebhookServer.tls(dir.resolve("tls.crt"),
        dir.resolve("tls.key")), onlyAlice)) {
      HttpResponse<String> response = trusting(store.getCertificate("w")).send(HttpRequest.newBuilder(
          URI.create("https://localhost:" + server.port() + DecisionWebhook.PATH))
          .POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      AdmissionReview answer = Serialization.unmarshal(response.body(), AdmissionReview.class);
      assertThat(answer.getResponse().getAllowed()).isFalse();
      assertThat(answer.getResponse().getStatus().getMessage()).contains("no request");
    }
  }

  @Test
  void aPkcs1KeyIsRefusedSayingWhatToDo() throws Exception {
    Files.writeString(dir.resolve("rsa.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(() -> WebhookServer.tls(dir.resolve("tls.crt"), dir.resolve("rsa.key")))
        .hasMessageContaining("privateKey.encoding: PKCS8");
  }
}
