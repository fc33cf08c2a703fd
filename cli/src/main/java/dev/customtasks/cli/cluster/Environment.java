package dev.customtasks.cli.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The process environment and home folder, so that tests can decide where configs are. */
public record Environment(Map<String, String> variables, Path home) {

  /** Where a ctk embedded server writes its kubeconfig unless told otherwise. */
  public Path embeddedKubeconfig() {
    return home.resolve(".ctk").resolve("embedded-kubeconfig");
  }

  public Path defaultKubeconfig() {
    return home.resolve(".kube").resolve("config");
  }

  public Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
  }

  /** In a Pod: the service host is set and the service account token is mounted. */
  public boolean inCluster() {
    return variable("KUBERNETES_SERVICE_HOST").isPresent()
        && Files.exists(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"));
  }

  public static Environment system() {
    return new Environment(System.getenv(), Path.of(System.getProperty("user.home")));
  }
}
