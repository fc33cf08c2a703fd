package dev.customtasks.cli.run;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether the params {@code ctk run -p} sets are declared by the pipeline of the PipelineRun, as
 * {@code tkn pipeline start -p} checks (tektoncd/cli's {@code parseParam} in {@code pkg/params}
 * refuses a param "not present in spec"): a param the pipeline does not declare would be silently
 * ignored by the run.
 */
final class DeclaredParams {

  private DeclaredParams() {
  }

  /**
   * The error for the first name in {@code names} the pipeline does not declare, or empty when
   * all are declared or the pipeline cannot be read before the run (a resolver or bundle, a
   * Pipeline that does not exist: the run itself says so).
   *
   * @param pipelineRun the PipelineRun as in the file (its {@code spec.pipelineSpec} or {@code spec.pipelineRef})
   * @param pipelineNamed the Pipeline object of a name (from the file, else the API server)
   */
  static Optional<String> undeclared(GenericKubernetesResource pipelineRun, Collection<String> names,
      Function<String, Optional<GenericKubernetesResource>> pipelineNamed) {
    if (names.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> spec = map(pipelineRun.getAdditionalProperties().get("spec"));
    Optional<Map<String, Object>> pipelineSpec;
    if (spec.get("pipelineSpec") != null) {
      pipelineSpec = Optional.of(map(spec.get("pipelineSpec")));
    } else {
      Map<String, Object> ref = map(spec.get("pipelineRef"));
      if (!(ref.get("name") instanceof String name) || ref.get("resolver") != null || ref.get("bundle") != null) {
        return Optional.empty();
      }
      pipelineSpec = pipelineNamed.apply(name).map(p -> map(p.getAdditionalProperties().get("spec")));
    }
    if (pipelineSpec.isEmpty()) {
      return Optional.empty();
    }
    List<String> declared = new ArrayList<>();
    if (pipelineSpec.get().get("params") instanceof List<?> params) {
      params.forEach(p -> {
        if (map(p).get("name") instanceof String name) {
          declared.add(name);
        }
      });
    }
    String runName = Optional.ofNullable(pipelineRun.getMetadata().getName())
        .orElse(pipelineRun.getMetadata().getGenerateName());
    return names.stream().filter(n -> !declared.contains(n)).findFirst()
        .map(n -> "param \"" + n + "\" is not declared by the pipeline of PipelineRun \"" + runName + "\"; it declares: "
            + (declared.isEmpty() ? "none" : String.join(", ", declared)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
