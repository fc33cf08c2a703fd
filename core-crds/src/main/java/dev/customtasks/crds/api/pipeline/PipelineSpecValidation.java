package dev.customtasks.crds.api.pipeline;

import dev.customtasks.crds.api.AllowedValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The enum-like fields of a Pipeline's or Task's spec that Tekton's webhook refuses a value of,
 * with its messages (knative's {@code FieldError} wording, each problem on its own lines, the full
 * path from the object's root): a pipeline task's or finally task's {@code onError}
 * ({@code pipeline_validation.go}, {@code ValidateOnError}), a {@code when} expression's
 * {@code operator} ({@code when_validation.go}), a declared param's {@code type}
 * ({@code task_validation.go}, {@code ValidateType}), a task result's {@code type}
 * ({@code result_validation.go}) and a step's {@code onError} ({@code container_validation.go}),
 * in embedded task specs and embedded pipelines too.
 *
 * <p>Where Tekton's message lists the values allowed it is kept; where it does not (a param's
 * {@code type}) or names fewer than are allowed (a result's {@code type}, whose details say
 * {@code type must be string}), the second line lists them all. Tekton reports a bad pipeline
 * param type at {@code spec.tasks.params.NAME.type}; here the path is the field's own,
 * {@code spec.params.NAME.type}. An {@code onError} that is a {@code $(params...)} reference is
 * resolved later and not checked here, as Tekton does not.
 */
public final class PipelineSpecValidation {

  /** {@code onError} of a pipeline task and of a step. */
  public static final AllowedValues ON_ERROR = AllowedValues.of(PipelineTask.ON_ERROR_CONTINUE,
      PipelineTask.ON_ERROR_STOP_AND_FAIL);
  /** A {@code when} expression's {@code operator}. */
  public static final AllowedValues WHEN_OPERATORS = AllowedValues.of(WhenExpression.IN, WhenExpression.NOT_IN);
  /** A declared param's {@code type}, and a task result's. */
  public static final AllowedValues TYPES = AllowedValues.of("string", "array", "object");

  private PipelineSpecValidation() {
  }

  /**
   * The problems of {@code spec}'s enum-like fields, one after another as knative joins them;
   * empty when there are none.
   *
   * @param at the path of {@code spec} in its object: {@code spec} for a Pipeline,
   *     {@code spec.pipelineSpec} for a PipelineRun's embedded pipeline
   */
  public static Optional<String> problem(PipelineSpec spec, String at) {
    List<String> problems = new ArrayList<>();
    pipeline(spec, at, problems);
    return joined(problems);
  }

  /** The problems of a Task's spec (or an embedded one at {@code at}), as {@link #problem(PipelineSpec, String)}. */
  public static Optional<String> problem(TaskSpec spec, String at) {
    List<String> problems = new ArrayList<>();
    task(spec, at, problems);
    return joined(problems);
  }

  private static Optional<String> joined(List<String> problems) {
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
  }

  private static void pipeline(PipelineSpec spec, String at, List<String> problems) {
    if (spec == null) {
      return;
    }
    params(spec.getParams(), at, problems);
    tasks(spec.getTasks(), at + ".tasks", problems);
    tasks(spec.getFinally(), at + ".finally", problems);
  }

  private static void tasks(List<PipelineTask> tasks, String at, List<String> problems) {
    if (tasks == null) {
      return;
    }
    for (int i = 0; i < tasks.size(); i++) {
      PipelineTask task = tasks.get(i);
      String path = at + "[" + i + "]";
      String onError = task.getOnError();
      if (onError != null && !onError.isEmpty() && !onError.startsWith("$(params.") && !ON_ERROR.allows(onError)) {
        problems.add("invalid value: " + onError + ": " + path + ".OnError\nPipelineTask OnError must be either "
            + ON_ERROR.quoted());
      }
      when(task.getWhen(), path + ".when", problems);
      if (task.getTaskSpec() != null && !task.isCustomTask()) {
        task(task.getTaskSpec(), path + ".taskSpec", problems);
      }
      pipeline(task.getPipelineSpec(), path + ".pipelineSpec", problems);
    }
  }

  private static void when(List<WhenExpression> expressions, String at, List<String> problems) {
    if (expressions == null) {
      return;
    }
    for (int i = 0; i < expressions.size(); i++) {
      WhenExpression when = expressions.get(i);
      boolean cel = when.getCel() != null && !when.getCel().isEmpty();
      boolean empty = (when.getInput() == null || when.getInput().isEmpty()) && (when.getOperator() == null
          || when.getOperator().isEmpty()) && (when.getValues() == null || when.getValues().isEmpty());
      if (!cel && !empty && !WHEN_OPERATORS.allows(when.getOperator())) {
        problems.add("invalid value: operator \"" + (when.getOperator() == null ? "" : when.getOperator())
            + "\" is not recognized. valid operators: " + String.join(",", WHEN_OPERATORS.values()) + ": " + at
            + "[" + i + "]");
      }
    }
  }

  private static void task(TaskSpec spec, String at, List<String> problems) {
    params(spec.getParams(), at, problems);
    List<TaskResult> results = spec.getResults();
    if (results != null) {
      for (int i = 0; i < results.size(); i++) {
        TYPES.problem(at + ".results[" + i + "].type", results.get(i).getType(), true).ifPresent(problems::add);
      }
    }
    List<Map<String, Object>> steps = spec.getSteps();
    if (steps != null) {
      for (int i = 0; i < steps.size(); i++) {
        Object onError = steps.get(i) == null ? null : steps.get(i).get("onError");
        String value = onError == null ? "" : String.valueOf(onError);
        if (!value.isEmpty() && !value.startsWith("$(params.") && !ON_ERROR.allows(value)) {
          problems.add("invalid value: \"" + value + "\": " + at + ".steps[" + i + "].onError\nTask step onError must "
              + "be either " + ON_ERROR.quoted());
        }
      }
    }
  }

  private static void params(List<ParamSpec> params, String at, List<String> problems) {
    if (params == null) {
      return;
    }
    for (ParamSpec p : params) {
      TYPES.problem(at + ".params." + p.getName() + ".type", p.getType(), true).ifPresent(problems::add);
    }
  }
}
