package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import dev.customtasks.crds.duration.GoDuration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TEP-0002 contract, kept once for every task: answers only the CustomRuns of its task's
 * kinds; on first sight sets {@code startTime} and {@code Succeeded=Unknown}; ends bad input at
 * once with a specific reason; honours {@code RunCancelled}, {@code spec.timeout} (from the
 * attempt's start) and {@code spec.retries} (failed attempts go to {@code status.retriesStatus});
 * checks result sizes; sets {@code completionTime}; never touches a finished run; records an Event
 * at each transition; and arms one wake-up per run at the earlier of the task's and the timeout's.
 * All of that lives in the run's status, so a restarted controller carries on where it stood.
 */
public final class CustomTaskReconciler<S> implements Reconciler<CustomRun> {

  private final CustomTask<S> task;
  private final Clock clock;
  private final WakeUpScheduler scheduler;
  private WakeUpEventSource<CustomRun> wakeUps;
  private RunEvents events;

  public CustomTaskReconciler(CustomTask<S> task, Clock clock) {
    this(task, clock, WakeUpScheduler.shared());
  }

  public CustomTaskReconciler(CustomTask<S> task, Clock clock, WakeUpScheduler scheduler) {
    this.task = task;
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
    // keeps its state for a run until it sees the run deleted.
    operator.register(this, o -> Operators.standard(o, task.name(), namespaces)
        .withOnAddFilter(this::isOurs)
        .withOnUpdateFilter((updated, previous) -> isOurs(updated)));
  }

  public CustomTask<S> task() {
    return task;
  }

  private boolean isOurs(CustomRun run) {
    return !run.isDone() && matchingKind(run).isPresent();
  }

  Optional<TaskKind> matchingKind(CustomRun run) {
    return run.taskKind().filter(k -> task.kinds().contains(k));
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
    return sources;
  }

  private <T extends HasMetadata> InformerEventSource<T, CustomRun> childInformer(Class<T> type,
      EventSourceContext<CustomRun> context) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, CustomRun.class)
        .withName("children-" + HasMetadata.getPlural(type))
        .withLabelSelector(Children.CONTROLLER_LABEL + "=" + task.name())
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(CustomRun.class))
        .build(), context);
  }

  @Override
  public UpdateControl<CustomRun> reconcile(CustomRun original, Context<CustomRun> context) {
    if (original.isDone() || matchingKind(original).isEmpty()) {
      return UpdateControl.noUpdate();
    }
    KubernetesClient client = context.getClient();
    CustomRun run = dev.customtasks.crds.api.LenientResource.copy(client.getKubernetesSerialization(), original);
    Tick tick = new Tick(run, clock.instant(), context);
    tick.decide();
    run.getStatus().setObservedGeneration(run.getMetadata().getGeneration());
    if (run.isDone()) {
      wakeUps.cancel(run);
    } else {
      tick.nextWakeUp().ifPresent(at -> wakeUps.wakeAt(run, at));
    }
    StatusWriter.write(original, run, context);
    // Events only after the write: a decision lost to a conflict is made again, and must not be told twice.
    tick.announcements.forEach(Runnable::run);
    return UpdateControl.noUpdate();
  }

  /**
   * A bug or an API error that outlived JOSDK's retries must not leave the run hanging forever:
   * the run fails with the error as its message, and the controller moves on.
   */
  @Override
  public ErrorStatusUpdateControl<CustomRun> updateErrorStatus(CustomRun run, Context<CustomRun> context,
      Exception e) {
    // A conflict is someone else's write winning a race, not a broken run: leave it to the next event.
    if (context.getRetryInfo().map(r -> !r.isLastAttempt()).orElse(true) || run.isDone()
        || StatusWriter.isConflict(e)) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    CustomRun failed = context.getClient().getKubernetesSerialization().clone(run);
    if (failed.getStatus() == null) {
      failed.setStatus(new CustomRunStatus());
    }
    Instant now = clock.instant();
    if (!failed.getStatus().hasStarted()) {
      failed.getStatus().setStartTime(dev.customtasks.crds.api.Timestamps.format(now));
    }
    String message = "the " + task.name() + " controller could not reconcile this run: " + e.getMessage();
    failed.getStatus().markFailed("ReconcileError", message, now);
    events.warning(failed, "ReconcileError", message, now);
    return ErrorStatusUpdateControl.patchStatus(failed).withNoRetry();
  }

  @FunctionalInterface
  private interface EventSink {
    void record(CustomRun run, String reason, String message, Instant at);
  }

  /** One reconcile of one run: decides its next status on a copy. */
  private final class Tick {
    private final CustomRun run;
    private final CustomRunStatus status;
    private final Instant now;
    private final Context<CustomRun> context;
    private Instant taskWakeUp;
    private final List<Runnable> announcements = new ArrayList<>();

    Tick(CustomRun run, Instant now, Context<CustomRun> context) {
      this.run = run;
      this.now = now;
      this.context = context;
      if (run.getStatus() == null) {
        run.setStatus(new CustomRunStatus());
      }
      this.status = run.getStatus();
    }

    void decide() {
      if (!status.hasStarted()) {
        status.setStartTime(dev.customtasks.crds.api.Timestamps.format(now));
        status.markRunning(Reasons.RUNNING, "", now);
        announce(events::normal, "Started", task.name() + " run started", now);
      }
      if (run.malformed().isPresent()) {
        finish(Reasons.INVALID_RUN_SPEC, run.malformed().get());
        return;
      }
      Attempt attempt = attempt();
      if (run.isCancelled()) {
        task.release(attempt, "parent CustomRun was cancelled");
        String why = Optional.ofNullable(run.getSpec().getStatusMessage()).filter(s -> !s.isBlank())
            .map(s -> ": " + s).orElse("");
        finish(Reasons.CANCELLED, "CustomRun \"" + name() + "\" was cancelled" + why);
        return;
      }
      Optional<Duration> timeout;
      int retries;
      S spec;
      try {
        timeout = timeout();
        retries = retries();
        spec = task.decode(input());
      } catch (InvalidInputException e) {
        finish(e.reason(), e.getMessage());
        return;
      }
      if (timeout.isPresent() && !now.isBefore(attempt.startTime().plus(timeout.get()))) {
        task.release(attempt, "parent CustomRun timed out");
        failAttempt(Reasons.TIMED_OUT, "CustomRun \"" + name() + "\" failed to finish within "
            + GoDuration.format(timeout.get()), retries);
        return;
      }
      Step step;
      try {
        step = task.progress(spec, attempt);
      } catch (InvalidInputException e) {
        // Input that only shows itself bad once the run has started (e.g. a window that never
        // opens again) is still bad input: the same run would fail the same way on every retry.
        finish(e.reason(), e.getMessage());
        return;
      }
      apply(step, retries);
    }

    private void apply(Step step, int retries) {
      if (step instanceof Step.Running running) {
        keepState(running.state());
        status.markRunning(Reasons.RUNNING, Optional.ofNullable(running.message()).orElse(""), now);
        taskWakeUp = running.wakeAt();
      } else if (step instanceof Step.Succeeded succeeded) {
        keepState(succeeded.state());
        Optional<String> tooLarge = oversizedResult(succeeded.results());
        if (tooLarge.isPresent()) {
          finish(Reasons.RESULTS_TOO_LARGE, tooLarge.get());
          return;
        }
        List<CustomRunResult> results = new ArrayList<>();
        succeeded.results().forEach((k, v) -> results.add(new CustomRunResult(k, v)));
        status.setResults(results.isEmpty() ? null : results);
        finish(Reasons.SUCCEEDED, Optional.ofNullable(succeeded.message()).orElse(""));
      } else if (step instanceof Step.Failed failed) {
        keepState(failed.state());
        failAttempt(failed.reason(), failed.message(), retries);
      }
    }

    private void keepState(Object state) {
      if (state != null) {
        status.setExtraFields(context.getClient().getKubernetesSerialization().convertValue(state, Object.class));
      }
    }

    private Optional<String> oversizedResult(Map<String, ParamValue> results) {
      for (Map.Entry<String, ParamValue> e : results.entrySet()) {
        int size = e.getValue().serializedSize();
        if (size > task.maxResultBytes()) {
          return Optional.of("result \"" + e.getKey() + "\" is " + size + " bytes, more than the limit of "
              + task.maxResultBytes() + " bytes");
        }
      }
      return Optional.empty();
    }

    /** Ends this attempt as failed: retried while retries remain, else the run fails. */
    private void failAttempt(String reason, String message, int retries) {
      int failedAttempts = retriesStatus().size();
      if (failedAttempts >= retries) {
        finish(reason, message);
        return;
      }
      CustomRunStatus snapshot = context.getClient().getKubernetesSerialization().clone(status);
      snapshot.setRetriesStatus(null);
      snapshot.markFailed(reason, message, now);
      List<CustomRunStatus> history = new ArrayList<>(retriesStatus());
      history.add(snapshot);
      status.setRetriesStatus(history);
      status.setResults(null);
      status.setExtraFields(null);
      status.setCompletionTime(null);
      status.setStartTime(dev.customtasks.crds.api.Timestamps.format(now));
      String next = "attempt " + (history.size() + 1) + " of " + (retries + 1) + " after: " + message;
      status.markRunning(Reasons.RUNNING, next, now);
      announce(events::warning, "Retrying", next, now);
      taskWakeUp = now;
    }

    private void finish(String reason, String message) {
      if (Reasons.SUCCEEDED.equals(reason)) {
        status.markSucceeded(reason, message, now);
        announce(events::normal, reason, message.isEmpty() ? task.name() + " run succeeded" : message, now);
      } else {
        status.markFailed(reason, message, now);
        announce(events::warning, reason, message, now);
      }
    }

    private Attempt attempt() {
      int number = retriesStatus().size() + 1;
      Children children = new Children(context.getClient(), run, task.name(), number,
          type -> context.getSecondaryResources(type));
      return new Attempt(run, number, status.startInstant(), now, children);
    }

    private List<CustomRunStatus> retriesStatus() {
      return status.getRetriesStatus() == null ? List.of() : status.getRetriesStatus();
    }

    private Optional<Duration> timeout() {
      try {
        return run.timeout();
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(Reasons.INVALID_RUN_SPEC, "spec.timeout: " + e.getMessage());
      }
    }

    private int retries() {
      Integer retries = run.getSpec().getRetries();
      if (retries != null && retries < 0) {
        throw new InvalidInputException(Reasons.INVALID_RUN_SPEC, "spec.retries: must not be negative, got " + retries);
      }
      return retries == null ? 0 : retries;
    }

    private TaskInput input() {
      TaskKind kind = matchingKind(run).orElseThrow();
      return new TaskInput(run, kind, () -> namedObjectSpec(kind));
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> namedObjectSpec(TaskKind kind) {
      String objectName = run.getSpec().getCustomRef() == null ? null : run.getSpec().getCustomRef().getName();
      if (objectName == null || objectName.isBlank()) {
        return Optional.empty();
      }
      var type = task.namedObjectType(kind);
      if (type.isEmpty()) {
        return Optional.empty();
      }
      GenericKubernetesResource object = context.getClient().genericKubernetesResources(type.get())
          .inNamespace(run.getMetadata().getNamespace()).withName(objectName).get();
      if (object == null) {
        throw new InvalidInputException(Reasons.REFERENCE_NOT_FOUND, "customRef.name: " + kind.kind() + " \""
            + objectName + "\" not found in namespace \"" + run.getMetadata().getNamespace() + "\"");
      }
      Object spec = object.getAdditionalProperties().get("spec");
      return Optional.of(spec instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
    }

    Optional<Instant> nextWakeUp() {
      Optional<Instant> timeoutAt;
      try {
        timeoutAt = run.timeoutDeadline();
      } catch (IllegalArgumentException e) {
        timeoutAt = Optional.empty();
      }
      return java.util.stream.Stream.of(Optional.ofNullable(taskWakeUp), timeoutAt)
          .flatMap(Optional::stream).min(Instant::compareTo);
    }

    private void announce(EventSink sink, String reason, String message, Instant at) {
      CustomRun snapshot = run;
      announcements.add(() -> sink.record(snapshot, reason, message, at));
    }

    private String name() {
      return run.getMetadata().getName();
    }
  }
}
