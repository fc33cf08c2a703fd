package dev.customtasks.matrix;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.child.ChildTarget;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.controller.TaskInput;
import dev.customtasks.crds.matrix.FanOut;
import dev.customtasks.crds.matrix.InvalidMatrixException;
import dev.customtasks.crds.matrix.MatrixExpander;
import dev.customtasks.crds.matrix.MatrixInput;
import dev.customtasks.matrix.api.MatrixSpec;
import dev.customtasks.matrix.api.MatrixSpec.ExcludeEntry;
import dev.customtasks.matrix.api.MatrixSpec.IncludeEntry;
import dev.customtasks.matrix.plan.ParamReferences;
import dev.customtasks.matrix.plan.ParamReferences.InvalidReferenceException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Matrix run's input into a {@link MatrixPlan}, naming the place and field of the first
 * problem.
 *
 * <p>Where the fields come from: a named {@code Matrix} object ({@code customRef.name}), then the
 * run's {@code customSpec.spec}, field by field, the later winning. The run's params are, by name:
 * <ul>
 *   <li>{@code maxParallel}, {@code failFast}, {@code taskRef} (an object param): the setting,
 *       overriding the spec's;</li>
 *   <li>any param the spec refers to with {@code $(params.name)}: a value for those references
 *       only (see {@link ParamReferences});</li>
 *   <li>any other param: passed as is to every child, replacing a {@code params} entry of the same
 *       name.</li>
 * </ul>
 */
final class MatrixSpecReader {

  /** The params that set a field of the spec rather than feed the children. */
  static final Set<String> SETTINGS = Set.of("maxParallel", "failFast", "taskRef");

  private final TaskInput input;
  private final int maxCombinations;
  private final Map<String, ParamValue> runParams;
  private final ParamReferences references;

  private MatrixSpecReader(TaskInput input, int maxCombinations) {
    this.input = input;
    this.maxCombinations = maxCombinations;
    this.runParams = input.params();
    this.references = new ParamReferences(runParams);
  }

  /**
   * @throws InvalidInputException {@code InvalidSpec} naming the field for a bad spec,
   *     {@code InvalidParams} naming the param for a bad param or reference
   */
  static MatrixPlan read(TaskInput input, int maxCombinations) {
    return new MatrixSpecReader(input, maxCombinations).read();
  }

  private MatrixPlan read() {
    MatrixSpec spec = settingsInput().decode(MatrixSpec.class);
    ChildTarget target = target(spec);
    if (spec.maxParallel() != null && spec.maxParallel() < 1) {
      throw invalid("maxParallel", "must be at least 1, got " + spec.maxParallel());
    }
    if (spec.matrix() == null) {
      throw invalid("matrix", "is required: the params (arrays) to fan out over, and/or include");
    }
    MatrixInput matrix = matrixInput(spec.matrix());
    List<Param> params = commonParams(spec.params(), matrix);
    FanOut fanOut;
    try {
      fanOut = MatrixExpander.expand(matrix, maxCombinations);
    } catch (InvalidMatrixException e) {
      throw invalid(e.field(), e.problem());
    }
    return new MatrixPlan(target, params, fanOut, spec.maxParallel(), Boolean.TRUE.equals(spec.failFast()),
        input.run().getSpec().getServiceAccountName());
  }

  /** The run's input with only the params that are settings, which {@link TaskInput#decode} merges into the spec. */
  private TaskInput settingsInput() {
    CustomRun copy = Serialization.clone(input.run());
    List<Param> settings = copy.getSpec().getParams() == null ? null : copy.getSpec().getParams().stream()
        .filter(p -> SETTINGS.contains(p.getName())).toList();
    copy.getSpec().setParams(settings == null || settings.isEmpty() ? null : settings);
    return new TaskInput(copy, input.kind(), input::namedObjectSpec);
  }

