package dev.customtasks.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.matrix.plan.ChildPhase;
import java.util.List;
import java.util.Map;

/**
 * What a Matrix run keeps in {@code status.extraFields}: every combination with its child's name
 * and state. It is also how a restarted controller knows which children it created before the
 * cache shows them.
 *
 * <pre>{@code
 * extraFields:
 *   combinations: 3
 *   children:
 *   - {index: 0, child: test-0, params: {os: linux}, state: Succeeded}
 *   - {index: 1, child: test-1, params: {os: mac}, state: Failed, message: "tests failed"}
 *   - {index: 2, child: test-2, params: {os: windows}, state: NotStarted}
 * }</pre>
 *
 * @param combinations the number of combinations
 * @param children one entry per combination, in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"combinations", "children"})
public record MatrixState(int combinations, List<Entry> children) {

  public MatrixState {
    children = children == null ? List.of() : List.copyOf(children);
  }

  /**
   * One combination.
   *
   * @param index its index, the suffix of its child's name
   * @param child the child run's name (also before it is created)
   * @param params the combination's params
   * @param displayName the names of the include entries it carries, space-separated; null for none
   * @param state a {@link ChildPhase#wireName()}: NotStarted, Pending, Running, Succeeded, Failed, Cancelled
   * @param message the child's message when it failed; null otherwise
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"index", "child", "params", "displayName", "state", "message"})
  public record Entry(int index, String child, Map<String, String> params, String displayName, String state,
      String message) {

    public ChildPhase phase() {
      return ChildPhase.fromWireName(state);
    }
  }

  /** The recorded phase of combination {@code index}; {@link ChildPhase#NOT_STARTED} when unknown. */
  public ChildPhase phaseOf(int index) {
    return index < children.size() && children.get(index).index() == index ? children.get(index).phase()
        : children.stream().filter(e -> e.index() == index).findFirst().map(Entry::phase)
            .orElse(ChildPhase.NOT_STARTED);
  }
}
