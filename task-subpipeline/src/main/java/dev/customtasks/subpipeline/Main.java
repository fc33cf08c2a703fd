package dev.customtasks.subpipeline;

import dev.customtasks.crds.controller.ControllerProcess;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.WatchedNamespaces;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;

/**
 * Runs the SubPipeline controller against the cluster of the current kubeconfig or service
 * account, for the namespaces in {@code WATCH_NAMESPACE} (all when unset or empty), with the
 * nesting depth limit of {@code SUBPIPELINE_MAX_DEPTH} (default 10).
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    // /healthz, /readyz and /metrics on port 8080 (HEALTH_PORT), which the Deployment probes.
    ControllerProcess.start(new KubernetesClientBuilder().build(), System.getenv(), Main::register).stopOnShutdown();
  }

  /** What this image runs: the controller, for the watched namespaces. */
  static void register(Operator operator, WatchedNamespaces namespaces) {
    new CustomTaskReconciler<>(new SubPipelineTask(), Clock.systemUTC()).registerWith(operator, namespaces);
  }
}
