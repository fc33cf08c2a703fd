package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.customrun.CustomRun;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The current attempt of a run, as a task sees it on one tick: when it started, what time it is,
 * the state the task kept in {@code status.extraFields}, and the children it may create.
 * The reconciler builds one per tick; a unit test builds one over a fixed instant and in-memory
 * children (the test kit's {@code TaskTester}).
 *
 * @param <T> the task's own state type
 */
public final class Attempt<T> {

  private final CustomRun run;
  private final int number;
  private final Instant startTime;
  private final Instant now;
  private final Children children;
  private final Class<T> stateType;

  /**
   * @param run the run as read at the start of this tick
   * @param number 1 for the first attempt, 2 for the first retry, ...
   * @param startTime when this attempt started ({@code status.startTime})
   * @param now the tick's instant
   * @param children this attempt's children
   * @param stateType the class the task's state decodes into
   */
  public Attempt(CustomRun run, int number, Instant startTime, Instant now, Children children, Class<T> stateType) {
    this.run = Objects.requireNonNull(run, "run");
    this.number = number;
    this.startTime = Objects.requireNonNull(startTime, "startTime");
    this.now = Objects.requireNonNull(now, "now");
    this.children = Objects.requireNonNull(children, "children");
    this.stateType = Objects.requireNonNull(stateType, "stateType");
  }

  public CustomRun run() {
    return run;
  }

  /** 1 for the first attempt, 2 for the first retry, and so on. */
  public int number() {
    return number;
  }

  /** When this attempt started ({@code status.startTime}). */
  public Instant startTime() {
    return startTime;
  }

  public Instant now() {
    return now;
  }

  /**
   * The task's own state from {@code status.extraFields}, if it kept any in this attempt.
   *
   * @throws IllegalArgumentException if the stored state does not decode into the state type
   *     (someone edited the status by hand)
   */
  public Optional<T> state() {
    Object extra = run.getStatus() == null ? null : run.getStatus().getExtraFields();
    if (extra == null || stateType == Void.class) {
      return Optional.empty();
    }
    return Optional.of(Serialization.jsonMapper().convertValue(extra, stateType));
  }

  public Children children() {
    return children;
  }

  /**
   * Labels the run itself with {@code key=value} (as tektoncd/experimental's TaskLoop labels its Run
   * with the TaskLoop's name): children created after this in the tick carry it too, and the
   * reconciler writes it to the run's metadata after the status.
   */
  public void labelRun(String key, String value) {
    Map<String, String> labels = run.getMetadata().getLabels() == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>(run.getMetadata().getLabels());
    labels.put(key, value);
    run.getMetadata().setLabels(labels);
  }
}
