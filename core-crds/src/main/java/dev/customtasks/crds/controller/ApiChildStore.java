package dev.customtasks.crds.controller;

import dev.customtasks.crds.child.ChildRuns;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.function.Function;

/** The reconciler's {@link ChildStore}: the API server for writes and lists, informer caches for reads. */
final class ApiChildStore implements ChildStore {

  private final KubernetesClient client;
  private final Function<Class<? extends HasMetadata>, java.util.Collection<? extends HasMetadata>> cache;

  ApiChildStore(KubernetesClient client,
      Function<Class<? extends HasMetadata>, java.util.Collection<? extends HasMetadata>> cache) {
    this.client = client;
    this.cache = cache;
  }

  @Override
  public <T extends HasMetadata> T createOrAdopt(T child, HasMetadata owner) {
    return Children.createOrAdopt(client, child, owner);
  }

  @Override
  public <T extends HasMetadata> List<T> cached(Class<T> type) {
    return cache.apply(type).stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public <T extends HasMetadata> List<T> list(Class<T> type, String namespace, String label, String value) {
    return client.resources(type).inNamespace(namespace).withLabel(label, value).list().getItems();
  }

  @Override
  public void cancel(HasMetadata child, String message) {
    ChildRuns.cancel(client, child, message);
  }

  @Override
  public void delete(HasMetadata child) {
    try {
      client.resource(child).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
