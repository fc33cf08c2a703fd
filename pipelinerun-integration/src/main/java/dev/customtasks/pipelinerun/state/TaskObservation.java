package dev.customtasks.pipelinerun.state;

import dev.customtasks.crds.api.ParamValue;
import java.util.Map;

/**
 * What the child run of a pipeline task shows: its phase, once it succeeded its results, and
 * whether it was cancelled because a timeout of its PipelineRun passed (Tekton counts such a task
 * as failed).
 */
public record TaskObservation(TaskPhase phase, Map<String, ParamValue> results, boolean cancelledByTimeout) {

  public static final TaskObservation NOT_STARTED = new TaskObservation(TaskPhase.NOT_STARTED, Map.of());

  public TaskObservation(TaskPhase phase, Map<String, ParamValue> results) {
    this(phase, results, false);
  }

  public static TaskObservation running() {
    return new TaskObservation(TaskPhase.RUNNING, Map.of());
  }
}
