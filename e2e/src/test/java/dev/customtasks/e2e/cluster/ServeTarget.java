package dev.customtasks.e2e.cluster;

import static org.awaitility.Awaitility.await;

import dev.customtasks.embedded.testkit.ServerProcess;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded API server in a JVM of its own ({@link ServerProcess}, what {@code ctk serve
 * --embedded --controllers none} runs), reached through the kubeconfig it writes: the {@code kubeconfig} target's whole code path (CRDs created where
 * missing and awaited until Established, a namespace of the run's own, cleanup, controllers in
 * the test JVM answering only that namespace) against a server in another process, as against a
 * cluster. What CI's second pass of the suite runs. The server's output is kept in
 * {@code target/serve-target.log}.
 */
public final class ServeTarget implements ClusterTarget {

  private static final Duration START_BOUND = Duration.ofMinutes(2);

  private final Process process;
  private final Path log;
  private final KubeconfigTarget cluster;

  private ServeTarget(Process process, Path log, KubeconfigTarget cluster) {
    this.process = process;
    this.log = log;
    this.cluster = cluster;
  }

  /** Starts the server on a free loopback port and connects once it wrote its kubeconfig. */
  public static ServeTarget start() {
    Path dir = Path.of("target");
    Path log = dir.resolve("serve-target.log");
    Path kubeconfig = dir.resolve("serve-target.kubeconfig");
    Process process;
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(kubeconfig);
      process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:+UseSerialGC", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
          ServerProcess.class.getName(), "--port", Integer.toString(freePort()), "--kubeconfig-out",
          kubeconfig.toString()))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded API server process", e);
    }
    try {
      await().atMost(START_BOUND).until(() -> ready(log) || !process.isAlive());
      if (!ready(log)) {
        throw new IllegalStateException("the embedded API server process did not start; its output (" + log + "):\n"
            + output(log));
      }
      return new ServeTarget(process, log, KubeconfigTarget.connect(Optional.of(kubeconfig.toString()),
          Optional.empty()));
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static boolean ready(Path log) {
    return output(log).contains(ServerProcess.READY);
  }

  private static String output(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public String name() {
    return TargetChoice.SERVE.propertyValue();
  }

  @Override
  public KubernetesClient newClient() {
    return cluster.newClient();
  }

  @Override
  public KubernetesClient client() {
    return cluster.client();
  }

  @Override
  public void installCrds(List<String> classpathResources) {
    cluster.installCrds(classpathResources);
  }

  @Override
  public boolean hasRealTekton() {
    return cluster.hasRealTekton();
  }

  @Override
  public String namespace() {
    return cluster.namespace();
  }

  @Override
  public Optional<java.time.Duration> serverProcessCpu() {
    return process.info().totalCpuDuration();
  }

  /** Cleans up as on any cluster, then stops the server (SIGTERM, as Ctrl-C). */
  @Override
  public void close() {
    try {
      cluster.close();
    } finally {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  @Override
  public String toString() {
    return "embedded API server process (log: " + log + ")";
  }
}
