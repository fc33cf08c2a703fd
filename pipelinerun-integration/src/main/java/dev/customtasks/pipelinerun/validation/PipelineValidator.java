package dev.customtasks.pipelinerun.validation;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.ParamSpec;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.PipelineSpecValidation;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.crds.api.pipeline.TaskResult;
import dev.customtasks.crds.api.pipeline.WhenExpression;
import dev.customtasks.pipelinerun.cel.CelWhen;
import dev.customtasks.pipelinerun.matrix.MatrixValidation;
import dev.customtasks.pipelinerun.substitution.Reference;
import dev.customtasks.pipelinerun.substitution.References;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a pipeline and the params a run gives it before anything is created, so that a bad
 * pipeline fails its run at once with a Tekton reason and a message naming the task and field.
 * The graph itself (unknown {@code runAfter}, cycles) is checked by {@code PipelineGraph}.
 */
public final class PipelineValidator {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private PipelineValidator() {
  }

  /**
   * {@link #validate(PipelineSpec)} after the enum-like fields Tekton's webhook checks
   * ({@link PipelineSpecValidation}), which a cluster without the webhook lets through: a misspelt
   * {@code onError} or {@code when} operator fails the run naming the field's path, never runs as if
   * absent.
   *
   * @param pipelineRef the name of the Pipeline the run references; empty for an embedded
   *     {@code spec.pipelineSpec}, whose paths then start there
   */
  public static void validate(PipelineSpec spec, Optional<String> pipelineRef) {
    PipelineSpecValidation.problem(spec, pipelineRef.isPresent() ? "spec" : "spec.pipelineSpec")
        .ifPresent(problem -> fail(pipelineRef.map(name -> "Pipeline \"" + name + "\": ").orElse("") + problem));
    validate(spec);
  }

