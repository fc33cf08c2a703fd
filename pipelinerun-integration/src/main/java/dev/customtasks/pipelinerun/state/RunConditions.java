package dev.customtasks.pipelinerun.state;

import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.crds.api.pipeline.SkippingReason;
import dev.customtasks.crds.duration.GoDuration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The PipelineRun's {@code Succeeded} condition as Tekton's {@code GetPipelineConditionStatus}
 * ({@code pkg/reconciler/pipelinerun/resources/pipelinerunstate.go}), {@code cancelPipelineRun}
 * ({@code cancel.go}) and {@code SetTimeoutCondition} ({@code pkg/apis/pipeline/v1/pipelinerun_types.go})
 * set it, from the tasks' phases: its reasons, its tally and its sentences.
 *
 * <ul>
 *   <li>{@code spec.status: Cancelled}: ends at once, {@code Cancelled}, {@code PipelineRun "r" was
 *       cancelled}; the pipeline timeout: ends at once, {@code PipelineRunTimeout},
 *       {@code PipelineRun "r" failed to finish within "1h0m0s"}; the tasks timeout: ends once
 *       finally (if any) is done, {@code PipelineRunTimeout}, {@code PipelineRun "r" failed due to
 *       tasks failed to finish within "10m0s"}.</li>
 *   <li>Otherwise it ends when no task is left to run: {@code PipelineValidationFailed} when a
 *       task's result reference failed ({@code , Failed Validation: 1 (...)}), else {@code Failed}
 *       when a task failed or a task was cancelled or skipped by a timeout, else {@code Cancelled}
 *       ({@code PipelineRun "r" was cancelled} after {@code CancelledRunFinally} or
 *       {@code StoppedRunFinally}; the tally when a task was cancelled), else {@code Completed}
 *       when a task was skipped, else {@code Succeeded}.</li>
 * </ul>
 *
 * <p>A task cancelled by a timeout counts as failed, as in Tekton; one whose failure
 * {@code onError: continue} ignores is counted apart.
 */
final class RunConditions {

  private final String runName;
  private final RunMode mode;
  private final boolean hasFinally;
  private final boolean finallyDone;
  private final Tally tally;
  private final Map<String, String> validationFailed;

  /**
   * @param phases where every task (DAG and finally) stands
   * @param skipReasons why each skipped task was skipped
   * @param validationFailed the tasks whose result references failed, by name (sorted), with Tekton's error
   */
  RunConditions(String runName, RunMode mode, List<PipelineTask> tasks, List<PipelineTask> finallyTasks,
      Map<String, TaskPhase> phases, Map<String, TaskObservation> observed, Map<String, String> skipReasons,
      Map<String, String> validationFailed) {
    this.runName = runName;
    this.mode = mode;
    this.hasFinally = !finallyTasks.isEmpty();
    this.finallyDone = finallyTasks.stream().allMatch(t -> phases.get(t.getName()).isTerminal());
    this.validationFailed = validationFailed;
    Tally t = new Tally();
    for (PipelineTask task : concat(tasks, finallyTasks)) {
      String name = task.getName();
      TaskPhase phase = phases.get(name);
      TaskObservation obs = observed.getOrDefault(name, TaskObservation.NOT_STARTED);
      String skipReason = skipReasons.get(name);
      if (phase == TaskPhase.SUCCEEDED) {
        t.succeeded++;
      } else if (phase == TaskPhase.CANCELLED && obs.cancelledByTimeout()) {
        t.failed++;
      } else if (phase == TaskPhase.CANCELLED) {
        t.cancelled++;
      } else if (phase == TaskPhase.FAILED) {
        if (PipelineTask.ON_ERROR_CONTINUE.equals(task.getOnError())) {
          t.ignoredFailed++;
        } else {
          t.failed++;
        }
      } else if (phase == TaskPhase.SKIPPED && validationFailed.containsKey(name)) {
        t.validationFailed++;
      } else if (phase == TaskPhase.SKIPPED && TIMEOUT_SKIPS.contains(skipReason)) {
        t.skipped++;
        t.skippedDueToTimeout++;
      } else if (phase == TaskPhase.SKIPPED) {
        t.skipped++;
      } else {
        t.incomplete++;
      }
    }
    this.tally = t;
  }

  private static final Set<String> TIMEOUT_SKIPS = Set.of(SkippingReason.PIPELINE_TIMED_OUT,
      SkippingReason.TASKS_TIMED_OUT, SkippingReason.FINALLY_TIMED_OUT);

