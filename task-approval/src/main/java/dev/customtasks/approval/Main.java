package dev.customtasks.approval;

import dev.customtasks.approval.admission.DecisionAdmission;
import dev.customtasks.approval.admission.DecisionLookup;
import dev.customtasks.approval.admission.DecisionWebhook;
import dev.customtasks.crds.webhook.WebhookServer;
import dev.customtasks.crds.admission.ObjectReads;
import dev.customtasks.crds.controller.ControllerProcess;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the Approval controller against the cluster of the current kubeconfig or service account,
 * for the namespaces in {@code WATCH_NAMESPACE} (all when unset or empty), and its admission
 * webhook over HTTPS on {@code WEBHOOK_PORT} (default 8443) with the PEM certificate and key in
 * {@code WEBHOOK_CERT_DIR} (default {@code /etc/webhook/certs}: {@code tls.crt}, {@code tls.key}).
 * Without those files the webhook is not served and the controller says so.
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    KubernetesClient client = new KubernetesClientBuilder().build();
    Path certs = Path.of(Optional.ofNullable(env.get("WEBHOOK_CERT_DIR")).orElse("/etc/webhook/certs"));
    if (Files.exists(certs.resolve("tls.crt")) && Files.exists(certs.resolve("tls.key"))) {
      int port = Integer.parseInt(Optional.ofNullable(env.get("WEBHOOK_PORT")).orElse("8443"));
      DecisionWebhook.start(port, WebhookServer.tls(certs.resolve("tls.crt"), certs.resolve("tls.key")),
          new DecisionAdmission(DecisionLookup.of(ObjectReads.of(client))));
    } else {
      System.err.println("no " + certs.resolve("tls.crt") + " and tls.key: the decision webhook is not served, "
          + "so nothing checks who creates ApprovalDecisions");
    }
    // /healthz, /readyz and /metrics on port 8080 (HEALTH_PORT), which the Deployment probes.
    ControllerProcess.start(client, env, (operator, namespaces) ->
        new CustomTaskReconciler<>(new ApprovalTask(), Clock.systemUTC()).registerWith(operator, namespaces))
        .stopOnShutdown();
  }
}
