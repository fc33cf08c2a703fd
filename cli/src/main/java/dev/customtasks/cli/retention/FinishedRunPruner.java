package dev.customtasks.cli.retention;

import dev.customtasks.crds.api.Timestamps;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished top-level runs once {@link RunRetention} says so, so that an embedded server
 * serving for days holds the runs of the last day, not of every day. Their children and Events go
 * with them through the server's own housekeeping.
 */
public final class FinishedRunPruner implements AutoCloseable {

  /** How often finished runs are looked for. */
  public static final Duration PERIOD = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(FinishedRunPruner.class);
  private static final List<RunKind> KINDS = List.of(new RunKind("tekton.dev/v1", "PipelineRun"),
      new RunKind("tekton.dev/v1beta1", "CustomRun"), new RunKind("tekton.dev/v1", "TaskRun"));

  private final KubernetesClient client;
  private final RunRetention retention;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "finished-run-pruner");
    t.setDaemon(true);
    return t;
  });

  private record RunKind(String apiVersion, String kind) {
  }

  public FinishedRunPruner(KubernetesClient client, RunRetention retention, Clock clock) {
    this.client = client;
    this.retention = retention;
    this.clock = clock;
  }

  /** Prunes every {@link #PERIOD} until closed; does nothing when runs are kept forever. */
  public FinishedRunPruner start() {
    if (retention.keep().isPresent()) {
      timer.scheduleWithFixedDelay(this::pruneAndCarryOn, PERIOD.toMillis(), PERIOD.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** An exception escaping a periodic task would silently end all later passes. */
  private void pruneAndCarryOn() {
    try {
      prune();
    } catch (RuntimeException e) {
      LOG.error("pruning finished runs failed, trying again in {}", PERIOD, e);
    }
  }

  /** One pass; returns the runs it deleted. A failure is logged and the next pass tries again. */
  public List<RunRetention.StoredRun> prune() {
    List<RunRetention.StoredRun> deleted = new ArrayList<>();
    for (RunKind kind : KINDS) {
      try {
        List<RunRetention.StoredRun> runs = client.genericKubernetesResources(kind.apiVersion(), kind.kind())
            .inAnyNamespace().list().getItems().stream().map(FinishedRunPruner::stored).toList();
        for (RunRetention.StoredRun due : retention.due(runs, clock.instant())) {
          client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inNamespace(due.namespace())
              .withName(due.name()).delete();
          deleted.add(due);
        }
      } catch (KubernetesClientException e) {
        LOG.warn("could not prune finished {}s, trying again in {}: {}", kind.kind(), PERIOD, e.getMessage());
      }
    }
    return deleted;
  }

  private static RunRetention.StoredRun stored(GenericKubernetesResource run) {
    boolean owned = run.getMetadata().getOwnerReferences() != null
        && !run.getMetadata().getOwnerReferences().isEmpty();
    return new RunRetention.StoredRun(run.getKind(), run.getMetadata().getNamespace(), run.getMetadata().getName(),
        owned, completion(run));
  }

  private static Optional<Instant> completion(GenericKubernetesResource run) {
    if (!(run.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
        || !(status.get("completionTime") instanceof String time)) {
      return Optional.empty();
    }
    return Timestamps.tryParse(time);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
