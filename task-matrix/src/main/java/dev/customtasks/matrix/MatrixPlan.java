package dev.customtasks.matrix;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.child.ChildRunSpec;
import dev.customtasks.crds.child.ChildTarget;
import dev.customtasks.crds.matrix.Combination;
import dev.customtasks.crds.matrix.FanOut;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded, validated Matrix run: what each child runs, the params every child gets, the
 * combinations, and how they are scheduled. Every {@code $(params.…)} is already resolved.
 *
 * @param target what each child runs (its kind: TaskRun or CustomRun)
 * @param params the params every child gets, resolved, in order
 * @param fanOut the combinations, in order (or a skip)
 * @param maxParallel the most children active at once, or null for no limit
 * @param failFast whether the first failure cancels the rest
 * @param serviceAccountName the run's service account, given to every child; null for none
 */
public record MatrixPlan(ChildTarget target, List<Param> params, FanOut fanOut, Integer maxParallel, boolean failFast,
    String serviceAccountName) {

  public MatrixPlan {
    params = List.copyOf(params);
  }

  public List<Combination> combinations() {
    return fanOut.combinations();
  }

  /**
   * The child of combination {@code index}: the common params, then the combination's (a
   * combination's value replaces a common param of the same name, which only an include can add).
   */
  public ChildRunSpec child(int index) {
    Map<String, ParamValue> values = new LinkedHashMap<>();
    params.forEach(p -> values.put(p.getName(), p.getValue()));
    combinations().get(index).params().forEach((name, value) -> values.put(name, ParamValue.of(value)));
    List<Param> childParams = new ArrayList<>();
    values.forEach((name, value) -> childParams.add(new Param(name, value)));
    return ChildRunSpec.of(target, childParams).withServiceAccountName(serviceAccountName);
  }
}
