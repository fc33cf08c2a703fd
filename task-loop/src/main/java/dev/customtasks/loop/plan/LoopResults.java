package dev.customtasks.loop.plan;

import dev.customtasks.crds.matrix.MatrixResults;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loop's results from its iterations' results.
 *
 * <ul>
 *   <li>Over items or a range: each result {@code r} of the children becomes an array result
 *       {@code r}, one element per iteration that produced it, in iteration order (gathered as
 *       Tekton gathers a matrixed task's results: {@link MatrixResults#gather});</li>
 *   <li>{@code until}: each result {@code r} of the last iteration that succeeded is {@code r}
 *       itself, and the array of all of them is {@code r-all};</li>
 *   <li>always {@code iterations}: how many iterations ran, as a decimal string (it wins over a
 *       child result of that name).</li>
 * </ul>
 */
public final class LoopResults {

  /** The result holding how many iterations ran. */
  public static final String ITERATIONS = "iterations";
  /** The suffix of the gathered arrays of an {@code until} loop. */
  public static final String ALL_SUFFIX = "-all";

  private LoopResults() {
  }

  /**
   * @param iterations the iterations that ran, any order; only succeeded ones contribute values
   * @param until whether the loop ran until a condition held
   * @return result name to a String or a {@code List<String>}, in a stable order
   */
  public static Map<String, Object> of(List<Iteration> iterations, boolean until) {
    List<Iteration> succeeded = iterations.stream().filter(i -> i.phase() == Iteration.Phase.SUCCEEDED)
        .sorted(Comparator.comparingInt(Iteration::number)).toList();
    Map<String, List<String>> gathered = MatrixResults.gather(succeeded.stream().map(Iteration::results).toList());
    Map<String, Object> results = new LinkedHashMap<>();
    if (until) {
      if (!succeeded.isEmpty()) {
        results.putAll(succeeded.get(succeeded.size() - 1).results());
      }
      gathered.forEach((name, values) -> results.put(name + ALL_SUFFIX, values));
    } else {
      results.putAll(gathered);
    }
    results.put(ITERATIONS, Integer.toString(iterations.size()));
    return results;
  }
}
