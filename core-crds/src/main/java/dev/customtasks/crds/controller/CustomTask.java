package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.customrun.CustomRun;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A custom task type: the one class a task module writes. {@link CustomTaskReconciler} keeps the
 * whole TEP-0002 contract around it (which runs to answer, start time, bad input, cancel, timeout,
 * retries, results, events, wake-ups, never touching a finished run), so a task says only how to
 * read its input and what to do on each tick.
 *
 * <pre>{@code
 * public final class SleepTask implements CustomTask<SleepSpec, Void> {
 *   public String name() { return "sleep"; }
 *   public List<TaskKind> kinds() { return List.of(new TaskKind("example.dev/v1", "Sleep")); }
 *   public Class<Void> stateType() { return Void.class; }
 *   public SleepSpec decode(TaskInput input) { return input.decode(SleepSpec.class); }
 *   public Step<Void> progress(SleepSpec spec, Attempt<Void> attempt) {
 *     Instant due = attempt.startTime().plus(spec.duration());
 *     return attempt.now().isBefore(due)
 *         ? Step.running("sleeping", due)
 *         : Step.succeeded("slept", Map.of());
 *   }
 * }
 * }</pre>
 *
 * @param <S> the task's typed spec, decoded from params, {@code customSpec} or a named object
 * @param <T> the state the task keeps between ticks in {@code status.extraFields} (a record);
 *     {@link Void} for a task that keeps none
 */
public interface CustomTask<S, T> {

  /** The controller's name: unique in a process, used for its informers, labels and wake-ups. */
  String name();

  /** The apiVersion/kind pairs this task answers; the first is its own, the rest are aliases. */
  List<TaskKind> kinds();

  /** The class of the task's state, which {@link Attempt#state()} decodes; {@code Void.class} for none. */
  Class<T> stateType();

  /**
   * Where objects of {@code kind} live when a run names one in {@code customRef.name}; empty when
   * the kind has no object form (then a name is ignored).
   */
  default Optional<ResourceDefinitionContext> namedObjectType(TaskKind kind) {
    return Optional.empty();
  }

  /**
   * Reads and validates the input. Runs before anything is done and on every tick, so it must be
   * pure; bad input is reported by throwing {@link InvalidInputException}.
   */
  S decode(TaskInput input);

  /**
   * One tick of a started, unfinished, uncancelled, not timed-out run: look at the world (time,
   * children, own state) and say what the run is now. Must be idempotent: the same tick may run
   * twice, and a restarted controller resumes from {@code status} alone. Input found bad only now
   * may still be reported by throwing {@link InvalidInputException}; it is not retried.
   */
  Step<T> progress(S spec, Attempt<T> attempt);

  /** The kinds of children this task creates; the controller watches them and wakes their parent. */
  default Set<Class<? extends HasMetadata>> childTypes() {
    return Set.of();
  }

  /**
   * Event sources, besides the run's own and its {@link #childTypes() children}'s, whose events
   * wake runs of this task: for a task whose runs wait on objects they share and do not own (a
   * lock, a quota, a gate), an informer on those objects with a mapper from an object to the runs
   * it concerns. Called each time the controller is registered, before it starts; the context's
   * client is the controller's, for a task that reads or writes such objects in {@link #progress}.
   * Each source needs a name unique in the controller. The default adds none.
   */
  default List<EventSource<?, CustomRun>> eventSources(EventSourceContext<CustomRun> context) {
    return List.of();
  }

  /**
   * Objects the task reads that concern a run without being its children (e.g. decisions people
   * create about it): the controller watches each type and wakes the run an object names; the task
   * reads them with {@link Children#related(Class)}. Empty by default.
   */
  default List<RelatedType<?>> relatedTypes() {
    return List.of();
  }

  /**
   * Stops what an attempt left running, on cancel, timeout or before a retry. The default cancels
   * the Tekton runs and deletes the other children of every {@link #childTypes() child type}.
   */
  default void release(Attempt<T> attempt, String why) {
    for (Class<? extends HasMetadata> type : childTypes()) {
      attempt.children().releaseAll(type, why);
    }
  }

  /**
   * What {@link #release} stopped that has not stopped yet, e.g. {@code PipelineRun "x"}; empty
   * when nothing is left running. While something is, a cancelled or timed-out run stays
   * {@code Succeeded=Unknown} with a message saying what it waits for, and is looked at again when
   * a child changes (or after {@link RunLifecycle#STOP_POLL}); it ends {@code Cancelled} or
   * {@code TimedOut} once this is empty. The default waits for nothing: the run ends as soon as
   * its children were asked to stop.
   */
  default Optional<String> stopping(Attempt<T> attempt) {
    return Optional.empty();
  }

  /**
   * Whether runs of {@code kind} record Events as Tekton's own controllers do, one per change of the
   * {@code Succeeded} condition ({@link ConditionEvents}): for a kind that answers an upstream
   * controller's runs (tektoncd/experimental's {@code TaskLoop}), whose users watch those Events.
   * The default records the lifecycle's own: the start, each retry, and the end with the
   * condition's reason.
   */
  default boolean conditionEvents(TaskKind kind) {
    return false;
  }

  /** The largest result value, in bytes, this task may report. Tekton's default is 4096. */
  default int maxResultBytes() {
    return 4096;
  }
}
