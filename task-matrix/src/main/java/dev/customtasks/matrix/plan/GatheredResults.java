package dev.customtasks.matrix.plan;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.matrix.MatrixResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A matrix's results: each string result of the children gathered into an array result of the
 * same name, in combination order ({@link MatrixResults#gather}, Tekton's rule for a matrixed
 * pipeline task: a child without the result adds nothing, array and object results are not
 * gathered); then {@value #COMBINATIONS}, the number of combinations; then, when any failed,
 * {@value #FAILED}, their indices. These two win over a child result of the same name.
 */
public final class GatheredResults {

  public static final String COMBINATIONS = "combinations";
  public static final String FAILED = "failed";

  private GatheredResults() {
  }

  /**
   * @param childResults each combination's child results, in combination order (empty for a child
   *     that did not succeed)
   * @param failed the indices of the failed combinations, ascending
   */
  public static Map<String, ParamValue> of(List<Map<String, ParamValue>> childResults, List<Integer> failed) {
    List<Map<String, String>> strings = new ArrayList<>();
    for (Map<String, ParamValue> results : childResults) {
      Map<String, String> s = new LinkedHashMap<>();
      if (results != null) {
        results.forEach((name, value) -> {
          if (value != null && value.type() == ParamValue.Type.STRING) {
            s.put(name, value.asString());
          }
        });
      }
      strings.add(s);
    }
    Map<String, ParamValue> out = new LinkedHashMap<>();
    MatrixResults.gather(strings).forEach((name, values) -> out.put(name, ParamValue.ofArray(values)));
    out.remove(COMBINATIONS);
    out.remove(FAILED);
    out.put(COMBINATIONS, ParamValue.of(Integer.toString(childResults.size())));
    if (!failed.isEmpty()) {
      out.put(FAILED, ParamValue.ofArray(failed.stream().map(String::valueOf).toList()));
    }
    return out;
  }
}
