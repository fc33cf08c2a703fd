package dev.customtasks.pipelinerun.cel;

import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.WhenExpression;
import dev.customtasks.crds.cel.CelEvaluator;
import dev.customtasks.crds.cel.CelExpressionException;
import dev.customtasks.pipelinerun.substitution.Bindings;
import dev.customtasks.pipelinerun.substitution.Substitution;
import dev.customtasks.pipelinerun.validation.InvalidPipelineException;

/**
 * A {@code when} expression written in CEL ({@code cel: "'$(params.branch)' == 'main'"}), as Tekton
 * treats it: no CEL variables at all; Tekton's own {@code $(…)} variables are substituted into the
 * text first, so a reference to a string is written inside quotes.
 *
 * <ul>
 *   <li>Validation compiles the text as written, variables and all (Tekton's
 *       {@code validateWhenExpressionFields} in {@code pkg/apis/pipeline/v1/when_validation.go}):
 *       an expression that does not compile, or one that also sets {@code input}, {@code operator}
 *       or {@code values}, fails the run with {@code PipelineValidationFailed}.</li>
 *   <li>Evaluation substitutes params, results and context, compiles and runs the expression
 *       ({@code EvaluateCEL} in {@code pkg/reconciler/pipelinerun/resources/pipelinerunresolution.go}):
 *       a result that is not a bool, or any error, fails the run with {@code CELEvaluationFailed}
 *       ({@code Error evaluating CEL <run>: <error>}).</li>
 * </ul>
 */
public final class CelWhen {

  private static final CelEvaluator EVALUATOR = new CelEvaluator();

  private CelWhen() {
  }

  /** Whether a when expression is a CEL one. */
  public static boolean isCel(WhenExpression when) {
    return when.getCel() != null && !when.getCel().isEmpty();
  }

  /**
   * @throws InvalidPipelineException {@code PipelineValidationFailed}, with Tekton's messages
   */
  public static void validate(String task, WhenExpression when) {
    String where = "pipeline task \"" + task + "\": when: ";
    if (when.getInput() != null && !when.getInput().isEmpty() || when.getOperator() != null
        && !when.getOperator().isEmpty() || when.getValues() != null && !when.getValues().isEmpty()) {
      throw new InvalidPipelineException(PipelineRunReason.FAILED_VALIDATION, where
          + "cel and input+operator+values cannot be set in one WhenExpression: " + describe(when));
    }
    try {
      EVALUATOR.compile(when.getCel());
    } catch (CelExpressionException e) {
      throw new InvalidPipelineException(PipelineRunReason.FAILED_VALIDATION, where + "invalid cel expression: "
          + when.getCel() + " with err: " + e.getMessage());
    }
  }

  /**
   * Substitutes and evaluates.
   *
   * @throws dev.customtasks.pipelinerun.substitution.UnresolvedReferenceException for a variable
   *     without a value (a missing result)
   * @throws InvalidPipelineException {@code CELEvaluationFailed}
   */
  public static boolean holds(String runName, String cel, Bindings bindings) {
    String text = Substitution.inline(cel, bindings);
    try {
      return EVALUATOR.evaluate(text);
    } catch (CelExpressionException e) {
      throw new InvalidPipelineException(PipelineRunReason.CEL_EVALUATION_FAILED, "Error evaluating CEL " + runName
          + ": " + e.getMessage());
    }
  }

  private static String describe(WhenExpression when) {
    return "{" + nullToEmpty(when.getInput()) + " " + nullToEmpty(when.getOperator()) + " " + when.getValues() + " "
        + when.getCel() + "}";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
