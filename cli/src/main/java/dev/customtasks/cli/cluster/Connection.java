package dev.customtasks.cli.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

/** A client for one command, the namespace it works in, and where both came from (for messages). */
public record Connection(KubernetesClient client, String namespace, ClusterSource source) implements AutoCloseable {

  public String serverUrl() {
    return client.getConfiguration().getMasterUrl();
  }

  @Override
  public void close() {
    client.close();
  }
}
