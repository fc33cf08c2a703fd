package dev.customtasks.crds.matrix;

import java.util.List;
import java.util.Optional;

/**
 * The result of fanning out a matrix: either the ordered combinations (one child run each, the
 * child's index being the position in the list), or a skip with its reason. A skip is not an
 * error: Tekton skips a matrixed pipeline task whose matrix has an empty array
 * ({@code skipBecauseEmptyArrayInMatrixParams} in
 * {@code pkg/reconciler/pipelinerun/resources/pipelinerunresolution.go}); a matrix whose every
 * combination is excluded is skipped the same way. Bad input throws {@link InvalidMatrixException}
 * instead.
 *
 * @param combinations the combinations in order; empty exactly when skipped
 * @param skipReason why nothing runs, or null when not skipped
 */
public record FanOut(List<Combination> combinations, String skipReason) {

  public FanOut {
    combinations = List.copyOf(combinations);
    if ((skipReason == null) == combinations.isEmpty()) {
      throw new IllegalArgumentException("a fan-out is skipped exactly when it has no combinations");
    }
  }

  public static FanOut of(List<Combination> combinations) {
    return new FanOut(combinations, null);
  }

  public static FanOut skipped(String reason) {
    return new FanOut(List.of(), reason);
  }

  /** True when nothing runs (see {@link #skipReason()}). */
  public boolean isSkipped() {
    return skipReason != null;
  }

  /** Why nothing runs, when {@link #isSkipped()}. */
  public Optional<String> reason() {
    return Optional.ofNullable(skipReason);
  }

  /** The number of combinations (0 when skipped). */
  public int size() {
    return combinations.size();
  }
}
