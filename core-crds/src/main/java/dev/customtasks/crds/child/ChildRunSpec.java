package dev.customtasks.crds.child;

import dev.customtasks.crds.api.Param;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The spec of a child run, whatever its kind: what it runs, its params, its timeout, retries,
 * service account and workspace bindings. {@link ChildRuns#build} turns it into a TaskRun,
 * CustomRun or PipelineRun with Tekton's field for each.
 *
 * @param target what the child runs; decides its kind
 * @param params the child's params, in the order given (empty for none)
 * @param timeout the child's own timeout (a TaskRun's or CustomRun's {@code spec.timeout}, a
 *     PipelineRun's {@code spec.timeouts.pipeline}); empty leaves the field unset
 * @param retries {@code spec.retries} of a TaskRun or CustomRun; null leaves it unset (ignored
 *     for a PipelineRun, which has none)
 * @param serviceAccountName the service account; null leaves it unset (a PipelineRun gets it as
 *     {@code taskRunTemplate.serviceAccountName})
 * @param workspaces workspace bindings as Tekton writes them ({@code name} plus a volume source);
 *     empty for none
 */
public record ChildRunSpec(ChildTarget target, List<Param> params, Optional<Duration> timeout, Integer retries,
    String serviceAccountName, List<Map<String, Object>> workspaces) {

  public ChildRunSpec {
    Objects.requireNonNull(target, "target");
    params = params == null ? List.of() : List.copyOf(params);
    timeout = timeout == null ? Optional.empty() : timeout;
    workspaces = workspaces == null ? List.of() : List.copyOf(workspaces);
  }

  /** A child running {@code target} with {@code params} and nothing else set. */
  public static ChildRunSpec of(ChildTarget target, List<Param> params) {
    return new ChildRunSpec(target, params, Optional.empty(), null, null, List.of());
  }

  public ChildRunSpec withTimeout(Optional<Duration> newTimeout) {
    return new ChildRunSpec(target, params, newTimeout, retries, serviceAccountName, workspaces);
  }

  public ChildRunSpec withRetries(Integer newRetries) {
    return new ChildRunSpec(target, params, timeout, newRetries, serviceAccountName, workspaces);
  }

  public ChildRunSpec withServiceAccountName(String name) {
    return new ChildRunSpec(target, params, timeout, retries, name, workspaces);
  }

  public ChildRunSpec withWorkspaces(List<Map<String, Object>> bindings) {
    return new ChildRunSpec(target, params, timeout, retries, serviceAccountName, bindings);
  }
}
