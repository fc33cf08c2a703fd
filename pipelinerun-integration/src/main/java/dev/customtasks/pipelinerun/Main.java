package dev.customtasks.pipelinerun;

import dev.customtasks.crds.controller.ControllerProcess;
import dev.customtasks.crds.webhook.WebhookServer;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.pipelinerun.webhook.ConversionWebhook;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the PipelineRun controller against the cluster of the current kubeconfig or service
 * account. Only for clusters without Tekton Pipelines: where Tekton runs, its controller already
 * runs PipelineRuns, and two controllers would fight over them.
 *
 * <p>Beside it, the conversion webhook of the Tekton CRDs ({@link ConversionWebhook}: {@code
 * tekton.dev/v1beta1} to and from the stored v1) over HTTPS on {@code WEBHOOK_PORT} (default 8443)
 * with the PEM certificate and key in {@code WEBHOOK_CERT_DIR} (default {@code /etc/webhook/certs}:
 * {@code tls.crt}, {@code tls.key}). Without those files the webhook is not served, v1beta1
 * requests fail on the cluster, and the controller says so.
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    Path certs = Path.of(Optional.ofNullable(env.get("WEBHOOK_CERT_DIR")).orElse("/etc/webhook/certs"));
    if (Files.exists(certs.resolve("tls.crt")) && Files.exists(certs.resolve("tls.key"))) {
      int port = Integer.parseInt(Optional.ofNullable(env.get("WEBHOOK_PORT")).orElse("8443"));
      ConversionWebhook.start(port, WebhookServer.tls(certs.resolve("tls.crt"), certs.resolve("tls.key")));
    } else {
      System.err.println("no " + certs.resolve("tls.crt") + " and tls.key: the conversion webhook is not served, "
          + "so tekton.dev/v1beta1 Pipelines, PipelineRuns, Tasks and TaskRuns cannot be read or written");
    }
    // /healthz, /readyz and /metrics on port 8080 (HEALTH_PORT), which the Deployment probes.
    ControllerProcess.start(new KubernetesClientBuilder().build(), env, (operator, namespaces) ->
        new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator, namespaces)).stopOnShutdown();
  }
}
