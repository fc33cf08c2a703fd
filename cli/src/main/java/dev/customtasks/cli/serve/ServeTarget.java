package dev.customtasks.cli.serve;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;

/** Where {@code ctk serve} runs the controllers: an embedded API server, or a cluster. */
interface ServeTarget extends AutoCloseable {

  KubernetesClient client();

  boolean embedded();

  /**
   * Says loudly which API server the controllers work against, and how to reach it.
   *
   * @param controllers the controllers' names and the namespaces they answer
   * @param metrics where the metrics and health endpoints are, or that they are off
   */
  void printBanner(PrintWriter out, String controllers, String leaderElection, String metrics);

  @Override
  void close();
}
