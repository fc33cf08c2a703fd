package dev.customtasks.concurrency;

import dev.customtasks.crds.controller.ControllerProcess;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;

/**
 * Runs the Lock and Unlock controllers against the cluster of the current kubeconfig or service
 * account, for the namespaces in {@code WATCH_NAMESPACE} (all when unset or empty).
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    // /healthz, /readyz and /metrics on port 8080 (HEALTH_PORT), which the Deployment probes.
    ControllerProcess.start(new KubernetesClientBuilder().build(), System.getenv(), (operator, namespaces) -> {
      new CustomTaskReconciler<>(new LockTask(), Clock.systemUTC()).registerWith(operator, namespaces);
      new CustomTaskReconciler<>(new UnlockTask(), Clock.systemUTC()).registerWith(operator, namespaces);
    }).stopOnShutdown();
  }
}
