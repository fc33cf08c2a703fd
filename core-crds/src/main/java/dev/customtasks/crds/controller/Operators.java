package dev.customtasks.crds.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.Cloner;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.monitoring.AggregatedMetrics;
import java.util.List;
import java.util.function.Consumer;
import io.javaoperatorsdk.operator.Operator;

/** Builds JOSDK operators the one way this project runs them, in tests and in clusters alike. */
public final class Operators {

  private Operators() {
  }

  /**
   * An operator on {@code client} with server-side apply off: the embedded API server does not
   * speak it, and tests and clusters must run the same code path. The client stays open when the
   * operator stops, so a test can stop and start controllers against one server. Copies keep
   * what made a malformed run malformed, so its controller can fail it with the reason.
   */
  public static Operator create(KubernetesClient client) {
    return create(client, o -> { });
  }

  /**
   * For a controller's {@code main}: on SIGTERM (a pod being stopped), stops the operator, then
   * sends the Events it recorded, so that a clean stop does not swallow what it last did.
   */
  public static void stopOnShutdown(Operator operator) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.stop();
      RunEvents.flush(java.time.Duration.ofSeconds(5));
    }, "controller-shutdown"));
  }

  /**
   * How every controller of this project registers: by {@code name}, for {@code namespaces}, with
   * retries that suit conflicts, and without JOSDK's periodic reconcile (its "max reconciliation
   * interval", 10 hours by default). Our controllers wake runs up when they are due; JOSDK's
   * timer instead schedules a task per run on every reconcile and keeps each replaced one until
   * it would have fired, which under a steady load is hours of garbage that cannot be collected.
   */
  public static <R extends HasMetadata> ControllerConfigurationOverrider<R> standard(
      ControllerConfigurationOverrider<R> controller, String name, WatchedNamespaces namespaces) {
    return namespaces.applyTo(controller.withName(name)
        .withRetry(StatusWriter.conflictFriendlyRetry())
        .withReconciliationMaxInterval(null));
  }

  /**
   * The same, with more settings (leader election, say) applied after this project's. Whatever
   * {@link io.javaoperatorsdk.operator.api.monitoring.Metrics} they set is kept, and
   * {@link DeletedRunState} runs beside it: JOSDK would otherwise keep state for runs deleted
   * while a reconcile of theirs ran.
   */
  public static Operator create(KubernetesClient client, Consumer<ConfigurationServiceOverrider> more) {
    ConfigurationService configured = ConfigurationService.newOverriddenConfigurationService(o -> {
      o.withKubernetesClient(client)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withCloseClientOnStop(false)
          .checkingCRDAndValidateLocalModel(false)
          // No copy before each reconcile: every reconciler here leaves the run it is given as it
          // is and decides on a copy of its own (LenientResource.copy), as Tekton's reconcilers
          // DeepCopy what the lister returns. JOSDK's copy was a second JSON round trip per reconcile.
          .withResourceCloner(new Cloner() {
            @Override
            public <R extends HasMetadata> R clone(R object) {
              return object;
            }
          });
      more.accept(o);
    });
    // An override of an override keeps all but the client and the cloner, which it takes anew.
    return new Operator(ConfigurationService.newOverriddenConfigurationService(configured, o -> o
        .withKubernetesClient(configured.getKubernetesClient())
        .withResourceCloner(configured.getResourceCloner())
        .withMetrics(new AggregatedMetrics(List.of(configured.getMetrics(), new DeletedRunState())))));
  }
}
