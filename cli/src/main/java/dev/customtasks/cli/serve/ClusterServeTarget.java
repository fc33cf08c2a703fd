package dev.customtasks.cli.serve;

import dev.customtasks.cli.CliException;
import dev.customtasks.cli.cluster.ClusterSource;
import dev.customtasks.crds.api.TektonCrds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster from a kubeconfig or the service account. The CRDs must be installed already
 * (manifests in each module's deploy/); ctk checks and names the missing ones rather than let the
 * informers fail later with a bare 404.
 */
final class ClusterServeTarget implements ServeTarget {

  static final String CUSTOMRUN_CRD = "crds/tekton.dev_customruns.yaml";

  private final KubernetesClient client;
  private final ClusterSource source;

  private ClusterServeTarget(KubernetesClient client, ClusterSource source) {
    this.client = client;
    this.source = source;
  }

  static ClusterServeTarget connect(ClusterSource source, List<String> crds, PrintWriter err) {
    KubernetesClient client = new KubernetesClientBuilder().withConfig(source.load()).build();
    try {
      requireCrds(client, crds, err);
      return new ClusterServeTarget(client, source);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  private static void requireCrds(KubernetesClient client, List<String> crds, PrintWriter err) {
    List<String> needed = new ArrayList<>(List.of(CUSTOMRUN_CRD));
    needed.addAll(crds);
    List<String> missing = new ArrayList<>();
    for (String resource : needed) {
      String name = TektonCrds.load(resource).getMetadata().getName();
      try {
        if (client.apiextensions().v1().customResourceDefinitions().withName(name).get() == null) {
          missing.add(name);
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
          throw e;
        }
        err.println("warning: not allowed to read CRDs; assuming " + name + " is installed");
        err.flush();
      }
    }
    if (!missing.isEmpty()) {
      throw new CliException("the cluster at " + client.getConfiguration().getMasterUrl() + " lacks the CRD"
          + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + ": install them first (each module's "
          + "deploy/100-crd-*.yaml; CustomRun comes with Tekton Pipelines), or run 'ctk serve --embedded'");
    }
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public boolean embedded() {
    return false;
  }

  @Override
  public void printBanner(PrintWriter out, String controllers, String leaderElection, String metrics) {
    out.println("==> ctk serve: CLUSTER at " + client.getConfiguration().getMasterUrl() + " (from "
        + source.description() + ").");
    out.println("    controllers:      " + controllers);
    out.println("    leader election:  " + leaderElection);
    out.println("    metrics:          " + metrics);
    out.println("    Ctrl-C to stop.");
    out.flush();
  }

  @Override
  public void close() {
    client.close();
  }
}
