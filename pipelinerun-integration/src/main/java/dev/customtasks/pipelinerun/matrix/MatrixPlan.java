package dev.customtasks.pipelinerun.matrix;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.crds.api.pipeline.SkippingReason;
import dev.customtasks.crds.matrix.Combination;
import dev.customtasks.crds.matrix.FanOut;
import dev.customtasks.crds.matrix.IncludeRule;
import dev.customtasks.crds.matrix.InvalidMatrixException;
import dev.customtasks.crds.matrix.MatrixExpander;
import dev.customtasks.pipelinerun.substitution.Bindings;
import dev.customtasks.pipelinerun.substitution.Reference;
import dev.customtasks.pipelinerun.substitution.References;
import dev.customtasks.pipelinerun.substitution.Substitution;
import dev.customtasks.pipelinerun.substitution.UnresolvedReferenceException;
import dev.customtasks.pipelinerun.validation.InvalidPipelineException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a matrixed pipeline task starts: one {@link MatrixChild} per combination, in the order
 * Tekton's code fans out ({@link IncludeRule#TEKTON_CODE}), or a skip when a matrix param is an
 * empty array ({@code Matrix Parameters have an empty array}, as Tekton's
 * {@code skipBecauseEmptyArrayInMatrixParams} in
 * {@code pkg/reconciler/pipelinerun/resources/pipelinerunresolution.go}). Pure.
 *
 * @param children the children in index order; empty exactly when skipped
 * @param skipReason Tekton's skipping reason, or empty
 */
public record MatrixPlan(List<MatrixChild> children, Optional<String> skipReason) {

  /** Tekton's {@code default-max-matrix-combinations-count}. */
  public static final int DEFAULT_MAX_COMBINATIONS = MatrixExpander.DEFAULT_MAX_COMBINATIONS;

  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([^()]+)\\)");

  public MatrixPlan {
    children = List.copyOf(children);
  }

  public boolean isSkipped() {
    return skipReason.isPresent();
  }

  /**
   * Fans out a matrixed task whose variables can be resolved now.
   *
   * @param task the pipeline task (its {@code displayName} is substituted per child)
   * @param matrix its matrix, already {@linkplain PipelineMatrix#resolve resolved}
   * @param taskParams the task's own params, already resolved; every child gets them after its
   *     combination
   * @param bindings for the results and context in the display name
   * @param maxCombinations the most children allowed
   * @throws InvalidPipelineException {@code PipelineValidationFailed} past the limit, or
   *     {@code InvalidMatrixParameterTypes} when a matrix param is not an array
   */
  public static MatrixPlan of(PipelineTask task, PipelineMatrix matrix, List<Param> taskParams, Bindings bindings,
      int maxCombinations) {
    FanOut fanOut = fanOut(task.getName(), matrix, maxCombinations);
    if (fanOut.isSkipped()) {
      return new MatrixPlan(List.of(), Optional.of(SkippingReason.EMPTY_ARRAY_IN_MATRIX_PARAMS));
    }
    List<MatrixChild> children = new ArrayList<>();
    for (int i = 0; i < fanOut.size(); i++) {
      Combination combination = fanOut.combinations().get(i);
      List<Param> params = new ArrayList<>();
      combination.params().forEach((name, value) -> params.add(Param.of(name, value)));
      params.addAll(taskParams);
      children.add(new MatrixChild(i, params, displayName(task, combination, params, bindings)));
    }
    return new MatrixPlan(children, Optional.empty());
  }

  /**
   * The fan-out of a resolved matrix, with the limit.
   *
   * @throws InvalidPipelineException as {@link #of}
   */
  public static FanOut fanOut(String task, PipelineMatrix matrix, int maxCombinations) {
    try {
      return MatrixExpander.expand(matrix.toInput(task), maxCombinations, IncludeRule.TEKTON_CODE);
    } catch (InvalidMatrixException e) {
      throw new InvalidPipelineException(PipelineRunReason.FAILED_VALIDATION, "pipeline task \"" + task + "\": "
          + e.getMessage());
    }
  }

  /**
   * Tekton's {@code getDisplayName} ({@code pkg/reconciler/pipelinerun/resources/pipelinerunstate.go}):
   * the task's {@code displayName} with the child's string params substituted; replaced, when named
   * include entries fit the child, by their names (each substituted the same way) joined with a space.
   */
  static Optional<String> displayName(PipelineTask task, Combination combination, List<Param> params,
      Bindings bindings) {
    Map<String, String> strings = new HashMap<>();
    params.stream().filter(p -> p.getValue().type() == ParamValue.Type.STRING)
        .forEach(p -> strings.put(p.getName(), p.getValue().asString()));
    Optional<String> name = Optional.empty();
    if (task.getDisplayName() != null && !task.getDisplayName().isEmpty()) {
      name = Optional.of(substitute(task.getDisplayName(), strings, bindings));
    }
    if (!combination.includeNames().isEmpty()) {
      name = Optional.of(String.join(" ", combination.includeNames().stream()
          .map(n -> substitute(n, strings, null)).toList()));
    }
    return name;
  }

  /**
   * Replaces what it can: the child's string params, then (with {@code bindings}) results and
   * context; the rest stays as written. An include's name gets only the child's params.
   */
  private static String substitute(String text, Map<String, String> params, Bindings bindings) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = m.group(0);
      Optional<Reference> ref = References.whole(m.group(0));
      if (ref.isPresent() && ref.get().source() == Reference.Source.PARAM) {
        String value = params.get(ref.get().name());
        if (value != null && ref.get().selector() instanceof Reference.Selector.Whole) {
          replacement = value;
        }
      } else if (ref.isPresent() && bindings != null) {
        try {
          ParamValue value = Substitution.resolve(ref.get(), bindings);
          if (value.type() == ParamValue.Type.STRING) {
            replacement = value.asString();
          }
        } catch (UnresolvedReferenceException e) {
          // Left as written, as Tekton leaves a variable it has no replacement for.
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
