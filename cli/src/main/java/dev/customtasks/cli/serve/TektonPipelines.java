package dev.customtasks.cli.serve;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Whether Tekton Pipelines itself runs in a cluster, told by its controller's Deployment. */
final class TektonPipelines {

  static final String NAMESPACE = "tekton-pipelines";
  static final String NAME = "tekton-pipelines-controller";
  static final String CONTROLLER = NAMESPACE + "/" + NAME;

  private TektonPipelines() {
  }

  static boolean isInstalled(KubernetesClient client) {
    try {
      return client.apps().deployments().inNamespace(NAMESPACE).withName(NAME).get() != null;
    } catch (KubernetesClientException e) {
      // No right to read Deployments there: say nothing we do not know; the default stays.
      return false;
    }
  }
}
