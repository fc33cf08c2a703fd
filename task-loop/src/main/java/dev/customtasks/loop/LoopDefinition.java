package dev.customtasks.loop;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.cel.CelCondition;
import dev.customtasks.crds.child.ChildTarget;
import dev.customtasks.loop.plan.LoopShape;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A loop as decoded from a run: what each iteration runs and with which params, and how the loop
 * goes on. Built by {@link LoopTask#decode}; immutable.
 *
 * @param kind the kind the run asked for ({@code Loop}, {@code TaskLoop} or {@code PipelineLoop})
 * @param objectName the named loop object ({@code customRef.name}); null when embedded
 * @param target what every iteration runs
 * @param items one value per iteration (for an {@code until} loop: empty, the iteration number is the value)
 * @param itemsJson each item as JSON (a number, a string, or the element of a JSON array of items as given)
 * @param iterateParam the child param that receives each item; null when none does
 * @param iterationNumberParam the child param that receives the iteration number; null for none
 * @param params the run's params passed to every iteration, in the run's order
 * @param shape concurrency, onFailure, interval, number of iterations
 * @param until the compiled condition; null unless the loop runs until it holds
 * @param timeout each iteration's own timeout
 * @param retries each iteration's retries; null for the child's default
 * @param serviceAccountName each iteration's service account; null for the default
 * @param workspaces each iteration's workspace bindings
 * @param referencedParams the params the Task or Pipeline the body names declares, read from the
 *     API server each time it is called; empty when the body is embedded, a custom task, resolved
 *     remotely, or names an object that does not exist (then each child fails on its own)
 */
public record LoopDefinition(TaskKind kind, String objectName, ChildTarget target, List<String> items,
    List<String> itemsJson, String iterateParam, String iterationNumberParam, List<Param> params, LoopShape shape, CelCondition until,
    Optional<Duration> timeout, Integer retries, String serviceAccountName, List<Map<String, Object>> workspaces,
    Supplier<Optional<ReferencedParams>> referencedParams) {

  /** The params a named Task or Pipeline declares; {@code what} says which, e.g. {@code Task "deploy"}. */
  public record ReferencedParams(String what, List<String> names) {
  }


  public LoopDefinition {
    items = List.copyOf(items);
    itemsJson = List.copyOf(itemsJson);
    params = List.copyOf(params);
    workspaces = workspaces == null ? List.of() : List.copyOf(workspaces);
  }

  /** The value iteration {@code number} (1-based) iterates with. */
  public String item(int number) {
    return until != null || items.isEmpty() ? Integer.toString(number) : items.get(number - 1);
  }

  /** The value iteration {@code number} iterates with, as JSON: the iteration number for {@code until}. */
  public String itemJson(int number) {
    return until != null || itemsJson.isEmpty() ? Integer.toString(number) : itemsJson.get(number - 1);
  }
}
