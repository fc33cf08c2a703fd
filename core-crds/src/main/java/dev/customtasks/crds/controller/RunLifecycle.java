package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.Condition;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import dev.customtasks.crds.child.ChildRuns;
import dev.customtasks.crds.api.customrun.CustomRunValidation;
import dev.customtasks.crds.duration.GoDuration;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The TEP-0002 lifecycle of a CustomRun, one tick at a time, as plain rules over the run, an
 * instant and the run's children; no API server. In order: on first sight set {@code startTime}
 * and {@code Succeeded=Unknown}; a malformed run ends {@code InvalidRunSpec}; a cancelled one
 * releases its children and ends {@code Cancelled}; bad input ends with the task's reason; an
 * attempt past {@code spec.timeout} (from its start) releases its children and fails
 * {@code TimedOut}; both wait, still running, for what the task says is still stopping
 * ({@link CustomTask#stopping}); otherwise the task's {@link CustomTask#progress} decides. A failed attempt is
 * copied into {@code status.retriesStatus} and a new one starts while {@code spec.retries}
 * allows, the run reading {@code Succeeded=Unknown}, reason {@code Retrying}, until the new
 * attempt's first tick. The reconciler writes the status this leaves on the run, then arms the
 * wake-up and records the events it returns (Tekton's, one per condition change, for a kind whose
 * task asks for {@link CustomTask#conditionEvents}).
 *
 * <p>Follows Tekton's {@code customrunstatus_types.go} ({@code MarkCustomRunSucceeded/Failed/
 * Running}) and the preamble of its test wait controller ({@code wait-task-beta/pkg/reconciler}).
 *
 * @param <S> the task's spec type
 * @param <T> the task's state type
 */
public final class RunLifecycle<S, T> {

  /**
   * How often a cancelled or timed-out run whose children are still stopping is looked at again
   * when no child change wakes it first.
   */
  public static final Duration STOP_POLL = Duration.ofSeconds(2);

  /**
   * Most failed attempts kept in {@code status.retriesStatus}: the latest ones. Earlier ones are
   * dropped and counted in the status annotation {@link CustomRunStatus#DROPPED_ATTEMPTS}, so that
   * a run's status stays bounded however large {@code spec.retries} is. Tekton caps neither
   * {@code retries} nor {@code retriesStatus} (its {@code pkg/reconciler/taskrun/taskrun.go} appends
   * every failed TaskRun attempt); there each attempt costs a Pod's start, while a custom task with
   * a 100ms timeout fails ten times a second and would pass etcd's object size limit within minutes.
   */
  public static final int MAX_RETRIES_STATUS = 10;

  private final CustomTask<S, T> task;

  public RunLifecycle(CustomTask<S, T> task) {
    this.task = task;
  }

  /**
   * What one tick decided besides the status it left on the run.
   *
   * @param wakeAt when to look at the run again even if nothing changes: the earlier of the task's
   *     wish and the timeout; empty when the run is done or nothing is due
   * @param events the Events to record once the status is written
   */
  public record Decision(Optional<Instant> wakeAt, List<RunEvent> events) {
  }

  /**
   * Decides the run's next status on {@code run}, which it changes in place (pass a copy).
   *
   * @param run a run of one of the task's kinds, not done, or done with a status that cannot be read
   *     ({@link dev.customtasks.crds.api.RunStatus#unreadable()}), which the tick ends {@code InvalidStatus}
   * @param now the tick's instant
   * @param store the run's children
   * @param namedObjects finds the object {@code customRef.name} names
   */
  public Decision tick(CustomRun run, Instant now, ChildStore store, NamedObjects namedObjects) {
    Optional<Condition> before = run.getStatus() == null ? Optional.empty()
        : run.getStatus().succeededCondition().map(c -> new Condition(c.getType(), c.getStatus(), c.getReason(),
            c.getMessage(), c.getLastTransitionTime()));
    Tick tick = new Tick(run, now, store, namedObjects);
    tick.decide();
    List<RunEvent> events = matchingKind(run).filter(task::conditionEvents).isPresent()
        ? ConditionEvents.between(before, new Condition(Condition.SUCCEEDED, Condition.UNKNOWN, Reasons.RUNNING, "",
            null), run.getStatus().succeededCondition(), now)
        : tick.events;
    return new Decision(run.isDone() ? Optional.empty() : tick.nextWakeUp(), List.copyOf(events));
  }

  /** The kind {@code run} asks for, when it is one of the task's. */
  public Optional<TaskKind> matchingKind(CustomRun run) {
    return run.taskKind().filter(k -> task.kinds().contains(k));
  }

  /** The task's input for {@code run}; the named object is read at most once. */
  public TaskInput input(CustomRun run, NamedObjects namedObjects) {
    TaskKind kind = matchingKind(run).orElseThrow(() -> new IllegalArgumentException(
        "CustomRun \"" + run.getMetadata().getName() + "\" is not of a kind the " + task.name() + " task answers"));
    return new TaskInput(run, kind, () -> namedObjectSpec(run, kind, namedObjects), namedObjects);
  }

  /** The attempt a started run is in, over {@code store}. */
  public Attempt<T> attempt(CustomRun run, Instant now, ChildStore store) {
    int number = run.getStatus().failedAttempts() + 1;
    return new Attempt<>(run, number, run.getStatus().startInstant(), now,
        new Children(store, run, task.name(), number), task.stateType());
  }

  private Optional<Map<String, Object>> namedObjectSpec(CustomRun run, TaskKind kind, NamedObjects namedObjects) {
    String objectName = run.getSpec().getCustomRef() == null ? null : run.getSpec().getCustomRef().getName();
    if (objectName == null || objectName.isBlank()) {
      return Optional.empty();
    }
    var type = task.namedObjectType(kind);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    Optional<Map<String, Object>> kept = keptNamedObjectSpec(run);
    if (kept.isPresent()) {
      return kept;
    }
    String namespace = run.getMetadata().getNamespace();
    Map<String, Object> spec = namedObjects.spec(type.get(), namespace, objectName).orElseThrow(() ->
        new InvalidInputException(Reasons.REFERENCE_NOT_FOUND, "customRef.name: " + kind.kind() + " \""
            + objectName + "\" not found in namespace \"" + namespace + "\""));
    keepNamedObjectSpec(run, spec);
    return Optional.of(spec);
  }

  /**
   * The named object's spec as the run first read it ({@link CustomRunStatus#NAMED_OBJECT_SPEC}): a
   * started run goes on with what it started with, as a TaskRun goes on with its
   * {@code status.taskSpec}, whether the object is edited or deleted since.
   */
  private static Optional<Map<String, Object>> keptNamedObjectSpec(CustomRun run) {
    String kept = run.getStatus() == null || run.getStatus().getAnnotations() == null ? null
        : run.getStatus().getAnnotations().get(CustomRunStatus.NAMED_OBJECT_SPEC);
    if (kept == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Serialization.jsonMapper().readValue(kept,
          new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Edited by hand into something unreadable: read the object again, as on first sight.
      return Optional.empty();
    }
  }

  private static void keepNamedObjectSpec(CustomRun run, Map<String, Object> spec) {
    if (run.getStatus() == null || !run.getStatus().hasStarted()) {
      return;
    }
    Map<String, String> annotations = new java.util.LinkedHashMap<>(
        Optional.ofNullable(run.getStatus().getAnnotations()).orElse(Map.of()));
    annotations.put(CustomRunStatus.NAMED_OBJECT_SPEC, Serialization.asJson(spec));
    run.getStatus().setAnnotations(annotations);
  }

  private static List<CustomRunStatus> retriesStatus(CustomRunStatus status) {
    return status.getRetriesStatus() == null ? List.of() : status.getRetriesStatus();
  }

  /** One tick of one run: decides its next status on the run itself. */
  private final class Tick {
    private final CustomRun run;
    private final CustomRunStatus status;
    private final Instant now;
    private final ChildStore store;
    private final NamedObjects namedObjects;
    private final List<RunEvent> events = new ArrayList<>();
    private Instant taskWakeUp;
    private boolean stopping;
    /** When the run ends if it ends in this tick: {@link #now}, or later, see {@link #waitingForStop}. */
    private Instant ended;

    Tick(CustomRun run, Instant now, ChildStore store, NamedObjects namedObjects) {
      this.run = run;
      this.now = now;
      this.ended = now;
      this.store = store;
      this.namedObjects = namedObjects;
      if (run.getStatus() == null) {
        run.setStatus(new CustomRunStatus());
      }
      this.status = run.getStatus();
    }

    void decide() {
      // A status we cannot read (edited by hand) ends the run at once, naming the field: it can
      // neither be timed nor trusted, and a run left so would never finish nor be cleaned up.
      // A status that did not read at all (a list where an object belongs) is one too.
      Optional<String> unreadable = run.unreadableStatus();
      if (unreadable.isPresent()) {
        // The message keeps what was written; the times become readable for whoever reads the run next.
        if (!status.hasStarted() || Timestamps.tryParse(status.getStartTime()).isEmpty()) {
          status.setStartTime(Timestamps.format(now));
        }
        finish(Reasons.INVALID_STATUS, unreadable.get());
        return;
      }
      if (!status.hasStarted()) {
        status.setStartTime(Timestamps.format(now));
        status.markRunning(Reasons.RUNNING, "", now);
        events.add(RunEvent.normal("Started", task.name() + " run started", now));
      }
      if (run.malformed().isPresent()) {
        finish(Reasons.INVALID_RUN_SPEC, run.malformed().get());
        return;
      }
      Optional<String> invalid = CustomRunValidation.problem(run.getSpec());
      if (invalid.isPresent()) {
        finish(Reasons.INVALID_RUN_SPEC, invalid.get());
        return;
      }
      Attempt<T> attempt = attempt(run, now, store);
      if (run.isCancelled()) {
        task.release(attempt, "parent CustomRun was cancelled");
        String why = Optional.ofNullable(run.getSpec().getStatusMessage()).filter(s -> !s.isBlank())
            .map(s -> ": " + s).orElse("");
        String message = "CustomRun \"" + name() + "\" was cancelled" + why;
        if (!waitingForStop(attempt, message)) {
          finish(Reasons.CANCELLED, message);
        }
        return;
      }
      Optional<Duration> timeout;
      int retries;
      S spec;
      try {
        timeout = timeout();
        retries = retries();
        spec = task.decode(input(run, namedObjects));
      } catch (InvalidInputException e) {
        finish(e.reason(), e.getMessage());
        return;
      }
      if (timeout.isPresent() && !now.isBefore(attempt.startTime().plus(timeout.get()))) {
        task.release(attempt, "parent CustomRun timed out");
        String message = "CustomRun \"" + name() + "\" failed to finish within " + GoDuration.format(timeout.get());
        if (!waitingForStop(attempt, message)) {
          failAttempt(Reasons.TIMED_OUT, message, retries);
        }
        return;
      }
      Step<T> step;
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

    /**
     * Whether the attempt's released children are still stopping ({@link CustomTask#stopping}):
     * then the run stays running, saying so, and is looked at again soon.
     */
    private boolean waitingForStop(Attempt<T> attempt, String message) {
      Optional<String> stillRunning = task.stopping(attempt);
      if (stillRunning.isEmpty()) {
        // The children were read after this tick's instant was taken: one that completed in
        // between must not seem to outlive the run that waited for it.
        lastChildCompletion(attempt).filter(now::isBefore).ifPresent(last -> ended = last);
        return false;
      }
      status.markRunning(Reasons.RUNNING, message + "; waiting for " + stillRunning.get() + " to stop", now);
      stopping = true;
      taskWakeUp = now.plus(STOP_POLL);
      return true;
    }

    private Optional<Instant> lastChildCompletion(Attempt<T> attempt) {
      return task.childTypes().stream().flatMap(type -> attempt.children().list(type).stream())
          .map(child -> ChildRuns.observe(child).completed())
          .flatMap(Optional::stream).max(Instant::compareTo);
    }

    private void apply(Step<T> step, int retries) {
      keepState(step.state());
      if (step instanceof Step.Running<T> running) {
        status.markRunning(Reasons.RUNNING, Optional.ofNullable(running.message()).orElse(""), now);
        taskWakeUp = running.wakeAt();
      } else if (step instanceof Step.Succeeded<T> succeeded) {
        Optional<String> tooLarge = oversizedResult(succeeded.results());
        if (tooLarge.isPresent()) {
          finish(Reasons.RESULTS_TOO_LARGE, tooLarge.get());
          return;
        }
        status.setResults(succeeded.results().isEmpty() ? null : results(succeeded.results()));
        succeed(succeeded.reason(), Optional.ofNullable(succeeded.message()).orElse(""));
      } else if (step instanceof Step.Failed<T> failed) {
        Optional<String> tooLarge = oversizedResult(failed.results());
        if (tooLarge.isPresent()) {
          finish(Reasons.RESULTS_TOO_LARGE, tooLarge.get());
          return;
        }
        status.setResults(failed.results().isEmpty() ? null : results(failed.results()));
        failAttempt(failed.reason(), failed.message(), retries);
      }
    }

    private List<CustomRunResult> results(Map<String, ParamValue> values) {
      List<CustomRunResult> results = new ArrayList<>();
      values.forEach((k, v) -> results.add(new CustomRunResult(k, v)));
      return results;
    }

    private void keepState(T state) {
      if (state != null) {
        status.setExtraFields(Serialization.jsonMapper().convertValue(state, Object.class));
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
      int failed = status.failedAttempts();
      if (failed >= retries) {
        finish(reason, message);
        return;
      }
      CustomRunStatus snapshot = Serialization.jsonMapper().convertValue(status, CustomRunStatus.class);
      snapshot.setRetriesStatus(null);
      snapshot.markFailed(reason, message, ended);
      // What the run as a whole keeps stays on the run, not in every attempt's copy.
      if (snapshot.getAnnotations() != null) {
        snapshot.getAnnotations().remove(CustomRunStatus.DROPPED_ATTEMPTS);
        snapshot.getAnnotations().remove(CustomRunStatus.NAMED_OBJECT_SPEC);
        if (snapshot.getAnnotations().isEmpty()) {
          snapshot.setAnnotations(null);
        }
      }
      List<CustomRunStatus> history = new ArrayList<>(retriesStatus(status));
      history.add(snapshot);
      if (history.size() > MAX_RETRIES_STATUS) {
        int drop = history.size() - MAX_RETRIES_STATUS;
        history.subList(0, drop).clear();
        Map<String, String> annotations = new java.util.LinkedHashMap<>(
            Optional.ofNullable(status.getAnnotations()).orElse(Map.of()));
        annotations.put(CustomRunStatus.DROPPED_ATTEMPTS, String.valueOf(status.droppedAttempts() + drop));
        status.setAnnotations(annotations);
      }
      status.setRetriesStatus(history);
      status.setResults(null);
      status.setExtraFields(null);
      status.setCompletionTime(null);
      status.setStartTime(Timestamps.format(now));
      String next = "attempt " + (failed + 2) + " of " + (retries + 1) + " after: " + message;
      // Unknown/Retrying until the new attempt's first tick (woken at once) says Running again.
      status.markRunning(Reasons.RETRYING, next, now);
      events.add(RunEvent.warning(Reasons.RETRYING, next, now));
      taskWakeUp = now;
    }

    private void finish(String reason, String message) {
      if (Reasons.SUCCEEDED.equals(reason)) {
        succeed(reason, message);
      } else {
        status.markFailed(reason, message, ended);
        events.add(RunEvent.warning(reason, message, ended));
      }
    }

    private void succeed(String reason, String message) {
      status.markSucceeded(reason, message, ended);
      events.add(RunEvent.normal(reason, message.isEmpty() ? task.name() + " run succeeded" : message, ended));
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

    Optional<Instant> nextWakeUp() {
      if (stopping) {
        // The timeout has passed or does not matter any more: only the poll for the stop is due.
        return Optional.of(taskWakeUp);
      }
      Optional<Instant> timeoutAt;
      try {
        timeoutAt = run.timeoutDeadline();
      } catch (IllegalArgumentException e) {
        timeoutAt = Optional.empty();
      }
      return Stream.of(Optional.ofNullable(taskWakeUp), timeoutAt).flatMap(Optional::stream).min(Instant::compareTo);
    }

    private String name() {
      return run.getMetadata().getName();
    }
  }
}
