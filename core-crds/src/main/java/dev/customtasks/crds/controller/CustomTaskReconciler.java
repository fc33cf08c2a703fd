package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.LenientResource;
import dev.customtasks.crds.api.SafeText;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TEP-0002 contract, kept once for every task: answers only the CustomRuns of its task's
 * kinds and, through {@link RunLifecycle} (the rules, without IO), on first sight sets {@code startTime} and {@code Succeeded=Unknown}; ends bad input at
 * once with a specific reason; honours {@code RunCancelled}, {@code spec.timeout} (from the
 * attempt's start) and {@code spec.retries} (failed attempts go to {@code status.retriesStatus});
 * checks result sizes; sets {@code completionTime}; never touches a finished run; records an Event
 * at each transition; and arms one wake-up per run at the earlier of the task's and the timeout's.
 * All of that lives in the run's status, so a restarted controller carries on where it stood.
 * Each reconcile: copy the run, let the lifecycle decide on the copy, then {@link ReconcileCycle}
 * writes the status compare-and-set and only then arms the wake-up and records the events. A run
 * ended {@code InvalidStatus} is also logged, in one WARN line, as the PipelineRun controller logs
 * its own.
 */
public final class CustomTaskReconciler<S, T> implements Reconciler<CustomRun> {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CustomTaskReconciler.class);

  private final CustomTask<S, T> task;
  private final RunLifecycle<S, T> lifecycle;
  private final Clock clock;
  private final WakeUpScheduler scheduler;
  private WakeUpEventSource<CustomRun> wakeUps;
  private RunEvents events;
  private final ChildInformers childInformers = new ChildInformers();
  private final Map<String, NamedObjectCache> namedObjects = new java.util.concurrent.ConcurrentHashMap<>();

  public CustomTaskReconciler(CustomTask<S, T> task, Clock clock) {
    this(task, clock, WakeUpScheduler.shared());
  }

  public CustomTaskReconciler(CustomTask<S, T> task, Clock clock, WakeUpScheduler scheduler) {
    this.task = task;
    this.lifecycle = new RunLifecycle<>(task);
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** Registers this controller under the task's name, answering only the task's kinds, in every namespace. */
  public void registerWith(Operator operator) {
    registerWith(operator, WatchedNamespaces.all());
  }

  /** The same, answering runs in {@code namespaces} only. */
  public void registerWith(Operator operator, WatchedNamespaces namespaces) {
    // Filters on additions and updates only: a generic filter would also hide deletions, and JOSDK
    // keeps its state for a run until it sees the run deleted. A status edited by someone else
    // passes at once; our own status writes do not come back as reconciles.
    operator.register(this, o -> OwnStatusWrites.filter(Operators.standard(o, task.name(), namespaces),
        task.name(), this::isOurs));
  }

  public CustomTask<S, T> task() {
    return task;
  }

  private boolean isOurs(CustomRun run) {
    return !finished(run) && matchingKind(run).isPresent();
  }

  /**
   * Done, and readably so ({@code Succeeded} True or False): a condition edited into something
   * else is the lifecycle's to end ({@code InvalidStatus}), though Tekton's {@code IsDone} counts it done.
   */
  private static boolean finished(CustomRun run) {
    return run.isSuccessful() || run.isFailure();
  }

  Optional<TaskKind> matchingKind(CustomRun run) {
    return lifecycle.matchingKind(run);
  }

  @Override
  public List<EventSource<?, CustomRun>> prepareEventSources(EventSourceContext<CustomRun> context) {
    wakeUps = new WakeUpEventSource<>(scheduler, task.name());
    events = new RunEvents(context.getClient(), task.name() + "-controller");
    List<EventSource<?, CustomRun>> sources = new ArrayList<>();
    sources.add(wakeUps);
    for (Class<? extends HasMetadata> type : task.childTypes()) {
      sources.add(childInformer(type, context));
    }
    for (TaskKind kind : task.kinds()) {
      task.namedObjectType(kind).ifPresent(type -> namedObjects.computeIfAbsent(key(type), k -> {
        NamedObjectCache cache = new NamedObjectCache(context.getClient(), type, context.getPrimaryCache());
        sources.add(cache);
        return cache;
      }));
    }
    sources.addAll(task.eventSources(context));
    for (RelatedType<?> related : task.relatedTypes()) {
      sources.add(relatedInformer(related, context));
    }
    return sources;
  }

  private <R extends HasMetadata> InformerEventSource<R, CustomRun> relatedInformer(RelatedType<R> related,
      EventSourceContext<CustomRun> context) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(related.type(), CustomRun.class)
        .withName("related-" + HasMetadata.getPlural(related.type()))
        .withSecondaryToPrimaryMapper(related::runsOf)
        .build(), context);
  }

  private <T extends HasMetadata> InformerEventSource<T, CustomRun> childInformer(Class<T> type,
      EventSourceContext<CustomRun> context) {
    // Children.create labels every child so, which the informer's record of our creates relies on.
    return childInformers.informer(type, CustomRun.class, context,
        b -> b.withLabelSelector(Children.CONTROLLER_LABEL + "=" + task.name()));
  }

  @Override
  public UpdateControl<CustomRun> reconcile(CustomRun original, Context<CustomRun> context) {
    if (finished(original) || matchingKind(original).isEmpty()) {
      return UpdateControl.noUpdate();
    }
    KubernetesClient client = context.getClient();
    CustomRun run = LenientResource.copy(client.getKubernetesSerialization(), original);
    ChildStore store = new ApiChildStore(client, type -> context.getSecondaryResources(type), events,
        childInformers, context);
    RunLifecycle.Decision decision = lifecycle.tick(run, clock.instant(), store, namedObjects(client));
    run.getStatus().setObservedGeneration(run.getMetadata().getGeneration());
    CustomRun written = ReconcileCycle.finish(original, run, context, wakeUps, run.isDone(), decision.wakeAt(),
        () -> decision.events().forEach(e -> {
          events.record(run, e);
          if (Reasons.INVALID_STATUS.equals(e.reason())) {
            LOG.warn("CustomRun {}/{} ends {}: its status cannot be read: {}", run.getMetadata().getNamespace(),
                run.getMetadata().getName(), e.reason(), SafeText.escape(e.message()));
          }
        }));
    writeAddedLabels(written, run, context);
    return UpdateControl.noUpdate();
  }

  /**
   * The labels the task gave the run ({@link Attempt#labelRun}) that it does not have yet, as a
   * JSON merge patch of {@code metadata.labels}: after the status, so the status write is not the
   * one that finds the resourceVersion moved.
   */
  private static void writeAddedLabels(CustomRun written, CustomRun desired, Context<CustomRun> context) {
    Map<String, String> have = written.getMetadata().getLabels() == null ? Map.of() : written.getMetadata().getLabels();
    Map<String, String> added = new LinkedHashMap<>();
    if (desired.getMetadata().getLabels() != null) {
      desired.getMetadata().getLabels().forEach((k, v) -> {
        if (!v.equals(have.get(k))) {
          added.put(k, v);
        }
      });
    }
    if (added.isEmpty()) {
      return;
    }
    String patch = context.getClient().getKubernetesSerialization()
        .asJson(Map.of("metadata", Map.of("labels", added)));
    CustomRun labelled = context.getClient().resource(written)
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    context.eventSourceRetriever().getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(labelled), labelled, written);
  }

  /**
   * A bug or an API error that outlived JOSDK's retries must not leave the run hanging forever:
   * the run fails with the error as its message, written like every other status, and the
   * controller moves on.
   */
  @Override
  public ErrorStatusUpdateControl<CustomRun> updateErrorStatus(CustomRun run, Context<CustomRun> context,
      Exception e) {
    if (StatusWriter.isConflict(e) && !run.isDone()) {
      // A conflict is someone else's write winning a race, not a broken run: the decision is made
      // again on fresh state, soon, and not after the back-off meant for failures, which doubles
      // with every attempt (runs contending for one object could wait seconds behind it).
      return ErrorStatusUpdateControl.<CustomRun>noStatusUpdate().withNoRetry()
          .rescheduleAfter(StatusWriter.afterConflict());
    }
    if (context.getRetryInfo().map(r -> !r.isLastAttempt()).orElse(true) || run.isDone()) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    CustomRun failed = LenientResource.copy(context.getClient().getKubernetesSerialization(), run);
    if (failed.getStatus() == null) {
      failed.setStatus(new CustomRunStatus());
    }
    Instant now = clock.instant();
    if (!failed.getStatus().hasStarted()) {
      failed.getStatus().setStartTime(Timestamps.format(now));
    }
    String message = "the " + task.name() + " controller could not reconcile this run: " + e.getMessage();
    failed.getStatus().markFailed("ReconcileError", message, now);
    ReconcileCycle.finish(run, failed, context, wakeUps, true, Optional.empty(),
        () -> events.record(failed, RunEvent.warning("ReconcileError", message, now)));
    return ErrorStatusUpdateControl.<CustomRun>noStatusUpdate().withNoRetry();
  }

  /**
   * Named objects from their kind's cache (see {@link NamedObjectCache}), once per reconcile at
   * most; other objects a task looks up by name (e.g. a sub-pipeline's Pipeline) from the API server.
   */
  private NamedObjects namedObjects(KubernetesClient client) {
    return (type, namespace, name) -> {
      NamedObjectCache cache = namedObjects.get(key(type));
      return cache != null ? cache.spec(namespace, name) : NamedObjectCache.read(client, type, namespace, name);
    };
  }

  private static String key(ResourceDefinitionContext type) {
    return type.getGroup() + "/" + type.getVersion() + "/" + type.getPlural();
  }

}
