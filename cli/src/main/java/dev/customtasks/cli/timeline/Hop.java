package dev.customtasks.cli.timeline;

import java.time.Duration;
import java.time.Instant;

/**
 * One dependency edge's hop: from the predecessor's completion to the creation of this task's run,
 * the time the PipelineRun controller took to move on.
 *
 * @param from the predecessor's path ({@code build}, {@code build-all/compile}); {@link #START}
 *     for a task with no predecessor (measured from the PipelineRun's start), {@link #TASKS} for a
 *     finally task (measured from the last of the pipeline's tasks to complete)
 * @param to the path of the task whose run was created
 * @param completed when the predecessor completed (or the PipelineRun started)
 * @param created when this task's run was created; Kubernetes keeps creation to the second, so
 *     within that second the run's start stands for it ({@link Spans#creation(io.fabric8.kubernetes.api.model.HasMetadata, Instant)})
 * @param released whether this predecessor was the last of the task's predecessors to complete,
 *     the one that released it: only then is the hop time the controller took to move on (an
 *     earlier branch of a fan-in simply waited for the others)
 */
public record Hop(String from, String to, Instant completed, Instant created, boolean released) {

  /** {@link #from} of a task that waited for nothing but the PipelineRun's start. */
  public static final String START = "(start)";
  /** {@link #from} of a finally task, which waits for every task of the pipeline. */
  public static final String TASKS = "(tasks)";

  /** How long the hop took; never negative (clocks of two controllers may differ slightly). */
  public Duration duration() {
    Duration d = Duration.between(completed, created);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
