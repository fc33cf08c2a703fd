package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.LenientResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.Cloner;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
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

  /** The same, with more settings (leader election, say) applied after this project's. */
  public static Operator create(KubernetesClient client, Consumer<ConfigurationServiceOverrider> more) {
    return new Operator(o -> {
      o.withKubernetesClient(client)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withCloseClientOnStop(false)
          .checkingCRDAndValidateLocalModel(false)
          .withResourceCloner(new Cloner() {
            @Override
            public <R extends HasMetadata> R clone(R object) {
              return LenientResource.copy(client.getKubernetesSerialization(), object);
            }
          });
      more.accept(o);
    });
  }
}
