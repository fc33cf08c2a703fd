package dev.customtasks.pipelinerun.reconciler;

import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.duration.GoDuration;
import java.time.Duration;
import dev.customtasks.pipelinerun.validation.InvalidPipelineException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a PipelineRun says about the run of one pipeline task, as Tekton's
 * {@code PipelineRun.GetTaskRunSpec} merges it ({@code pkg/apis/pipeline/v1/pipelinerun_types.go}):
 * {@code spec.taskRunTemplate.serviceAccountName}, overridden by the task's entry in
 * {@code spec.taskRunSpecs} ({@code serviceAccountName}, {@code timeout}, {@code metadata}).
 * Tekton's defaulting gives the service account {@code default} when neither names one.
 *
 * @param serviceAccountName the child's service account, never blank
 * @param timeout the entry's {@code timeout}, which overrides the pipeline task's own
 * @param labels the entry's {@code metadata.labels} (empty for none)
 * @param annotations the entry's {@code metadata.annotations} (empty for none)
 */
record PipelineTaskRunSpec(String serviceAccountName, Optional<Duration> timeout, Map<String, String> labels,
    Map<String, String> annotations) {

  /** Tekton's {@code default-service-account} when its config map does not set one. */
  static final String DEFAULT_SERVICE_ACCOUNT = "default";

  /**
   * The merged settings for {@code pipelineTask}.
   *
   * @throws IllegalArgumentException when the entry's {@code timeout} is not a Go duration
   */
  static PipelineTaskRunSpec of(PipelineRun run, String pipelineTask) {
    var spec = run.getSpec();
    String serviceAccount = spec == null || spec.getTaskRunTemplate() == null ? null
        : spec.getTaskRunTemplate().getServiceAccountName();
    Optional<Duration> timeout = Optional.empty();
    Map<String, String> labels = Map.of();
    Map<String, String> annotations = Map.of();
    List<Map<String, Object>> entries = spec == null || spec.getTaskRunSpecs() == null ? List.of()
        : spec.getTaskRunSpecs();
    for (Map<String, Object> entry : entries) {
      if (!pipelineTask.equals(entry.get("pipelineTaskName"))) {
        continue;
      }
      if (entry.get("serviceAccountName") instanceof String sa && !sa.isEmpty()) {
        serviceAccount = sa;
      }
      timeout = Optional.ofNullable(entry.get("timeout")).map(String::valueOf).filter(t -> !t.isBlank())
          .map(GoDuration::parse);
      if (entry.get("metadata") instanceof Map<?, ?> metadata) {
        labels = strings(metadata.get("labels"));
        annotations = strings(metadata.get("annotations"));
      }
    }
    return new PipelineTaskRunSpec(serviceAccount == null || serviceAccount.isEmpty() ? DEFAULT_SERVICE_ACCOUNT
        : serviceAccount, timeout, labels, annotations);
  }

  /**
   * Tekton's {@code ValidateTaskRunSpecs}: every {@code taskRunSpecs[].pipelineTaskName} names a
   * task or finally task of {@code spec}; and each {@code timeout} is a Go duration.
   *
   * @throws InvalidPipelineException with reason {@code InvalidTaskRunSpecs}
   */
  static void validate(PipelineRun run, PipelineSpec spec) {
    if (run.getSpec() == null || run.getSpec().getTaskRunSpecs() == null) {
      return;
    }
    Set<String> tasks = new HashSet<>();
    Stream.concat(spec.getTasks() == null ? Stream.empty() : spec.getTasks().stream(),
        spec.getFinally() == null ? Stream.empty() : spec.getFinally().stream()).forEach(t -> tasks.add(t.getName()));
    String prefix = "PipelineRun " + run.getMetadata().getNamespace() + "/" + run.getMetadata().getName()
        + " doesn't define taskRunSpecs correctly: ";
    for (Map<String, Object> entry : run.getSpec().getTaskRunSpecs()) {
      Object name = entry.get("pipelineTaskName");
      if (!tasks.contains(String.valueOf(name))) {
        throw new InvalidPipelineException(PipelineRunReason.INVALID_TASK_RUN_SPEC, prefix
            + "pipelineRun's taskrunSpecs defined wrong taskName: \"" + name + "\", does not exist in Pipeline");
      }
      try {
        of(run, String.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new InvalidPipelineException(PipelineRunReason.INVALID_TASK_RUN_SPEC, prefix + "taskRunSpecs \"" + name
            + "\" timeout: " + e.getMessage());
      }
    }
  }

  private static Map<String, String> strings(Object map) {
    Map<String, String> out = new LinkedHashMap<>();
    if (map instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }
}
