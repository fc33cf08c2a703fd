package dev.customtasks.crds.testkit;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} made with the JDK's keytool and written as the PEM
 * files a webhook's TLS Secret holds ({@code tls.crt}, {@code tls.key} as PKCS#8), and an HTTP client
 * that trusts it: for tests of a webhook over real HTTPS.
 */
public record SelfSignedPem(Path certificate, Path key, Certificate trusted) {

  /** Writes {@code tls.crt} and {@code tls.key} into {@code dir}. */
  public static SelfSignedPem write(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
    Path p12 = dir.resolve("ks.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "w", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", p12.toString(), "-storepass", "secret", "-keypass", "secret").inheritIO().start();
    if (keytool.waitFor() != 0) {
      throw new IOException("keytool failed with " + keytool.exitValue());
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(p12.toFile())) {
      store.load(in, "secret".toCharArray());
    }
    Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    Path certificate = Files.writeString(dir.resolve("tls.crt"), "-----BEGIN CERTIFICATE-----\n"
        + mime.encodeToString(store.getCertificate("w").getEncoded()) + "\n-----END CERTIFICATE-----\n");
    Path key = Files.writeString(dir.resolve("tls.key"), "-----BEGIN PRIVATE KEY-----\n"
        + mime.encodeToString(store.getKey("w", "secret".toCharArray()).getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    return new SelfSignedPem(certificate, key, store.getCertificate("w"));
  }

  /** A client that trusts this certificate only. */
  public HttpClient trustingClient() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("w", trusted);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).build();
  }
}
