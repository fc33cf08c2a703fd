package dev.customtasks.pipelinerun.state;

import java.time.Duration;
import java.util.Optional;

/**
 * What the run has been asked to do or has run out of, as of now.
 *
 * @param cancel {@code spec.status} as Tekton spells it: none, {@code Cancelled} (stop everything),
 *     {@code CancelledRunFinally} (cancel tasks, then run finally), {@code StoppedRunFinally}
 *     (start nothing new, let running tasks end, then run finally)
 * @param timeout the first timeout that has expired, if any
 * @param pipelineTimeout the run's pipeline timeout, for the message when it expires
 * @param tasksTimeout the run's tasks timeout, for the message when it expires
 */
public record RunMode(Cancel cancel, Timeout timeout, Duration pipelineTimeout, Optional<Duration> tasksTimeout) {

  public enum Cancel { NONE, CANCELLED, CANCELLED_RUN_FINALLY, STOPPED_RUN_FINALLY }

  /** Which of {@code timeouts.pipeline}, {@code .tasks} or {@code .finally} has expired. */
  public enum Timeout { NONE, TASKS, FINALLY, PIPELINE }

  public static final RunMode NORMAL = new RunMode(Cancel.NONE, Timeout.NONE);

  /** Tekton's default timeouts: one hour for the pipeline, no separate one for its tasks. */
  public RunMode(Cancel cancel, Timeout timeout) {
    this(cancel, timeout, Duration.ofHours(1), Optional.empty());
  }
}
