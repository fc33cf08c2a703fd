package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.customrun.CustomRun;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cache of one named-object kind (e.g. {@code Wait} objects, which runs name in
 * {@code customRef.name}), so a tick reads the object without a request, and a change to an
 * object wakes the unfinished runs that name it. The informer starts on the first lookup, not with
 * the controller: a kind nobody names costs nothing, and a controller whose kind's CRD is not
 * installed still starts. A lookup the cache cannot answer yet (not synced, or not there) is asked
 * of the API server: an object created together with its run may not have reached the cache, and
 * "not found" fails the run for good.
 */
final class NamedObjectCache extends AbstractEventSource<Void, CustomRun> {

  private final KubernetesClient client;
  private final ResourceDefinitionContext type;
  private final IndexerResourceCache<CustomRun> runs;
  private SharedIndexInformer<GenericKubernetesResource> informer;

  NamedObjectCache(KubernetesClient client, ResourceDefinitionContext type, IndexerResourceCache<CustomRun> runs) {
    super(Void.class, "named-" + type.getPlural());
    this.client = client;
    this.type = type;
    this.runs = runs;
  }

  /** The spec of the object called {@code name} in {@code namespace}: empty map when it has none, empty when absent. */
  Optional<Map<String, Object>> spec(String namespace, String name) {
    SharedIndexInformer<GenericKubernetesResource> cache = informer();
    GenericKubernetesResource object = cache.hasSynced() ? cache.getStore().getByKey(namespace + "/" + name) : null;
    return object != null ? Optional.of(specOf(object)) : read(client, type, namespace, name);
  }

  /** The spec of the object, read from the API server. */
  static Optional<Map<String, Object>> read(KubernetesClient client, ResourceDefinitionContext type,
      String namespace, String name) {
    return Optional.ofNullable(client.genericKubernetesResources(type).inNamespace(namespace).withName(name).get())
        .map(NamedObjectCache::specOf);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> specOf(GenericKubernetesResource object) {
    Object spec = object.getAdditionalProperties().get("spec");
    return spec instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private synchronized SharedIndexInformer<GenericKubernetesResource> informer() {
    if (informer == null) {
      informer = client.genericKubernetesResources(type).inAnyNamespace().runnableInformer(0);
      informer.addEventHandler(new ResourceEventHandler<>() {
        @Override
        public void onAdd(GenericKubernetesResource object) {
          wakeRunsNaming(object);
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource object) {
          wakeRunsNaming(object);
        }

        @Override
        public void onDelete(GenericKubernetesResource object, boolean unknownState) {
          wakeRunsNaming(object);
        }
      });
      informer.start();
    }
    return informer;
  }

  private void wakeRunsNaming(GenericKubernetesResource object) {
    if (!isRunning()) {
      return;
    }
    String name = object.getMetadata().getName();
    runs.list(object.getMetadata().getNamespace(), run -> !run.isDone() && run.getSpec() != null
            && run.getSpec().getCustomRef() != null && name.equals(run.getSpec().getCustomRef().getName())
            && type.getKind().equals(run.getSpec().getCustomRef().getKind()))
        .forEach(run -> getEventHandler().handleEvent(new Event(ResourceID.fromResource(run))));
  }

  @Override
  public synchronized void stop() {
    if (informer != null) {
      informer.stop();
      informer = null;
    }
    super.stop();
  }

  @Override
  public Set<Void> getSecondaryResources(CustomRun primary) {
    return Set.of();
  }
}
