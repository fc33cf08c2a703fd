package dev.customtasks.embedded.testkit;

import dev.customtasks.embedded.EmbeddedApiServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded API server alone in a JVM of its own, for tests that need a server in another
 * process (a cluster's code path: a kubeconfig, HTTP between processes, CRDs the test installs).
 * Users get the same from {@code ctk serve --embedded --controllers none}; a suite that depends
 * only on this module can start it without the CLI.
 *
 * <p>Command line: {@code --port N} (0 or absent: a free port) and {@code --kubeconfig-out FILE}
 * (required). It listens on loopback over HTTP, with the Tekton CRDs installed, writes the
 * kubeconfig, then prints {@value #READY} on standard output. It stops on SIGTERM.
 */
public final class ServerProcess {

  /** The line printed once the kubeconfig is written and the server answers. */
  public static final String READY = "embedded API server ready";

  /** Held so that the level is not lost with a collected logger. */
  private static final Logger MOCK_WEB_SERVER = Logger.getLogger("io.fabric8.mockwebserver");

  private ServerProcess() {
  }

  /**
   * @param args {@code --port N --kubeconfig-out FILE}
   * @throws IllegalArgumentException for an unknown option, a missing value or no kubeconfig file
   */
  public static void main(String[] args) throws InterruptedException {
    int port = 0;
    Path kubeconfig = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 == args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--port" -> port = Integer.parseInt(value);
        case "--kubeconfig-out" -> kubeconfig = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + option
            + "; expected --port N --kubeconfig-out FILE");
      }
    }
    if (kubeconfig == null) {
      throw new IllegalArgumentException("--kubeconfig-out FILE is required");
    }
    // One log line per request would bury the warnings this log is kept for.
    MOCK_WEB_SERVER.setLevel(Level.WARNING);
    EmbeddedApiServer server = EmbeddedApiServer.start(InetAddress.getLoopbackAddress(), port, false);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "server-process-stop"));
    Path written = server.writeKubeconfig(kubeconfig);
    System.out.println(READY + " at " + server.externalUrl() + ", kubeconfig " + written);
    System.out.flush();
    stopped.await();
  }
}
