package dev.customtasks.concurrency;

import dev.customtasks.concurrency.api.ConcurrencyKey;
import dev.customtasks.concurrency.api.UnlockSpec;
import dev.customtasks.concurrency.slots.KeyId;
import dev.customtasks.concurrency.slots.KeySlots;
import dev.customtasks.concurrency.slots.Scope;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.controller.Attempt;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.Step;
import dev.customtasks.crds.controller.TaskInput;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code Unlock}: gives back the slot of {@code key} that its PipelineRun holds (and takes the
 * PipelineRun out of the key's line if it still waits there), so the next in line gets in before
 * the PipelineRun ends, typically from {@code finally}. It always succeeds: releasing a key the
 * PipelineRun does not hold, or running outside a PipelineRun, is a no-op that says so. Result
 * {@code released}: {@code "true"} or {@code "false"}.
 */
public final class UnlockTask implements CustomTask<UnlockTask.Request, Void> {

  public static final TaskKind KIND = new TaskKind(ConcurrencyKey.API_VERSION, "Unlock");

  private volatile Keys keys;
  private final String clusterNamespace;

  /** @param scope {@code cluster} for the Lock's cluster key, {@code namespace} (default) otherwise */
  public record Request(String key, Scope scope) {
  }

  /** An Unlock whose keys come from the controller's client, bound when it registers. */
  public UnlockTask() {
    this.clusterNamespace = LockTask.clusterKeysNamespace(System.getenv());
  }

  /** An Unlock over the given keys (unit tests). */
  public UnlockTask(Keys keys) {
    this.keys = keys;
    this.clusterNamespace = LockTask.DEFAULT_CLUSTER_KEYS_NAMESPACE;
  }

  @Override
  public String name() {
    return "unlock";
  }

  @Override
  public List<TaskKind> kinds() {
    return List.of(KIND);
  }

  @Override
  public Class<Void> stateType() {
    return Void.class;
  }

  /**
   * The keys from an informer's cache, as the Lock reads them, so that an Unlock reads its key
   * without a request (it was a GET per Unlock); the cache wakes no run, as an Unlock decides once.
   * A key the cache does not have (not seen yet, or a cluster key kept in a namespace the controller
   * does not watch) is read from the API server, and so is a stale copy once its write lost (409).
   */
  @Override
  public List<EventSource<?, CustomRun>> eventSources(EventSourceContext<CustomRun> context) {
    InformerEventSource<ConcurrencyKey, CustomRun> cache = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(ConcurrencyKey.class, CustomRun.class)
            .withName("unlock-concurrency-keys")
            .withSecondaryToPrimaryMapper(key -> Set.of())
            .build(), context);
    keys = new ApiKeys(context.getClient(), cache::get);
    return List.of(cache);
  }

  @Override
  public Request decode(TaskInput input) {
    UnlockSpec spec = input.decode(UnlockSpec.class);
    return new Request(LockTask.key(spec.key()), LockTask.scope(input, spec.scope()));
  }

  @Override
  public Step<Void> progress(Request request, Attempt<Void> attempt) {
    CustomRun run = attempt.run();
    Map<String, String> labels = Optional.ofNullable(run.getMetadata().getLabels()).orElse(Map.of());
    String pipelineRun = labels.get(TektonLabels.PIPELINE_RUN);
    if (pipelineRun == null) {
      return released(false, "not part of a PipelineRun: nothing of " + request.key() + " to release");
    }
    AtomicReference<KeySlots.Release> release = new AtomicReference<>();
    String namespace = run.getMetadata().getNamespace();
    KeyId key = KeyId.of(request.key(), request.scope(), namespace, clusterNamespace);
    keys.updateIfExists(key, slots -> {
      release.set(slots.unlock(namespace, pipelineRun));
      return release.get().slots();
    });
    if (release.get() == null || release.get().released().isEmpty()) {
      return released(false, pipelineRun + " does not hold " + request.key() + ": nothing to release");
    }
    return released(true, "released " + request.key() + " for " + pipelineRun);
  }

  private static Step<Void> released(boolean released, String message) {
    Map<String, ParamValue> results = new LinkedHashMap<>();
    results.put("released", ParamValue.of(String.valueOf(released)));
    return Step.succeeded(message, results);
  }
}
