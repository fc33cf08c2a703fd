package dev.customtasks.cli.cluster;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the cluster to talk to was found, said in words for messages, and how to load its config.
 *
 * @param description e.g. "--kubeconfig /tmp/k", "~/.kube/config", "the in-cluster service account"
 * @param file the kubeconfig to read, or empty to let fabric8 configure itself from
 *     {@code $KUBECONFIG}, {@code ~/.kube/config} or the service account, as kubectl would
 * @param embedded whether this is a ctk embedded server's kubeconfig, found because nothing else was
 */
public record ClusterSource(String description, Optional<Path> file, boolean embedded) {

  public Config load() {
    return file.map(f -> Config.fromKubeconfig(f.toFile())).orElseGet(() -> Config.autoConfigure(null));
  }
}
