package dev.customtasks.pipelinerun.state;

import dev.customtasks.crds.api.ParamValue;
import java.util.Map;

/** What the child run of a pipeline task shows: its phase and, once it succeeded, its results. */
public record TaskObservation(TaskPhase phase, Map<String, ParamValue> results) {

  public static final TaskObservation NOT_STARTED = new TaskObservation(TaskPhase.NOT_STARTED, Map.of());

  public static TaskObservation running() {
    return new TaskObservation(TaskPhase.RUNNING, Map.of());
  }
}
