package dev.customtasks.concurrency;

import dev.customtasks.concurrency.slots.Entry;
import dev.customtasks.concurrency.slots.KeyId;
import dev.customtasks.concurrency.slots.Scope;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.child.ChildRuns;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs as the API server has them, read from the Lock controller's informers first. A run the cache
 * has and that has ended has ended for good; a run the cache does not have is looked up in the API
 * server before it is declared gone, since a cache may lag behind a run just created.
 */
final class ApiLockedRuns implements LockedRuns {

  private final KubernetesClient client;
  private final InformerEventSource<PipelineRun, CustomRun> pipelineRuns;
  private final InformerEventSource<CustomRun, CustomRun> customRuns;

  private final LockTask locks;

  ApiLockedRuns(KubernetesClient client, InformerEventSource<PipelineRun, CustomRun> pipelineRuns,
      InformerEventSource<CustomRun, CustomRun> customRuns, LockTask locks) {
    this.client = client;
    this.locks = locks;
    this.pipelineRuns = pipelineRuns;
    this.customRuns = customRuns;
  }

  @Override
  public boolean isOver(Entry entry, boolean holding) {
    if (entry.pipelineRun() != null) {
      Optional<PipelineRun> run = find(PipelineRun.class, pipelineRuns, entry.namespace(), entry.pipelineRun());
      if (run.isEmpty() || run.get().isDone()) {
        return true;
      }
      if (holding) {
        return false;
      }
    }
    Optional<CustomRun> lock = find(CustomRun.class, customRuns, entry.namespace(), entry.name())
        .filter(r -> entry.uid().equals(r.getMetadata().getUid()));
    return lock.isEmpty() || !holding && lock.get().isDone();
  }

  @Override
  public void cancel(Entry entry, String message) {
    if (entry.pipelineRun() != null) {
      find(PipelineRun.class, pipelineRuns, entry.namespace(), entry.pipelineRun())
          .ifPresent(run -> ChildRuns.cancel(client, run, message));
    } else {
      find(CustomRun.class, customRuns, entry.namespace(), entry.name())
          .filter(r -> entry.uid().equals(r.getMetadata().getUid()))
          .ifPresent(run -> ChildRuns.cancel(client, run, message));
    }
  }

  @Override
  public List<Entry> unfinished(KeyId key) {
    Instant now = Instant.now();
    java.util.function.Predicate<CustomRun> ofKey = run -> !run.isDone() && locks.isLockOf(run, key);
    // A cluster key's Lock runs are in every namespace; a namespace key's in the key's own.
    return (key.scope() == Scope.CLUSTER ? customRuns.list(ofKey) : customRuns.list(key.namespace(), ofKey))
        .map(run -> LockTask.entry(run, now)).filter(e -> !isOver(e, false)).toList();
  }

  private <T extends HasMetadata> Optional<T> find(Class<T> type, InformerEventSource<T, CustomRun> cache,
      String namespace, String name) {
    Optional<T> cached = cache.get(new ResourceID(name, namespace));
    if (cached.isPresent()) {
      return cached;
    }
    return Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(name).get());
  }
}
