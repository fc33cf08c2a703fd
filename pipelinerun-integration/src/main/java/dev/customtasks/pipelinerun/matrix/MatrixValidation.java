package dev.customtasks.pipelinerun.matrix;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.pipelinerun.substitution.Bindings;
import dev.customtasks.pipelinerun.substitution.Reference;
import dev.customtasks.pipelinerun.substitution.References;
import dev.customtasks.pipelinerun.substitution.UnresolvedReferenceException;
import dev.customtasks.pipelinerun.validation.InvalidPipelineException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The checks Tekton makes of a pipeline's matrices before a run starts, each failing the run with
 * {@code PipelineValidationFailed} (Tekton's {@code validateMatrix} and
 * {@code validateTaskResultsFromMatrixedPipelineTasksConsumed} in
 * {@code pkg/apis/pipeline/v1/pipeline_validation.go}, {@code validateCombinationsCount} and
 * {@code validateUniqueParams} in {@code matrix_types.go}).
 */
public final class MatrixValidation {

  private MatrixValidation() {
  }

  /**
   * One task's matrix: its shape, unique param names within {@code matrix.params} and within each
   * include entry, and no param both in the matrix and in {@code params}.
   */
  public static void validate(PipelineTask task) {
    Optional<PipelineMatrix> found = PipelineMatrix.of(task);
    if (found.isEmpty()) {
      return;
    }
    PipelineMatrix matrix = found.get();
    String where = "pipeline task \"" + task.getName() + "\": ";
    unique(matrix.params(), where + "matrix.params");
    for (int i = 0; i < matrix.include().size(); i++) {
      unique(matrix.include().get(i).params(), where + "matrix.include[" + i + "].params");
    }
    Set<String> matrixNames = matrix.names();
    if (task.getParams() != null) {
      for (Param p : task.getParams()) {
        if (matrixNames.contains(p.getName())) {
          fail(where + "expected exactly one, got both: matrix[" + p.getName() + "], params[" + p.getName() + "]");
        }
      }
    }
  }

  /**
   * A matrixed task's results are consumed whole, with {@code [*]}, in the params of the tasks of
   * the same section ({@code tasks} or {@code finally}; Tekton looks no further).
   */
  public static void validateConsumers(List<PipelineTask> section) {
    Set<String> matrixed = new HashSet<>();
    section.stream().filter(PipelineTask::isMatrixed).forEach(t -> matrixed.add(t.getName()));
    for (PipelineTask task : section) {
      if (task.getParams() == null) {
        continue;
      }
      for (Param p : task.getParams()) {
        for (Reference ref : References.in(p.getValue())) {
          if (ref.source() == Reference.Source.TASK_RESULT && matrixed.contains(ref.name()) && !ref.isStar()) {
            fail("pipeline task \"" + task.getName() + "\": A matrixed pipelineTask can only be consumed in aggregate"
                + " using [*] notation, but is currently set to " + ref.text().substring(2, ref.text().length() - 1));
          }
        }
      }
    }
  }

  /**
   * The limit, for every matrix whose values are known before the run starts (written out, or from
   * the run's params and context): more combinations than {@code maxCombinations} fail the run
   * before anything is created. A matrix fed by task results is checked when its task starts.
   *
   * @throws InvalidPipelineException {@code PipelineValidationFailed} past the limit,
   *     {@code InvalidMatrixParameterTypes} for a matrix param that is not an array
   */
  public static void validateLimit(PipelineSpec spec, Map<String, ParamValue> params, Map<String, String> context,
      int maxCombinations) {
    Bindings bindings = new Bindings(params, Map.of(), Map.of(), null, context);
    Stream.concat(Optional.ofNullable(spec.getTasks()).orElse(List.of()).stream(),
        Optional.ofNullable(spec.getFinally()).orElse(List.of()).stream()).forEach(task ->
        PipelineMatrix.of(task).ifPresent(matrix -> {
          if (matrix.references().stream().anyMatch(r -> r.source() != Reference.Source.PARAM
              && r.source() != Reference.Source.CONTEXT)) {
            return;
          }
          PipelineMatrix resolved;
          try {
            resolved = matrix.resolve(bindings);
          } catch (UnresolvedReferenceException e) {
            return;
          }
          MatrixPlan.fanOut(task.getName(), resolved, maxCombinations);
        }));
  }

  private static void unique(List<Param> params, String field) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < params.size(); i++) {
      if (!seen.add(params.get(i).getName())) {
        fail(field + "[" + i + "].name: parameter names must be unique, the parameter \"" + params.get(i).getName()
            + "\" is also defined at");
      }
    }
  }

  private static void fail(String message) {
    throw new InvalidPipelineException(PipelineRunReason.FAILED_VALIDATION, message);
  }
}