  private static List<PipelineTask> concat(List<PipelineTask> a, List<PipelineTask> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static final class Tally {
    int succeeded;
    int failed;
    int ignoredFailed;
    int cancelled;
    int skipped;
    int skippedDueToTimeout;
    int incomplete;
    int validationFailed;

    int completed() {
      return succeeded + failed + cancelled + ignoredFailed;
    }
  }

  /** The condition while the run goes on. */
  Decision.Condition running() {
    String reason = PipelineRunReason.RUNNING;
    if (mode.timeout() == RunMode.Timeout.TASKS && hasFinally && !finallyDone) {
      reason = PipelineRunReason.TIMED_OUT_RUNNING_FINALLY;
    } else if (mode.cancel() == RunMode.Cancel.CANCELLED_RUN_FINALLY) {
      reason = PipelineRunReason.CANCELLED_RUNNING_FINALLY;
    } else if (mode.cancel() == RunMode.Cancel.STOPPED_RUN_FINALLY) {
      reason = PipelineRunReason.STOPPED_RUNNING_FINALLY;
    } else if (tally.cancelled > 0 || tally.failed > 0 && finallyDone) {
      // With finally tasks still to run, a failure alone does not make the run "stopping".
      reason = PipelineRunReason.STOPPING;
    }
    return new Decision.Condition(reason, "Tasks Completed: " + tally.completed() + " (Failed: " + tally.failed
        + ", Cancelled " + tally.cancelled + "), Incomplete: " + tally.incomplete + ", Skipped: " + tally.skipped);
  }

  /** How the run ended, once it has. */
  Optional<Decision.Completion> completion() {
    if (mode.cancel() == RunMode.Cancel.CANCELLED) {
      return Optional.of(new Decision.Completion(false, PipelineRunReason.CANCELLED, cancelledMessage()));
    }
    if (mode.timeout() == RunMode.Timeout.PIPELINE) {
      return Optional.of(new Decision.Completion(false, PipelineRunReason.TIMED_OUT, "PipelineRun \"" + runName
          + "\" failed to finish within \"" + GoDuration.format(mode.pipelineTimeout()) + "\""));
    }
    if (mode.timeout() == RunMode.Timeout.TASKS && (!hasFinally || finallyDone)) {
      return Optional.of(new Decision.Completion(false, PipelineRunReason.TIMED_OUT, "PipelineRun \"" + runName
          + "\" failed due to tasks failed to finish within \""
          + mode.tasksTimeout().map(GoDuration::format).orElse("") + "\""));
    }
    if (tally.incomplete > 0) {
      return Optional.empty();
    }
    int totalFailed = tally.failed + tally.ignoredFailed;
    String message = tally.ignoredFailed > 0
        ? "Tasks Completed: " + tally.completed() + " (Failed: " + totalFailed + " (Ignored: " + tally.ignoredFailed
            + "), Cancelled " + tally.cancelled + "), Skipped: " + tally.skipped
        : "Tasks Completed: " + tally.completed() + " (Failed: " + totalFailed + ", Cancelled " + tally.cancelled
            + "), Skipped: " + tally.skipped;
    if (tally.validationFailed > 0) {
      message += ", Failed Validation: " + tally.validationFailed;
      if (!validationFailed.isEmpty()) {
        String errors = String.join("; ", validationFailed.values());
        message += " (" + (errors.length() > 1024 ? errors.substring(0, 1024) + "..." : errors) + ")";
      }
      return Optional.of(new Decision.Completion(false, PipelineRunReason.FAILED_VALIDATION, message));
    }
    if (tally.failed > 0 || tally.skippedDueToTimeout > 0) {
      return Optional.of(new Decision.Completion(false, PipelineRunReason.FAILED, message));
    }
    if (mode.cancel() == RunMode.Cancel.CANCELLED_RUN_FINALLY || mode.cancel() == RunMode.Cancel.STOPPED_RUN_FINALLY) {
      return Optional.of(new Decision.Completion(false, PipelineRunReason.CANCELLED, cancelledMessage()));
    }
    if (tally.cancelled > 0) {
      return Optional.of(new Decision.Completion(false, PipelineRunReason.CANCELLED, message));
    }
    return Optional.of(new Decision.Completion(true,
        tally.skipped > 0 ? PipelineRunReason.COMPLETED : PipelineRunReason.SUCCEEDED, message));
  }

  private String cancelledMessage() {
    return "PipelineRun \"" + runName + "\" was cancelled";
  }
}
