package dev.customtasks.e2e.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers can reach a Docker engine, and if not, a hint as to why. */
final class DockerEngine {

  private static final String DEFAULT_SOCKET = "/var/run/docker.sock";
  /** Testcontainers probes once per JVM anyway; the answer is kept to say it once too. */
  private static volatile Optional<String> unreachableReason;

  private DockerEngine() {
  }

  /** Empty when a Docker engine answers; otherwise what was looked at. */
  static Optional<String> unreachableReason() {
    Optional<String> reason = unreachableReason;
    if (reason == null) {
      reason = DockerClientFactory.instance().isDockerAvailable() ? Optional.empty() : Optional.of(describeSetup());
      unreachableReason = reason;
    }
    return reason;
  }

  private static String describeSetup() {
    String dockerHost = System.getenv("DOCKER_HOST");
    if (dockerHost != null && !dockerHost.isBlank()) {
      return "nothing usable answers at DOCKER_HOST=" + dockerHost;
    }
    if (!Files.exists(Path.of(DEFAULT_SOCKET))) {
      return "DOCKER_HOST is unset and " + DEFAULT_SOCKET + " does not exist";
    }
    return DEFAULT_SOCKET + " exists but Testcontainers could not use it (see its log)";
  }
}
