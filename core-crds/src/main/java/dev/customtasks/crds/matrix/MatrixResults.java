package dev.customtasks.crds.matrix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the string results of a fanned-out task's child runs into array results, as Tekton
 * aggregates the results of a matrixed pipeline task: each string result {@code r} becomes an array
 * result {@code r} with one element per child that produced it ({@code docs/matrix.md}, "Results
 * from fanned out Matrixed PipelineTasks"; {@code createResultsCacheMatrixedTaskRuns} in
 * {@code pkg/reconciler/pipelinerun/resources/pipelinerunresolution.go}, tektoncd/pipeline).
 */
public final class MatrixResults {

  private MatrixResults() {
  }

  /**
   * Gathers results in combination order.
   *
   * <p>A child that did not produce a result contributes nothing to that array (no placeholder), so
   * an array can be shorter than the number of combinations and its length is the number of
   * children that produced it: what Tekton does, and what {@code $(tasks.<name>.matrix.<result>.length)}
   * reports ("the length of the array of aggregated results that were actually produced"). An
   * element's position therefore says which combination it came from only when every child
   * produced the result. A null map (a child with no results yet) or a null value counts as not
   * produced.
   *
   * <p>Tekton itself orders each array by its child TaskRuns' names compared as strings
   * ({@code …-0}, {@code …-1}, {@code …-10}, {@code …-11}, {@code …-2}), which differs from
   * combination order from the eleventh child on; a caller that must reproduce that passes the maps
   * in that order.
   *
   * @param resultsPerCombination each child's string results (name to value), in combination order
   * @return result name to the values produced, names in order of first appearance; unmodifiable
   */
  public static Map<String, List<String>> gather(List<? extends Map<String, String>> resultsPerCombination) {
    Map<String, List<String>> gathered = new LinkedHashMap<>();
    for (Map<String, String> results : resultsPerCombination) {
      if (results == null) {
        continue;
      }
      results.forEach((name, value) -> {
        if (value != null) {
          gathered.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
      });
    }
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    gathered.forEach((name, values) -> frozen.put(name, List.copyOf(values)));
    return Collections.unmodifiableMap(frozen);
  }
}