  private ChildTarget target(MatrixSpec spec) {
    if (spec.taskRef() == null && spec.taskSpec() == null) {
      throw invalid("taskRef", "one of taskRef or taskSpec is required: the task each combination runs");
    }
    if (spec.taskRef() != null && spec.taskSpec() != null) {
      throw invalid("taskSpec", "only one of taskRef or taskSpec may be given");
    }
    if (spec.taskSpec() != null) {
      return ChildTarget.of(null, spec.taskSpec());
    }
    TaskRef ref = spec.taskRef();
    String name = resolve("taskRef.name", ref.getName());
    boolean hasApiVersion = ref.getApiVersion() != null && !ref.getApiVersion().isBlank();
    boolean hasKind = ref.getKind() != null && !ref.getKind().isBlank();
    if (hasApiVersion && !hasKind) {
      throw invalid("taskRef.kind", "is required with taskRef.apiVersion (a custom task)");
    }
    if (!hasApiVersion && (name == null || name.isBlank()) && ref.getResolver() == null) {
      throw invalid("taskRef.name", "is required for a Task (or give apiVersion and kind of a custom task)");
    }
    TaskRef resolved = Serialization.clone(ref);
    resolved.setName(name);
    return ChildTarget.of(resolved, null);
  }

  private MatrixInput matrixInput(MatrixSpec.MatrixDefinition matrix) {
    List<MatrixInput.Param> params = new ArrayList<>();
    List<Param> given = orEmpty(matrix.params());
    for (int k = 0; k < given.size(); k++) {
      String field = "matrix.params[" + k + "]";
      Param param = given.get(k);
      if (param == null) {
        params.add(null);
        continue;
      }
      params.add(new MatrixInput.Param(param.getName(), dimension(field + ".value", param.getValue())));
    }
    List<MatrixInput.Include> include = new ArrayList<>();
    List<IncludeEntry> includes = orEmpty(matrix.include());
    for (int i = 0; i < includes.size(); i++) {
      IncludeEntry entry = includes.get(i);
      include.add(entry == null ? null
          : new MatrixInput.Include(entry.name(), strings("matrix.include[" + i + "]", entry.params())));
    }
    List<MatrixInput.Exclude> exclude = new ArrayList<>();
    List<ExcludeEntry> excludes = orEmpty(matrix.exclude());
    for (int e = 0; e < excludes.size(); e++) {
      ExcludeEntry entry = excludes.get(e);
      exclude.add(entry == null ? null : new MatrixInput.Exclude(strings("matrix.exclude[" + e + "]",
          entry.params())));
    }
    return new MatrixInput(params, include, exclude);
  }

  /** A dimension's values: an array (elements resolved), or a string that refers to a whole array param. */
  private List<String> dimension(String field, ParamValue value) {
    if (value == null) {
      throw invalid(field, "is required: an array of values, or $(params.name) of an array param");
    }
    problem(field, value);
    try {
      if (value.type() == ParamValue.Type.ARRAY) {
        return references.substituteAll(value.asArray());
      }
      if (value.type() == ParamValue.Type.STRING) {
        Optional<List<String>> array = references.wholeArray(value.asString());
        if (array.isPresent()) {
          return array.get();
        }
        references.substitute(value.asString());
      }
    } catch (InvalidReferenceException e) {
      throw badReference(field, e);
    }
    throw invalid(field, "expected an array of values, or $(params.name) of an array param, got "
        + (value.type() == ParamValue.Type.STRING ? "\"" + value.asString() + "\"" : "an object"));
  }

  private List<MatrixInput.Value> strings(String field, List<Param> params) {
    List<MatrixInput.Value> values = new ArrayList<>();
    List<Param> given = orEmpty(params);
    for (int j = 0; j < given.size(); j++) {
      Param param = given.get(j);
      if (param == null) {
        values.add(null);
        continue;
      }
      String at = field + ".params[" + j + "].value";
      ParamValue value = param.getValue();
      if (value != null) {
        problem(at, value);
        if (value.type() != ParamValue.Type.STRING) {
          throw invalid(at, "expected a string, got an " + value.type().wireName());
        }
      }
      values.add(new MatrixInput.Value(param.getName(), value == null ? null : resolve(at, value.asString())));
    }
    return values;
  }

