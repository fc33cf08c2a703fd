package dev.customtasks.matrix;

import dev.customtasks.crds.controller.ControllerProcess;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.matrix.MatrixExpander;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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
    // /healthz, /readyz and /metrics on port 8080 (HEALTH_PORT), which the Deployment probes.
    MatrixTask task = new MatrixTask(maxCombinations);
    ControllerProcess.start(new KubernetesClientBuilder().build(), System.getenv(), (operator, namespaces) ->
        new CustomTaskReconciler<>(task, Clock.systemUTC()).registerWith(operator, namespaces)).stopOnShutdown();
  }
}
