package dev.customtasks.crds.matrix;

/**
 * How {@link MatrixExpander} applies {@code include} entries in the two cases where Tekton's docs
 * and Tekton's code disagree. Everything else (order, include-only matrices, names, skips) is the
 * same under both rules.
 */
public enum IncludeRule {

  /**
   * The rule {@code docs/matrix.md} describes (and GitHub Actions has): an include fits a
   * combination when it agrees with the combination's <em>matrix</em> values, and may replace a
   * value an earlier include added; an include that fits no combination is appended. The
   * {@code Matrix} custom task uses this rule.
   */
  DOCUMENTED,

  /**
   * What Tekton's code does ({@code Matrix.FanOut} in {@code pkg/apis/pipeline/v1/matrix_types.go},
   * tektoncd/pipeline), for a PipelineRun controller that must create exactly Tekton's children:
   * an include fits a combination when it agrees with every value the combination has so far,
   * values added by earlier includes included ({@code Combination.contains}), so one that disagrees
   * with an added value is not applied; and an include is appended only when no combination, the
   * ones appended before it included, shares any single name and value with it
   * ({@code shouldAddNewCombination}), so one that shares a value but fits nowhere is dropped.
   */
  TEKTON_CODE
}
