package dev.customtasks.crds.admission;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Optional;

/**
 * The reads an admission handler makes to check a request against what is stored. In a cluster
 * they go through a client; the embedded API server answers them in-process, because a handler
 * runs inside the server's request dispatch, where a request to the server itself could wait on
 * the thread it blocks.
 */
public interface ObjectReads {

  /**
   * @param group the API group ("" for core)
   * @param version e.g. {@code v1alpha1}
   * @param plural the resource, e.g. {@code approvalrequests}
   */
  Optional<GenericKubernetesResource> get(String group, String version, String plural, String namespace, String name);

  /** Every object of the resource in {@code namespace}. */
  List<GenericKubernetesResource> list(String group, String version, String plural, String namespace);

  /** Reads through {@code client}. */
  static ObjectReads of(KubernetesClient client) {
    return new ObjectReads() {
      @Override
      public Optional<GenericKubernetesResource> get(String group, String version, String plural, String namespace,
          String name) {
        return Optional.ofNullable(client.genericKubernetesResources(context(group, version, plural))
            .inNamespace(namespace).withName(name).get());
      }

      @Override
      public List<GenericKubernetesResource> list(String group, String version, String plural, String namespace) {
        return client.genericKubernetesResources(context(group, version, plural)).inNamespace(namespace).list()
            .getItems();
      }
    };
  }

  private static ResourceDefinitionContext context(String group, String version, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withPlural(plural)
        .withNamespaced(true).build();
  }
}
