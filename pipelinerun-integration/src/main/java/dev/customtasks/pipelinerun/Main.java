package dev.customtasks.pipelinerun;

import dev.customtasks.crds.controller.HealthEndpoints;
import dev.customtasks.crds.controller.Operators;
import dev.customtasks.crds.controller.WatchedNamespaces;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;

/**
 * Runs the PipelineRun controller against the cluster of the current kubeconfig or service
 * account. Only for clusters without Tekton Pipelines: where Tekton runs, its controller already
 * runs PipelineRuns, and two controllers would fight over them.
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    Operator operator = Operators.create(client);
    new PipelineRunReconciler(Clock.systemUTC())
        .registerWith(operator, WatchedNamespaces.fromEnvironment(System.getenv()));
    Operators.stopOnShutdown(operator);
    // /healthz and /readyz on port 8080 (HEALTH_PORT), which the Deployment probes.
    HealthEndpoints.serve(operator, System.getenv());
    operator.start();
  }
}