  /**
   * The params every child gets: the spec's, resolved, then the run's params that are neither
   * settings nor referred to by the spec (replacing a spec param of the same name).
   */
  private List<Param> commonParams(List<Param> specParams, MatrixInput matrix) {
    Map<String, Integer> matrixNames = new HashMap<>();
    for (int k = 0; k < matrix.params().size(); k++) {
      MatrixInput.Param p = matrix.params().get(k);
      if (p != null && p.name() != null) {
        matrixNames.putIfAbsent(p.name(), k);
      }
    }
    Map<String, Param> byName = new LinkedHashMap<>();
    List<Param> given = orEmpty(specParams);
    for (int j = 0; j < given.size(); j++) {
      String field = "params[" + j + "]";
      Param param = given.get(j);
      if (param == null || param.getName() == null || param.getName().isBlank()) {
        throw invalid(field + ".name", "must not be empty");
      }
      if (byName.containsKey(param.getName())) {
        throw invalid(field + ".name", "duplicate param \"" + param.getName() + "\"");
      }
      if (matrixNames.containsKey(param.getName())) {
        throw invalid(field + ".name", "\"" + param.getName() + "\" is also matrix.params["
            + matrixNames.get(param.getName()) + "]: a param is either common or fanned out");
      }
      if (param.getValue() == null) {
        throw invalid(field + ".value", "is required");
      }
      problem(field + ".value", param.getValue());
      ParamValue value;
      try {
        value = references.resolve(param.getValue());
      } catch (InvalidReferenceException e) {
        throw badReference(field + ".value", e);
      }
      byName.put(param.getName(), new Param(param.getName(), value));
    }
    runParams.forEach((name, value) -> {
      if (SETTINGS.contains(name) || references.referenced().contains(name)) {
        return;
      }
      if (matrixNames.containsKey(name)) {
        throw InvalidInputException.param(name, "is also matrix.params[" + matrixNames.get(name)
            + "]; to fan out over it, write $(params." + name + ") as that dimension's value");
      }
      byName.put(name, new Param(name, value));
    });
    return List.copyOf(byName.values());
  }

  private String resolve(String field, String text) {
    try {
      return references.substitute(text);
    } catch (InvalidReferenceException e) {
      throw badReference(field, e);
    }
  }

  private void problem(String field, ParamValue value) {
    value.problem().ifPresent(p -> {
      throw invalid(field, p);
    });
  }

  private InvalidInputException badReference(String field, InvalidReferenceException e) {
    return InvalidInputException.param(e.param(), e.getMessage() + " (in " + place(field).prefix + field + ")");
  }

  private InvalidInputException invalid(String field, String problem) {
    Place place = place(field);
    return new InvalidInputException(place.reason, place.prefix + field + ": " + problem);
  }

  private record Place(String reason, String prefix) {
  }

  /** Where a field was given: the last of named object, customSpec and (for settings) params that has it. */
  private Place place(String field) {
    String top = field.split("[.\\[]", 2)[0];
    if (SETTINGS.contains(top) && runParams.containsKey(top)) {
      return new Place(Reasons.INVALID_PARAMS, "param ");
    }
    if (input.embeddedSpec().map(s -> s.containsKey(top)).orElse(false)) {
      return new Place(Reasons.INVALID_SPEC, "customSpec.spec.");
    }
    if (input.namedObjectSpec().isPresent()) {
      String name = input.run().getSpec().getCustomRef() == null ? "" : input.run().getSpec().getCustomRef().getName();
      return new Place(Reasons.INVALID_SPEC, input.kind().kind() + " \"" + name + "\" spec.");
    }
    if (input.embeddedSpec().isPresent()) {
      return new Place(Reasons.INVALID_SPEC, "customSpec.spec.");
    }
    // Neither a named object nor customSpec: the spec itself is missing.
    return new Place(Reasons.INVALID_SPEC, "");
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
