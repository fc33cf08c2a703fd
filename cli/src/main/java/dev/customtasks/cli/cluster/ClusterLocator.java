package dev.customtasks.cli.cluster;

import dev.customtasks.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the cluster a command talks to, in kubectl's order: {@code --kubeconfig}, then
 * {@code $KUBECONFIG}, then {@code ~/.kube/config}, then the in-cluster service account. A
 * command that reads runs may fall back on the kubeconfig a local {@code ctk serve --embedded}
 * wrote, which is what makes two terminals work without any setup.
 */
public final class ClusterLocator {

  private final Environment environment;

  public ClusterLocator(Environment environment) {
    this.environment = environment;
  }

  /** The configured cluster, not counting an embedded server's kubeconfig. */
  public Optional<ClusterSource> configured(Optional<Path> kubeconfigOption) {
    if (kubeconfigOption.isPresent()) {
      Path file = kubeconfigOption.get();
      if (!Files.isRegularFile(file)) {
        throw new CliException("the kubeconfig " + file + " given by --kubeconfig does not exist");
      }
      return Optional.of(new ClusterSource("--kubeconfig " + file, Optional.of(file), false));
    }
    Optional<String> variable = environment.variable("KUBECONFIG");
    if (variable.isPresent() && Arrays.stream(variable.get().split(java.io.File.pathSeparator))
        .anyMatch(f -> !f.isBlank() && Files.isRegularFile(Path.of(f)))) {
      return Optional.of(new ClusterSource("KUBECONFIG=" + variable.get(), Optional.empty(), false));
    }
    if (variable.isEmpty() && Files.isRegularFile(environment.defaultKubeconfig())) {
      return Optional.of(new ClusterSource(environment.defaultKubeconfig().toString(), Optional.empty(), false));
    }
    if (environment.inCluster()) {
      return Optional.of(new ClusterSource("the in-cluster service account", Optional.empty(), false));
    }
    return Optional.empty();
  }

  /** The configured cluster, else a ctk embedded server's kubeconfig, else a message saying what to do. */
  public ClusterSource configuredOrEmbedded(Optional<Path> kubeconfigOption) {
    return configured(kubeconfigOption).or(this::embedded).orElseThrow(() -> new CliException(
        "no cluster configured: no --kubeconfig, no $KUBECONFIG, no " + environment.defaultKubeconfig()
            + ", not in a cluster, and no embedded server's kubeconfig at " + environment.embeddedKubeconfig()
            + "; start one with 'ctk serve --embedded' or pass --kubeconfig"));
  }

  private Optional<ClusterSource> embedded() {
    Path file = environment.embeddedKubeconfig();
    return Files.isRegularFile(file)
        ? Optional.of(new ClusterSource("the embedded server's kubeconfig " + file, Optional.of(file), true))
        : Optional.empty();
  }
}
