package dev.customtasks.pipelinerun.matrix;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.crds.matrix.MatrixInput;
import dev.customtasks.pipelinerun.substitution.Bindings;
import dev.customtasks.pipelinerun.substitution.Reference;
import dev.customtasks.pipelinerun.substitution.References;
import dev.customtasks.pipelinerun.substitution.Substitution;
import dev.customtasks.pipelinerun.validation.InvalidPipelineException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline task's {@code matrix} as written: {@code params} (each an array, or a whole
 * {@code $(params.x[*])} / {@code $(tasks.t.results.r[*])} reference to one) and {@code include}
 * entries (an optional name and string params). The shape of Tekton's {@code Matrix}
 * ({@code pkg/apis/pipeline/v1/matrix_types.go}); Tekton has no {@code exclude}.
 *
 * @param params the matrix params in declaration order, values not yet substituted
 * @param include the include entries in order
 */
public record PipelineMatrix(List<Param> params, List<Include> include) {

  /**
   * One of {@code matrix.include}.
   *
   * @param name the entry's name, empty when it has none; it may use {@code $(params.…)}
   * @param params its string params
   */
  public record Include(String name, List<Param> params) {
    public Include {
      name = name == null ? "" : name;
      params = List.copyOf(params);
    }
  }

  public PipelineMatrix {
    params = List.copyOf(params);
    include = List.copyOf(include);
  }

  /**
   * The matrix of a task, when it is matrixed (Tekton's {@code IsMatrixed}: params or include
   * non-empty).
   *
   * @throws InvalidPipelineException ({@code PipelineValidationFailed}) naming the field, for a
   *     matrix whose shape is not Tekton's
   */
  public static Optional<PipelineMatrix> of(PipelineTask task) {
    if (!task.isMatrixed()) {
      return Optional.empty();
    }
    Map<String, Object> matrix = task.getMatrix();
    String where = "pipeline task \"" + task.getName() + "\": ";
    List<Param> params = new ArrayList<>();
    List<?> rawParams = list(matrix.get("params"), where + "matrix.params");
    for (int i = 0; i < rawParams.size(); i++) {
      String field = "matrix.params[" + i + "]";
      Map<?, ?> entry = map(rawParams.get(i), where + field);
      params.add(new Param(name(entry, where + field), value(entry.get("value"), where + field + ".value", true)));
    }
    List<Include> include = new ArrayList<>();
    List<?> rawInclude = list(matrix.get("include"), where + "matrix.include");
    for (int i = 0; i < rawInclude.size(); i++) {
      String field = "matrix.include[" + i + "]";
      Map<?, ?> entry = map(rawInclude.get(i), where + field);
      List<Param> includeParams = new ArrayList<>();
      List<?> raw = list(entry.get("params"), where + field + ".params");
      for (int j = 0; j < raw.size(); j++) {
        String paramField = field + ".params[" + j + "]";
        Map<?, ?> p = map(raw.get(j), where + paramField);
        includeParams.add(new Param(name(p, where + paramField), value(p.get("value"), where + paramField + ".value",
            false)));
      }
      Object name = entry.get("name");
      include.add(new Include(name == null ? "" : String.valueOf(name), includeParams));
    }
    return Optional.of(new PipelineMatrix(params, include));
  }

  /** Every param name the matrix gives a child: its params' and its include entries', in order. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    params.forEach(p -> names.add(p.getName()));
    include.forEach(i -> i.params().forEach(p -> names.add(p.getName())));
    return names;
  }

  /** The variables the matrix uses, in its params and include values (not in include names). */
  public List<Reference> references() {
    List<Reference> found = new ArrayList<>();
    params.forEach(p -> found.addAll(References.in(p.getValue())));
    include.forEach(i -> i.params().forEach(p -> found.addAll(References.in(p.getValue()))));
    return found;
  }

  /** The matrix with {@code change} applied to every param value (its params' and its include entries'). */
  public PipelineMatrix map(java.util.function.UnaryOperator<ParamValue> change) {
    return new PipelineMatrix(params.stream().map(p -> new Param(p.getName(), change.apply(p.getValue()))).toList(),
        include.stream().map(i -> new Include(i.name(), i.params().stream()
            .map(p -> new Param(p.getName(), change.apply(p.getValue()))).toList())).toList());
  }

  /**
   * The matrix with its variables substituted: an array param's {@code $(…[*])} items spread, a
   * whole {@code $(…[*])} string becomes the array, include values inline.
   *
   * @throws dev.customtasks.pipelinerun.substitution.UnresolvedReferenceException for a variable
   *     without a value
   */
  public PipelineMatrix resolve(Bindings bindings) {
    List<Param> resolved = params.stream()
        .map(p -> new Param(p.getName(), Substitution.apply(p.getValue(), bindings))).toList();
    List<Include> resolvedInclude = include.stream().map(i -> new Include(i.name(), i.params().stream()
        .map(p -> new Param(p.getName(), ParamValue.of(Substitution.inline(p.getValue().asString(), bindings))))
        .toList())).toList();
    return new PipelineMatrix(resolved, resolvedInclude);
  }

  /**
   * The engine's input, once every matrix param is an array.
   *
   * @throws InvalidPipelineException ({@code InvalidMatrixParameterTypes}, as Tekton's
   *     {@code ValidateParameterTypesInMatrix}) when a param is still not an array
   */
  public MatrixInput toInput(String task) {
    MatrixInput.Builder builder = MatrixInput.builder();
    for (Param p : params) {
      if (p.getValue().type() != ParamValue.Type.ARRAY) {
        throw new InvalidPipelineException(PipelineRunReason.INVALID_MATRIX_PARAMETER_TYPES,
            "Failed to validate matrix \"" + task + "\" with error parameters of type array only are allowed, but"
                + " param \"" + p.getName() + "\" has type \"" + p.getValue().type().wireName() + "\" in pipelineTask \""
                + task + "\"");
      }
      builder.param(p.getName(), p.getValue().asArray());
    }
    for (Include i : include) {
      builder.include(new MatrixInput.Include(i.name(), i.params().stream()
          .map(p -> new MatrixInput.Value(p.getName(), p.getValue().asString())).toList()));
    }
    return builder.build();
  }

  private static List<?> list(Object value, String field) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list;
    }
    throw invalid(field + " must be a list");
  }

  private static Map<?, ?> map(Object value, String field) {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw invalid(field + " must be an object with a name and a value");
  }

  private static String name(Map<?, ?> entry, String field) {
    Object name = entry.get("name");
    if (name == null || String.valueOf(name).isBlank()) {
      throw invalid(field + ".name: missing field(s)");
    }
    return String.valueOf(name);
  }

  /** Matrix params are arrays (or a whole reference to one); include params are strings. */
  private static ParamValue value(Object raw, String field, boolean array) {
    if (raw == null) {
      throw invalid(field + ": missing field(s)");
    }
    if (raw instanceof List<?> items) {
      if (!array) {
        throw invalid(field + ": matrix include params must be strings");
      }
      return ParamValue.ofArray(items.stream().map(String::valueOf).toList());
    }
    if (raw instanceof Map<?, ?>) {
      throw invalid(field + ": matrix params cannot be objects");
    }
    return ParamValue.of(String.valueOf(raw));
  }

  private static InvalidPipelineException invalid(String message) {
    return new InvalidPipelineException(PipelineRunReason.FAILED_VALIDATION, message);
  }
}
