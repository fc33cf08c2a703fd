package dev.customtasks.wait;

import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.HealthEndpoints;
import dev.customtasks.crds.controller.Operators;
import dev.customtasks.crds.controller.WatchedNamespaces;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;

/**
 * Runs the Wait controller against the cluster of the current kubeconfig or service account, for
 * the namespaces in {@code WATCH_NAMESPACE} (all when unset or empty).
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    Operator operator = Operators.create(client);
    new CustomTaskReconciler<>(new WaitTask(), Clock.systemUTC())
        .registerWith(operator, WatchedNamespaces.fromEnvironment(System.getenv()));
    Operators.stopOnShutdown(operator);
    // /healthz and /readyz on port 8080 (HEALTH_PORT), which the Deployment probes.
    HealthEndpoints.serve(operator, System.getenv());
    operator.start();
  }
}
