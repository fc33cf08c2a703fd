package dev.customtasks.crds.testkit;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.RunStatus;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunResult;
import dev.customtasks.crds.api.pipeline.PipelineRunStatus;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskRunResult;
import dev.customtasks.crds.api.pipeline.TaskRunStatus;
import dev.customtasks.crds.controller.ChildStore;
import dev.customtasks.crds.controller.RunEvent;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Children in memory, for unit tests of a task's decisions: what the task creates is kept here
 * (with a uid, as a server would set), a test moves children along with {@link #start},
 * {@link #succeed} and {@link #fail} the way their controllers would, and reads what the task did
 * with {@link #all()} and {@link #get}. Cancel sets {@code spec.status} as the real patch does.
 */
public final class InMemoryChildStore implements ChildStore {

  private final Map<String, HasMetadata> byName = new LinkedHashMap<>();
  private final List<Map.Entry<HasMetadata, RunEvent>> events = new ArrayList<>();
  private int creates;
  private long versions = 1;

  @Override
  public synchronized <T extends HasMetadata> T createOrAdopt(T child, HasMetadata owner) {
    HasMetadata existing = byName.get(child.getMetadata().getName());
    if (existing != null) {
      boolean owned = existing.getMetadata().getOwnerReferences() != null && existing.getMetadata()
          .getOwnerReferences().stream().anyMatch(o -> o.getUid().equals(owner.getMetadata().getUid()));
      if (!owned || !existing.getClass().equals(child.getClass())) {
        throw new IllegalStateException(child.getKind() + " \"" + child.getMetadata().getName()
            + "\" already exists and does not belong to " + owner.getKind() + " \"" + owner.getMetadata().getName()
            + "\"");
      }
      @SuppressWarnings("unchecked")
      T same = (T) existing;
      return same;
    }
    T stored = Serialization.clone(child);
    stored.getMetadata().setUid(UUID.randomUUID().toString());
    stored.getMetadata().setResourceVersion("1");
    byName.put(stored.getMetadata().getName(), stored);
    creates++;
    return stored;
  }

  @Override
  public synchronized <T extends HasMetadata> List<T> cached(Class<T> type) {
    return byName.values().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public synchronized <T extends HasMetadata> List<T> list(Class<T> type, String namespace, String label,
      String value) {
    return cached(type).stream().filter(c -> namespace == null || namespace.equals(c.getMetadata().getNamespace()))
        .filter(c -> c.getMetadata().getLabels() != null && value.equals(c.getMetadata().getLabels().get(label)))
        .toList();
  }

  @Override
  public synchronized void cancel(HasMetadata child, String message) {
    HasMetadata stored = byName.get(child.getMetadata().getName());
    if (stored instanceof CustomRun run) {
      run.getSpec().setStatus(CustomRun.CANCELLED);
      run.getSpec().setStatusMessage(message);
    } else if (stored instanceof TaskRun run) {
      run.getSpec().setStatus(TaskRun.SPEC_STATUS_CANCELLED);
      run.getSpec().setStatusMessage(message);
    } else if (stored instanceof PipelineRun run) {
      run.getSpec().setStatus(PipelineRun.SPEC_STATUS_CANCELLED);
    }
  }

  @Override
  public synchronized void delete(HasMetadata child) {
    byName.remove(child.getMetadata().getName());
  }

  /**
   * Writes the status compare-and-set as the API server would: a copy read at an older
   * resourceVersion is refused with a 409 and nothing changes.
   */
  @Override
  public synchronized <T extends HasMetadata> T updateStatus(T child) {
    HasMetadata stored = byName.get(child.getMetadata().getName());
    if (stored == null) {
      throw new KubernetesClientException("not found", 404, null);
    }
    if (!java.util.Objects.equals(stored.getMetadata().getResourceVersion(), child.getMetadata().getResourceVersion())) {
      throw new KubernetesClientException(child.getKind() + " \"" + child.getMetadata().getName()
          + "\" was modified: resourceVersion " + child.getMetadata().getResourceVersion() + " is stale", 409, null);
    }
    T written = Serialization.clone(child);
    written.getMetadata().setResourceVersion(Long.toString(++versions));
    byName.put(written.getMetadata().getName(), written);
    return Serialization.clone(written);
  }

  @Override
  public synchronized void recordEvent(HasMetadata object, RunEvent event) {
    events.add(Map.entry(object, event));
  }

  /**
   * Adds an object someone else made (e.g. a person's decision about a run), as the controller's
   * cache of a {@link dev.customtasks.crds.controller.CustomTask#relatedTypes() related type} would
   * show it, with a uid when it has none and a fresh resourceVersion.
   */
  public synchronized <T extends HasMetadata> T put(T object) {
    T stored = Serialization.clone(object);
    if (stored.getMetadata().getUid() == null) {
      stored.getMetadata().setUid(UUID.randomUUID().toString());
    }
    stored.getMetadata().setResourceVersion(Long.toString(++versions));
    byName.put(stored.getMetadata().getName(), stored);
    return stored;
  }

  /** The events recorded through {@link dev.customtasks.crds.controller.Children#event}, in order. */
  public synchronized List<Map.Entry<HasMetadata, RunEvent>> events() {
    return new ArrayList<>(events);
  }

  /** Every child, in creation order. */
  public synchronized List<HasMetadata> all() {
    return new ArrayList<>(byName.values());
  }

  /** How many creates reached the store (adopting an existing child is not one). */
  public synchronized int creates() {
    return creates;
  }

  public synchronized <T extends HasMetadata> Optional<T> get(Class<T> type, String name) {
    return Optional.ofNullable(byName.get(name)).filter(type::isInstance).map(type::cast);
  }

  /** The child's controller started it at {@code at}: {@code Succeeded=Unknown}. */
  public synchronized void start(String name, Instant at) {
    RunStatus status = statusOf(name);
    status.setStartTime(Timestamps.format(at));
    status.markRunning("Running", "", at);
  }

  /** The child succeeded at {@code at} with {@code results}. */
  public synchronized void succeed(String name, Instant at, Map<String, ParamValue> results) {
    RunStatus status = statusOf(name);
    if (!status.hasStarted()) {
      status.setStartTime(Timestamps.format(at));
    }
    status.markSucceeded("Succeeded", "", at);
    HasMetadata child = byName.get(name);
    if (child instanceof CustomRun run) {
      run.getStatus().setResults(results.entrySet().stream()
          .map(e -> new CustomRunResult(e.getKey(), e.getValue())).toList());
    } else if (child instanceof TaskRun run) {
      run.getStatus().setResults(results.entrySet().stream()
          .map(e -> new TaskRunResult(e.getKey(), e.getValue())).toList());
    } else if (child instanceof PipelineRun run) {
      run.getStatus().setResults(results.entrySet().stream()
          .map(e -> new PipelineRunResult(e.getKey(), e.getValue())).toList());
    }
  }

  /** The child failed at {@code at} with {@code reason} and {@code message}. */
  public synchronized void fail(String name, Instant at, String reason, String message) {
    RunStatus status = statusOf(name);
    if (!status.hasStarted()) {
      status.setStartTime(Timestamps.format(at));
    }
    status.markFailed(reason, message, at);
  }

  private RunStatus statusOf(String name) {
    HasMetadata child = byName.get(name);
    if (child == null) {
      throw new IllegalArgumentException("no child named \"" + name + "\"; children: " + byName.keySet());
    }
    if (child instanceof CustomRun run) {
      if (run.getStatus() == null) {
        run.setStatus(new CustomRunStatus());
      }
      return run.getStatus();
    }
    if (child instanceof TaskRun run) {
      if (run.getStatus() == null) {
        run.setStatus(new TaskRunStatus());
      }
      return run.getStatus();
    }
    if (child instanceof PipelineRun run) {
      if (run.getStatus() == null) {
        run.setStatus(new PipelineRunStatus());
      }
      return run.getStatus();
    }
    throw new IllegalArgumentException(child.getKind() + " \"" + name + "\" is not a run");
  }

}
