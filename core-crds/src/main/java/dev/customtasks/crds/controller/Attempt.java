package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.customrun.CustomRun;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.Optional;

/**
 * The current attempt of a run, as a task sees it on one tick: when it started, what time it is,
 * the state the task kept in {@code status.extraFields}, and the children it may create.
 */
public final class Attempt {

  private final CustomRun run;
  private final int number;
  private final Instant startTime;
  private final Instant now;
  private final Children children;

  Attempt(CustomRun run, int number, Instant startTime, Instant now, Children children) {
    this.run = run;
    this.number = number;
    this.startTime = startTime;
    this.now = now;
    this.children = children;
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

  /** The task's own state from {@code status.extraFields}, if it kept any in this attempt. */
  public <T> Optional<T> state(Class<T> type) {
    Object extra = run.getStatus() == null ? null : run.getStatus().getExtraFields();
    return extra == null ? Optional.empty() : Optional.of(Serialization.jsonMapper().convertValue(extra, type));
  }

  public Children children() {
    return children;
  }
}
