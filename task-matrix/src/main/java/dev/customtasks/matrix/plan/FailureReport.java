package dev.customtasks.matrix.plan;

import dev.customtasks.crds.matrix.Combination;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The message of a failed matrix: how many combinations failed, then each (index, params, include
 * name if any, and the child's own message), the first {@value #LISTED} of them.
 *
 * <pre>{@code 2 of 6 combinations failed: #1 (jdk=17, os=mac): tests failed; #4 (jdk=21, os=windows): timed out}</pre>
 */
public final class FailureReport {

  static final int LISTED = 10;
  private static final int CHILD_MESSAGE = 200;

  private FailureReport() {
  }

  /**
   * @param combinations every combination, in order
   * @param failed the failed indices, ascending
   * @param childMessages the failed children's messages by index (may lack some)
   * @param cancelledRunning how many running children fail-fast cancelled (0 for none)
   */
  public static String message(List<Combination> combinations, List<Integer> failed,
      Map<Integer, String> childMessages, int cancelledRunning) {
    StringBuilder sb = new StringBuilder();
    sb.append(failed.size()).append(" of ").append(combinations.size()).append(" combinations failed");
    if (cancelledRunning > 0) {
      sb.append(" (failFast: ").append(cancelledRunning).append(" running cancelled, the rest not started)");
    }
    sb.append(": ");
    for (int k = 0; k < Math.min(failed.size(), LISTED); k++) {
      int index = failed.get(k);
      if (k > 0) {
        sb.append("; ");
      }
      sb.append(describe(index, combinations.get(index)));
      String child = childMessages.get(index);
      if (child != null && !child.isBlank()) {
        sb.append(": ").append(child.length() > CHILD_MESSAGE ? child.substring(0, CHILD_MESSAGE) + "…" : child);
      }
    }
    if (failed.size() > LISTED) {
      sb.append("; and ").append(failed.size() - LISTED).append(" more");
    }
    return sb.toString();
  }

  /** {@code #3 (jdk=21, os=linux) "linux-arm"}: index, params, include names. */
  public static String describe(int index, Combination combination) {
    String params = combination.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
    return "#" + index + " (" + params + ")" + combination.name().map(n -> " \"" + n + "\"").orElse("");
  }
}
