package dev.customtasks.matrix;

import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.HealthEndpoints;
import dev.customtasks.crds.controller.Operators;
import dev.customtasks.crds.controller.WatchedNamespaces;
import dev.customtasks.crds.matrix.MatrixExpander;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.util.Optional;

/**
 * Runs the Matrix controller against the cluster of the current kubeconfig or service account, for
 * the namespaces in {@code WATCH_NAMESPACE} (all when unset or empty), allowing at most
 * {@code MAX_MATRIX_COMBINATIONS} combinations per run (default 256, Tekton's).
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    int maxCombinations = Optional.ofNullable(System.getenv("MAX_MATRIX_COMBINATIONS")).filter(s -> !s.isBlank())
        .map(Integer::parseInt).orElse(MatrixExpander.DEFAULT_MAX_COMBINATIONS);
    KubernetesClient client = new KubernetesClientBuilder().build();
    Operator operator = Operators.create(client);
    new CustomTaskReconciler<>(new MatrixTask(maxCombinations), Clock.systemUTC())
        .registerWith(operator, WatchedNamespaces.fromEnvironment(System.getenv()));
    Operators.stopOnShutdown(operator);
    // /healthz and /readyz on port 8080 (HEALTH_PORT), which the Deployment probes.
    HealthEndpoints.serve(operator, System.getenv());
    operator.start();
  }
}
