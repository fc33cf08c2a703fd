package dev.customtasks.subpipeline.plan;

import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.child.ChildOutcome;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.controller.Step;

/**
 * The run mirrors its child PipelineRun: running with the child's task tally as its message
 * ({@code Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 0}); succeeded
 * with the child's results (strings, arrays and objects as they are) and message; failed with
 * the child's reason and message. A child that timed out on the run's own timeout (which it was
 * given) fails the run {@code TimedOut}, as if the run had timed out first.
 */
public final class Mirror {

  private Mirror() {
  }

  /**
   * @param child how the child stands
   * @param name the child's name, for messages
   * @param runHasTimeout whether the run has a timeout (the child's {@code timeouts.pipeline} is what is left of it)
   * @param state what the run keeps
   */
  public static Step<SubPipelineState> step(ChildOutcome child, String name, boolean runHasTimeout,
      SubPipelineState state) {
    return switch (child.phase()) {
      case PENDING -> new Step.Running<>(child.message().isEmpty() ? "PipelineRun \"" + name + "\" is pending"
          : child.message(), state, null);
      case RUNNING -> new Step.Running<>(child.message().isEmpty() ? "PipelineRun \"" + name + "\" is running"
          : child.message(), state, null);
      case SUCCEEDED -> new Step.Succeeded<>(child.message(), child.results(), state);
      case FAILED -> PipelineRunReason.TIMED_OUT.equals(child.reason()) && runHasTimeout
          ? new Step.Failed<>(Reasons.TIMED_OUT, "PipelineRun \"" + name + "\" timed out: " + child.message(), state)
          : new Step.Failed<>(child.reason().isEmpty() ? Reasons.FAILED : child.reason(), message(child, name),
              state);
      case CANCELLED -> new Step.Failed<>(child.reason().isEmpty() ? Reasons.CANCELLED : child.reason(),
          message(child, name), state);
    };
  }

  private static String message(ChildOutcome child, String name) {
    return child.message().isEmpty() ? "PipelineRun \"" + name + "\" " + child.phase().name().toLowerCase()
        : child.message();
  }
}
