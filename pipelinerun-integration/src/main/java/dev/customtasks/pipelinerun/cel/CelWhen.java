package dev.customtasks.pipelinerun.cel;

import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.WhenExpression;
import dev.customtasks.crds.cel.CelEvaluator;
import dev.customtasks.crds.cel.CelExpressionException;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.pipelinerun.substitution.Bindings;
import dev.customtasks.pipelinerun.substitution.Reference;
import dev.customtasks.pipelinerun.substitution.References;
import dev.customtasks.pipelinerun.substitution.UnresolvedReferenceException;
import dev.customtasks.pipelinerun.substitution.Substitution;
import dev.customtasks.pipelinerun.validation.InvalidPipelineException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
 *       ({@code Error evaluating CEL <run>: <error>}). An expression that uses only params and
 *       context is evaluated once before anything starts too, so that it fails the run at once.</li>
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

  /**
   * Evaluates, before anything starts, every CEL {@code when} that uses only params and context,
   * as Tekton evaluates them at every reconcile once params are applied: one that fails fails the
   * run at once ({@code CELEvaluationFailed}) rather than when its task is due. Whether it holds
   * is decided when its task is due, as for every {@code when}.
   *
   * @throws InvalidPipelineException {@code CELEvaluationFailed}
   */
  public static void evaluateUpFront(PipelineSpec spec, Map<String, ParamValue> params, Map<String, String> context,
      String runName) {
    Bindings bindings = new Bindings(params, Map.of(), Map.of(), null, context);
    Stream.concat(Optional.ofNullable(spec.getTasks()).orElse(List.of()).stream(),
            Optional.ofNullable(spec.getFinally()).orElse(List.of()).stream())
        .filter(task -> task.getWhen() != null)
        .flatMap(task -> task.getWhen().stream())
        .filter(CelWhen::isCel)
        .filter(when -> References.in(when.getCel()).stream().allMatch(r -> r.source() == Reference.Source.PARAM
            || r.source() == Reference.Source.CONTEXT))
        .forEach(when -> {
          try {
            holds(runName, when.getCel(), bindings);
          } catch (UnresolvedReferenceException e) {
            // Known only when its task is due (e.g. $(context.pipelineTask.retries)).
          }
        });
  }

  private static String describe(WhenExpression when) {
    return "{" + nullToEmpty(when.getInput()) + " " + nullToEmpty(when.getOperator()) + " " + when.getValues() + " "
        + when.getCel() + "}";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
