package dev.customtasks.crds.matrix;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One combination of a fanned-out matrix: the params one child run gets, and the names of the
 * include entries it carries.
 *
 * @param params param name to value, in the order Tekton gives a child run's params: sorted by name
 *     (byte order, so {@code GOARCH} before {@code context})
 * @param includeNames the names of the named include entries all of whose params are in this
 *     combination, in include order (Tekton's rule for a child's {@code displayName})
 */
public record Combination(Map<String, String> params, List<String> includeNames) {

  public Combination {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    includeNames = List.copyOf(includeNames);
  }

  /** The value of one param, or null when this combination does not have it. */
  public String get(String name) {
    return params.get(name);
  }

  /**
   * The include names joined with a space, as Tekton writes {@code childReferences[].displayName}
   * for a matrixed run ({@code pkg/reconciler/pipelinerun/resources/pipelinerunstate.go},
   * {@code getDisplayName}); empty when no named include fits. Tekton substitutes
   * {@code $(params.…)} in the names afterwards; that is left to the caller.
   */
  public Optional<String> name() {
    return includeNames.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", includeNames));
  }
}