  public static void validate(PipelineSpec spec) {
    List<PipelineTask> tasks = spec.getTasks() == null ? List.of() : spec.getTasks();
    List<PipelineTask> finallyTasks = spec.getFinally() == null ? List.of() : spec.getFinally();
    if (tasks.isEmpty()) {
      fail("the pipeline has no tasks");
    }
    if (spec.getParams() != null) {
      for (ParamSpec p : spec.getParams()) {
        if (p.getDefault() != null) {
          p.getDefault().problem().ifPresent(problem -> fail("param \"" + p.getName() + "\" default: " + problem));
        }
      }
    }
    Set<String> names = new HashSet<>();
    Map<String, PipelineTask> byName = new LinkedHashMap<>();
    Stream.concat(tasks.stream(), finallyTasks.stream()).forEach(task -> {
      String name = task.getName();
      if (name == null || name.isBlank()) {
        fail("a pipeline task has no name");
      }
      if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
        fail("pipeline task name \"" + name + "\" must be a DNS-1123 label: lower case letters, digits and '-',"
            + " at most 63 characters");
      }
      if (!names.add(name)) {
        fail("pipeline task name \"" + name + "\" is used more than once");
      }
      byName.put(name, task);
      validateTask(task);
    });
    MatrixValidation.validateConsumers(tasks);
    MatrixValidation.validateConsumers(finallyTasks);
    Set<String> dagNames = new HashSet<>();
    tasks.forEach(t -> dagNames.add(t.getName()));
    for (PipelineTask task : finallyTasks) {
      if (task.getRunAfter() != null && !task.getRunAfter().isEmpty()) {
        fail("finally task \"" + task.getName() + "\": runAfter is not allowed in finally tasks");
      }
    }
    for (PipelineTask task : Stream.concat(tasks.stream(), finallyTasks.stream()).toList()) {
      boolean isFinally = !dagNames.contains(task.getName());
      for (Reference ref : References.in(task)) {
        validateReference(task, ref, byName, dagNames, isFinally);
      }
    }
    if (spec.getResults() != null) {
      for (var result : spec.getResults()) {
        for (Reference ref : References.in(result.getValue())) {
          if (ref.source() == Reference.Source.TASK_RESULT && !byName.containsKey(ref.name())) {
            throw new InvalidPipelineException(PipelineRunReason.INVALID_PIPELINE_RESULT_REFERENCE,
                "pipeline result \"" + result.getName() + "\": " + ref.text() + " refers to unknown task \""
                    + ref.name() + "\"");
          }
        }
      }
    }
  }

  private static void validateTask(PipelineTask task) {
    boolean hasRef = task.getTaskRef() != null;
    boolean hasSpec = task.getTaskSpec() != null;
    if (hasRef == hasSpec) {
      fail("pipeline task \"" + task.getName() + "\": exactly one of taskRef or taskSpec is required");
    }
    if (hasRef && !task.isCustomTask() && (task.getTaskRef().getName() == null
        || task.getTaskRef().getName().isBlank())) {
      fail("pipeline task \"" + task.getName() + "\": taskRef needs a name, or an apiVersion and kind for a custom task");
    }
    MatrixValidation.validate(task);
    if (task.getTimeout() != null) {
      try {
        task.timeoutDuration();
      } catch (IllegalArgumentException e) {
        fail("pipeline task \"" + task.getName() + "\" timeout: " + e.getMessage());
      }
    }
    if (task.getRetries() != null && task.getRetries() < 0) {
      fail("pipeline task \"" + task.getName() + "\": retries must not be negative, got " + task.getRetries());
    }
    OnErrorRule.check(task).ifPresent(PipelineValidator::fail);
    Set<String> paramNames = new HashSet<>();
    if (task.getParams() != null) {
      for (Param p : task.getParams()) {
        if (p.getName() == null || p.getName().isBlank()) {
          fail("pipeline task \"" + task.getName() + "\": a param has no name");
        }
        if (!paramNames.add(p.getName())) {
          fail("pipeline task \"" + task.getName() + "\": param \"" + p.getName() + "\" is given more than once");
        }
        if (p.getValue() == null) {
          fail("pipeline task \"" + task.getName() + "\": param \"" + p.getName() + "\" has no value");
        }
        p.getValue().problem().ifPresent(problem -> fail("pipeline task \"" + task.getName() + "\": param \""
            + p.getName() + "\": " + problem));
      }
    }
    if (task.getWhen() != null) {
      for (WhenExpression when : task.getWhen()) {
        if (CelWhen.isCel(when)) {
          CelWhen.validate(task.getName(), when);
          continue;
        }
        if (when.getInput() == null || !PipelineSpecValidation.WHEN_OPERATORS.allows(when.getOperator())
            || when.getValues() == null || when.getValues().isEmpty()) {
          fail("pipeline task \"" + task.getName() + "\": a when expression needs an input, operator \"in\" or"
              + " \"notin\" and at least one value");
        }
      }
    }
  }

  private static void validateReference(PipelineTask task, Reference ref, Map<String, PipelineTask> byName,
      Set<String> dagNames, boolean isFinally) {
    String where = (isFinally ? "finally task \"" : "pipeline task \"") + task.getName() + "\": ";
    switch (ref.source()) {
      case TASK_RESULT -> {
        PipelineTask producer = byName.get(ref.name());
        if (producer == null || !dagNames.contains(ref.name())) {
          throw new InvalidPipelineException(PipelineRunReason.INVALID_TASK_RESULT_REFERENCE, where + ref.text()
              + " refers to " + (producer == null ? "unknown task \"" : "finally task \"") + ref.name() + "\"");
        }
        declaredResults(producer).ifPresent(declared -> {
          if (!declared.contains(ref.result())) {
            throw new InvalidPipelineException(PipelineRunReason.INVALID_TASK_RESULT_REFERENCE, where + ref.text()
                + " refers to result \"" + ref.result() + "\", which task \"" + ref.name() + "\" does not declare");
          }
        });
      }
      case TASK_STATUS, TASKS_STATUS -> {
        if (!isFinally) {
          fail(where + ref.text() + " can only be used in finally tasks");
        }
        if (ref.source() == Reference.Source.TASK_STATUS && !dagNames.contains(ref.name())) {
          fail(where + ref.text() + " refers to unknown task \"" + ref.name() + "\"");
        }
      }
      default -> {
      }
    }
  }

  /** The results an embedded ordinary task declares; unknown (empty) for custom tasks and references. */
  private static Optional<Set<String>> declaredResults(PipelineTask task) {
    if (task.getTaskSpec() == null || task.isCustomTask() || task.getTaskSpec().getResults() == null) {
      return Optional.empty();
    }
    Set<String> names = new HashSet<>();
    for (TaskResult r : task.getTaskSpec().getResults()) {
      names.add(r.getName());
    }
    return Optional.of(names);
  }

  /**
   * The run's params with the pipeline's defaults applied, checked against the declared names and
   * types: missing required params ({@code ParameterMissing}), wrong shapes
   * ({@code ParameterTypeMismatch}), a given value outside the param's enum ({@code InvalidParamValue}).
   */
  public static Map<String, ParamValue> effectiveParams(PipelineSpec spec, List<Param> given) {
    Map<String, ParamValue> values = new LinkedHashMap<>();
    Map<String, ParamSpec> declared = new LinkedHashMap<>();
    Set<String> givenNames = new HashSet<>();
    if (spec.getParams() != null) {
      for (ParamSpec p : spec.getParams()) {
        declared.put(p.getName(), p);
        if (p.getDefault() != null) {
          values.put(p.getName(), p.getDefault());
        }
      }
    }
    if (given != null) {
      for (Param p : given) {
        if (p.getValue() == null) {
          throw new InvalidPipelineException(PipelineRunReason.PARAMETER_MISSING, "param \"" + p.getName()
              + "\" has no value");
        }
        if (p.getValue().problem().isPresent()) {
          throw new InvalidPipelineException(PipelineRunReason.PARAMETER_TYPE_MISMATCH, "param \"" + p.getName()
              + "\": " + p.getValue().problem().get());
        }
        values.put(p.getName(), p.getValue());
        givenNames.add(p.getName());
      }
    }
    List<String> missing = declared.keySet().stream().filter(n -> !values.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidPipelineException(PipelineRunReason.PARAMETER_MISSING,
          "PipelineRun missing parameters: " + missing);
    }
    for (ParamSpec p : declared.values()) {
      String expected = p.getType() == null ? "string" : p.getType();
      ParamValue value = values.get(p.getName());
      if (!value.type().wireName().equals(expected)) {
        throw new InvalidPipelineException(PipelineRunReason.PARAMETER_TYPE_MISMATCH, "param \"" + p.getName()
            + "\" is declared as " + expected + " but was given " + value.type().wireName());
      }
      if (p.getEnum() != null && !p.getEnum().isEmpty() && value.type() == ParamValue.Type.STRING
          && !p.getEnum().contains(value.asString())) {
        // As Tekton: a value the run gives is InvalidParamValue; a default outside its enum is a bad pipeline.
        throw new InvalidPipelineException(givenNames.contains(p.getName()) ? PipelineRunReason.INVALID_PARAM_VALUE
            : PipelineRunReason.FAILED_VALIDATION, "param \"" + p.getName() + "\": \"" + value.asString()
            + "\" is not one of " + p.getEnum());
      }
    }
    return values;
  }

  private static void fail(String message) {
    throw new InvalidPipelineException(PipelineRunReason.FAILED_VALIDATION, message);
  }
}
