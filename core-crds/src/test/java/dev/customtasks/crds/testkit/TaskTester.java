package dev.customtasks.crds.testkit;

import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import dev.customtasks.crds.controller.Attempt;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.NamedObjects;
import dev.customtasks.crds.controller.RunLifecycle;
import dev.customtasks.crds.controller.Step;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A task's decisions as plain unit tests: no API server, no clock but the instants a test gives,
 * children in memory ({@link #children()}). {@link #progress} runs the task's own
 * {@code decode} and {@code progress} for one tick; {@link #tick} runs the whole TEP-0002
 * lifecycle around it ({@link RunLifecycle}), changing the run's status as the reconciler would
 * before writing it.
 *
 * <pre>{@code
 * TaskTester<WaitPlan, WaitState> tester = new TaskTester<>(new WaitTask());
 * CustomRun run = tester.started(customRun("r").ref(WaitTask.KIND).param("duration", "5s").build(), T0);
 * assertThat(tester.progress(run, T0)).isInstanceOf(Step.Running.class);
 * }</pre>
 */
public final class TaskTester<S, T> {

  private final CustomTask<S, T> task;
  private final RunLifecycle<S, T> lifecycle;
  private final InMemoryChildStore children = new InMemoryChildStore();
  private final Map<String, Map<String, Object>> namedObjects = new LinkedHashMap<>();
  private int namedObjectReads;

  public TaskTester(CustomTask<S, T> task) {
    this.task = task;
    this.lifecycle = new RunLifecycle<>(task);
  }

  /** Makes {@code customRef.name: name} find an object with {@code spec}, whatever its kind. */
  public TaskTester<S, T> withNamedObject(String name, Map<String, Object> spec) {
    namedObjects.put(name, spec);
    return this;
  }

  /** Makes {@code customRef.name: name} find nothing any more, as after {@code kubectl delete}. */
  public TaskTester<S, T> withoutNamedObject(String name) {
    namedObjects.remove(name);
    return this;
  }

  public InMemoryChildStore children() {
    return children;
  }

  /** How often the named object was looked up. */
  public int namedObjectReads() {
    return namedObjectReads;
  }

  /** A copy of {@code run} that started at {@code at}, as the reconciler's first tick leaves it. */
  public CustomRun started(CustomRun run, Instant at) {
    CustomRun copy = Serialization.clone(run);
    if (copy.getMetadata().getUid() == null) {
      copy.getMetadata().setUid("uid-" + copy.getMetadata().getName());
    }
    if (copy.getMetadata().getNamespace() == null) {
      copy.getMetadata().setNamespace("default");
    }
    if (copy.getStatus() == null) {
      copy.setStatus(new CustomRunStatus());
    }
    copy.getStatus().setStartTime(Timestamps.format(at));
    copy.getStatus().markRunning("Running", "", at);
    return copy;
  }

  /**
   * The task's {@code decode}.
   *
   * @throws dev.customtasks.crds.controller.InvalidInputException as the task throws it
   */
  public S decode(CustomRun run) {
    return task.decode(lifecycle.input(run, lookup()));
  }

  /** One tick of the task on a started run at {@code now}: decode, then progress. */
  public Step<T> progress(CustomRun run, Instant now) {
    S spec = decode(run);
    return task.progress(spec, attempt(run, now));
  }

  /** The attempt a started run is in at {@code now}, over the in-memory children. */
  public Attempt<T> attempt(CustomRun run, Instant now) {
    return lifecycle.attempt(run, now, children);
  }

  /** The whole lifecycle for one tick: changes {@code run}'s status in place, as the reconciler would. */
  public RunLifecycle.Decision tick(CustomRun run, Instant now) {
    return lifecycle.tick(run, now, children, lookup());
  }

  private NamedObjects lookup() {
    return (type, namespace, name) -> {
      namedObjectReads++;
      return Optional.ofNullable(namedObjects.get(name));
    };
  }
}
