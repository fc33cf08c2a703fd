package dev.customtasks.crds.controller;

import dev.customtasks.crds.child.ChildRuns;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.function.Function;

/** The reconciler's {@link ChildStore}: the API server for writes and lists, informer caches for reads. */
final class ApiChildStore implements ChildStore {

  private final KubernetesClient client;
  private final Function<Class<? extends HasMetadata>, java.util.Collection<? extends HasMetadata>> cache;
  private final RunEvents events;
  private final ChildInformers informers;
  private final Context<?> context;

  /** @param informers creates the children, so that their ADDED events cost no reconcile (in {@code context}) */
  ApiChildStore(KubernetesClient client,
      Function<Class<? extends HasMetadata>, java.util.Collection<? extends HasMetadata>> cache, RunEvents events,
      ChildInformers informers, Context<?> context) {
    this.client = client;
    this.cache = cache;
    this.events = events;
    this.informers = informers;
    this.context = context;
  }

  /**
   * The same JSON patch as {@link StatusWriter}: the resourceVersion the object was read at is a
   * precondition, so a write on a stale copy is refused with 409 instead of losing someone's change.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> T updateStatus(T child) {
    String patch = StatusWriter.compareAndSetPatch(child.getMetadata().getResourceVersion(),
        StatusWriter.statusOf(client.getKubernetesSerialization(), child));
    return (T) client.resource(child).subresource("status").patch(PatchContext.of(PatchType.JSON), patch);
  }

  @Override
  public void recordEvent(HasMetadata object, RunEvent event) {
    events.record(object, event);
  }

  @Override
  public <T extends HasMetadata> T createOrAdopt(T child, HasMetadata owner) {
    return informers.create(context, child, owner);
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
