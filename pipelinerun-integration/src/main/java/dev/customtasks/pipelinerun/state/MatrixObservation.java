package dev.customtasks.pipelinerun.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.matrix.MatrixResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a matrixed pipeline task stands, from its children, as Tekton's {@code ResolvedPipelineTask}
 * reads a fanned-out task ({@code pkg/reconciler/pipelinerun/resources/pipelinerunresolution.go}):
 * running until every child is done; then succeeded when all succeeded, cancelled when any was
 * cancelled, failed otherwise. Counted once in the run's message.
 *
 * <p>Results, as Tekton's code gives them to later tasks and to pipeline results: for TaskRuns,
 * each string result gathered into an array over the children in the order of their names compared
 * as strings ({@code createResultsCacheMatrixedTaskRuns}: {@code -0, -1, -10, -11, -2, ...}), a
 * child that did not produce it contributing nothing; for CustomRuns, the results of the first
 * child alone, a value that is a JSON array of strings read as an array
 * ({@code resolveCustomResultRef} in {@code resultrefresolution.go}).
 */
public final class MatrixObservation {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MatrixObservation() {
  }

  /**
   * @param children each child's observation, children in the order of their names as strings
   * @param customTask whether the children are CustomRuns
   */
  public static TaskObservation aggregate(List<TaskObservation> children, boolean customTask) {
    if (children.isEmpty() || children.stream().anyMatch(c -> !c.phase().isTerminal())) {
      return TaskObservation.running();
    }
    TaskPhase phase;
    if (children.stream().allMatch(c -> c.phase() == TaskPhase.SUCCEEDED)) {
      phase = TaskPhase.SUCCEEDED;
    } else if (children.stream().anyMatch(c -> c.phase() == TaskPhase.CANCELLED)) {
      phase = TaskPhase.CANCELLED;
    } else {
      phase = TaskPhase.FAILED;
    }
    return new TaskObservation(phase, customTask ? firstChildResults(children.get(0)) : gathered(children));
  }

  private static Map<String, ParamValue> gathered(List<TaskObservation> children) {
    List<Map<String, String>> strings = new ArrayList<>();
    for (TaskObservation child : children) {
      Map<String, String> results = new LinkedHashMap<>();
      child.results().forEach((name, value) -> {
        if (value.type() == ParamValue.Type.STRING) {
          results.put(name, value.asString());
        }
      });
      strings.add(results);
    }
    Map<String, ParamValue> out = new LinkedHashMap<>();
    MatrixResults.gather(strings).forEach((name, values) -> out.put(name, ParamValue.ofArray(values)));
    return out;
  }

  private static Map<String, ParamValue> firstChildResults(TaskObservation first) {
    Map<String, ParamValue> out = new LinkedHashMap<>();
    first.results().forEach((name, value) -> out.put(name, value.type() == ParamValue.Type.STRING
        ? arrayIfJsonArray(value.asString()) : value));
    return out;
  }

  private static ParamValue arrayIfJsonArray(String value) {
    try {
      List<String> items = JSON.readValue(value, new TypeReference<List<String>>() { });
      if (items != null && !items.isEmpty()) {
        return ParamValue.ofArray(items);
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // Not a JSON array of strings: the string itself.
    }
    return ParamValue.of(value);
  }
}
