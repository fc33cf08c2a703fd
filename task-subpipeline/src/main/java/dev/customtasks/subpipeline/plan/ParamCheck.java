package dev.customtasks.subpipeline.plan;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.ParamSpec;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.controller.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks the params a run gives against the params its pipeline declares, before the child
 * PipelineRun exists: every param must be declared (Tekton's PipelineRun would silently drop an
 * undeclared one), every declared param without a default must be given, and each value must have
 * the declared type ({@code string}, {@code array}, {@code object}; a param without a type takes
 * its default's, else {@code string}). Each problem is {@code InvalidParams}, naming the param.
 */
public final class ParamCheck {

  private ParamCheck() {
  }

  /**
   * @param given the run's params, by name
   * @param pipeline the child's pipeline
   * @param what the pipeline, for messages ({@link PipelineSource#describe()})
   * @throws InvalidInputException {@code InvalidParams} naming the first bad param
   */
  public static void check(Map<String, ParamValue> given, PipelineSpec pipeline, String what) {
    Map<String, ParamSpec> declared = new LinkedHashMap<>();
    for (ParamSpec spec : pipeline.getParams() == null ? List.<ParamSpec>of() : pipeline.getParams()) {
      if (spec.getName() != null) {
        declared.put(spec.getName(), spec);
      }
    }
    for (Map.Entry<String, ParamValue> param : given.entrySet()) {
      ParamSpec spec = declared.get(param.getKey());
      if (spec == null) {
        throw InvalidInputException.param(param.getKey(), what + " declares no such param"
            + (declared.isEmpty() ? " (it declares none)" : "; it declares: " + String.join(", ", declared.keySet())));
      }
      String type = typeOf(spec);
      String actual = param.getValue().type().wireName();
      if (!type.equals(actual)) {
        throw InvalidInputException.param(param.getKey(), what + " declares it " + article(type) + ", got "
            + article(actual));
      }
    }
    List<String> missing = declared.values().stream()
        .filter(spec -> spec.getDefault() == null && !given.containsKey(spec.getName()))
        .map(ParamSpec::getName).collect(Collectors.toList());
    if (!missing.isEmpty()) {
      String first = missing.get(0);
      throw InvalidInputException.param(first, "required by " + what + " (it has no default) and not given"
          + (missing.size() > 1 ? "; also missing: " + String.join(", ", missing.subList(1, missing.size())) : ""));
    }
  }

  /** The params in the order the run gave them, as the child PipelineRun's {@code params}. */
  public static List<Param> asParams(Map<String, ParamValue> given) {
    return given.entrySet().stream().map(e -> new Param(e.getKey(), e.getValue())).toList();
  }

  private static String typeOf(ParamSpec spec) {
    if (spec.getType() != null && !spec.getType().isBlank()) {
      return spec.getType();
    }
    if (spec.getDefault() != null) {
      return spec.getDefault().type().wireName();
    }
    return spec.getProperties() != null && !spec.getProperties().isEmpty() ? "object" : "string";
  }

  private static String article(String type) {
    return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
  }
}
