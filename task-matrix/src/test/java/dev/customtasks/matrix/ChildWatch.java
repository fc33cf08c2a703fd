package dev.customtasks.matrix;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.child.ChildRuns;
import dev.customtasks.crds.controller.Children;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the children the Matrix controller creates, from outside the controller, and records
 * per parent the most that were ever active at once (created and not done), in the order the
 * server reports the changes, and every creation. Independent of the controller's process, so it
 * keeps watching across a restart.
 */
final class ChildWatch implements AutoCloseable {

  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  /** parent uid -> child name -> done. */
  private final Map<String, Map<String, Boolean>> children = new HashMap<>();
  private final Map<String, Integer> maxActive = new HashMap<>();
  private final Map<String, List<String>> created = new HashMap<>();

  ChildWatch(KubernetesClient client, String namespace) {
    informers.add(watch(client, TaskRun.class, namespace));
    informers.add(watch(client, CustomRun.class, namespace));
  }

  private <T extends HasMetadata> SharedIndexInformer<T> watch(KubernetesClient client, Class<T> type,
      String namespace) {
    return client.resources(type).inNamespace(namespace).withLabel(Children.CONTROLLER_LABEL, "matrix")
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(T obj) {
            seen(obj, true);
          }

          @Override
          public void onUpdate(T oldObj, T newObj) {
            seen(newObj, false);
          }

          @Override
          public void onDelete(T obj, boolean deletedFinalStateUnknown) {
          }
        });
  }

  private synchronized void seen(HasMetadata child, boolean added) {
    String parent = child.getMetadata().getLabels().get(Children.PARENT_UID_LABEL);
    Map<String, Boolean> byName = children.computeIfAbsent(parent, p -> new LinkedHashMap<>());
    if (added && !byName.containsKey(child.getMetadata().getName())) {
      created.computeIfAbsent(parent, p -> new ArrayList<>()).add(child.getMetadata().getName());
    }
    byName.put(child.getMetadata().getName(), ChildRuns.observe(child).isDone());
    int active = (int) byName.values().stream().filter(done -> !done).count();
    maxActive.merge(parent, active, Math::max);
  }

  /** The most children of {@code parentUid} active at once so far. */
  synchronized int maxActive(String parentUid) {
    return maxActive.getOrDefault(parentUid, 0);
  }

  /** The children of {@code parentUid} in the order they were first seen. */
  synchronized List<String> created(String parentUid) {
    return List.copyOf(created.getOrDefault(parentUid, List.of()));
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
