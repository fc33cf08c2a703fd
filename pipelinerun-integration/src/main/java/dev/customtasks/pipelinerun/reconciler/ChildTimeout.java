package dev.customtasks.pipelinerun.reconciler;

import dev.customtasks.crds.api.pipeline.TimeoutFields;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code spec.timeout} of a pipeline task's TaskRun or CustomRun, as Tekton's
 * {@code createTaskRun}, {@code createCustomRun} and {@code pipelineRunTimeout} decide it
 * ({@code pkg/reconciler/pipelinerun/pipelinerun.go}): the pipeline task's {@code timeout}; else
 * the run's {@code timeouts.tasks} (for a finally task {@code timeouts.finally}) when it is
 * {@code 0s} or longer than the default timeout, since a shorter one is enforced by the
 * PipelineRun itself; else nothing. A {@code taskRunSpecs[].timeout} overrides all of these. No
 * remaining time is computed: the PipelineRun cancels its children when its own deadlines pass.
 */
final class ChildTimeout {

  private ChildTimeout() {
  }

  /**
   * @param pipelineTask the pipeline task's {@code timeout}
   * @param timeouts the run's {@code spec.timeouts} (null for none)
   * @param taskRunSpec the task's {@code taskRunSpecs[].timeout}
   * @param defaultTimeout Tekton's {@code default-timeout-minutes}, which is also the pipeline
   *     timeout when {@code timeouts.pipeline} is not set
   * @return the child's timeout; empty leaves {@code spec.timeout} unset
   */
  static Optional<Duration> of(Optional<Duration> pipelineTask, TimeoutFields timeouts, boolean isFinally,
      Optional<Duration> taskRunSpec, Duration defaultTimeout) {
    if (taskRunSpec.isPresent()) {
      return taskRunSpec;
    }
    if (pipelineTask.isPresent()) {
      return pipelineTask;
    }
    return runLevel(timeouts, isFinally, defaultTimeout)
        .filter(d -> d.isZero() || d.compareTo(defaultTimeout) > 0);
  }

  /**
   * Tekton's {@code TasksTimeout} or {@code FinallyTimeout} of a run whose {@code timeouts.pipeline}
   * is defaulted: the field itself, else {@code pipeline} minus the other when both are set and
   * neither is {@code 0s}.
   */
  static Optional<Duration> runLevel(TimeoutFields timeouts, boolean isFinally, Duration defaultTimeout) {
    if (timeouts == null) {
      return Optional.empty();
    }
    Optional<Duration> own = isFinally ? timeouts.finallyDuration() : timeouts.tasksDuration();
    if (own.isPresent()) {
      return own;
    }
    Optional<Duration> other = isFinally ? timeouts.tasksDuration() : timeouts.finallyDuration();
    Duration pipeline = timeouts.pipelineDuration().orElse(defaultTimeout);
    if (other.isEmpty() || pipeline.isZero() || other.get().isZero()) {
      return Optional.empty();
    }
    return Optional.of(pipeline.minus(other.get()));
  }
}
