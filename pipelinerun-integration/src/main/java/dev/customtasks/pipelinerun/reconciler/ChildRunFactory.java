package dev.customtasks.pipelinerun.reconciler;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.child.ChildRunSpec;
import dev.customtasks.crds.child.ChildRuns;
import dev.customtasks.crds.child.ChildTarget;
import dev.customtasks.crds.controller.Children;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the child run of a pipeline task exactly as Tekton's PipelineRun controller would: a
 * {@code CustomRun} for a custom task, a {@code TaskRun} otherwise, named
 * {@code <pipelinerun>-<task>} (shortened deterministically past 63 characters), with Tekton's
 * labels and the run's labels and annotations, and an owner reference to the PipelineRun.
 */
final class ChildRunFactory {

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private ChildRunFactory() {
  }

  static String childName(PipelineRun run, String pipelineTask) {
    return Children.shorten(run.getMetadata().getName() + "-" + pipelineTask);
  }

  static HasMetadata build(PipelineRun run, String pipelineName, PipelineTask task, boolean isFinally,
      List<Param> params, Optional<Duration> timeout) {
    String serviceAccount = run.getSpec().getTaskRunTemplate() == null ? null
        : run.getSpec().getTaskRunTemplate().getServiceAccountName();
    ChildRunSpec spec = ChildRunSpec.of(ChildTarget.of(task.getTaskRef(), task.getTaskSpec()), params)
        .withTimeout(timeout)
        .withRetries(task.getRetries())
        .withServiceAccountName(serviceAccount == null ? "" : serviceAccount)
        .withWorkspaces(workspaces(run, task));
    return ChildRuns.build(spec, metadata(run, pipelineName, task, isFinally));
  }

  /**
   * The task's workspace bindings, as Tekton's {@code getTaskrunWorkspaces} makes them: each of the
   * task's {@code workspaces} ({@code name}, {@code workspace}, {@code subPath}) takes the volume of
   * the run's binding named {@code workspace} (or {@code name}), under the task's name, with the
   * two sub-paths joined. A binding the run does not have (an optional workspace) is left out.
   */
  static List<Map<String, Object>> workspaces(PipelineRun run, PipelineTask task) {
    if (task.getWorkspaces() == null || run.getSpec().getWorkspaces() == null) {
      return List.of();
    }
    List<Map<String, Object>> bindings = new java.util.ArrayList<>();
    for (Map<String, Object> taskWorkspace : task.getWorkspaces()) {
      Object name = taskWorkspace.get("name");
      Object from = Optional.ofNullable(taskWorkspace.get("workspace")).filter(w -> !String.valueOf(w).isBlank())
          .orElse(name);
      run.getSpec().getWorkspaces().stream().filter(b -> String.valueOf(from).equals(String.valueOf(b.get("name"))))
          .findFirst().ifPresent(runBinding -> {
            Map<String, Object> binding = new LinkedHashMap<>(runBinding);
            binding.put("name", name);
            String subPath = joinPaths(runBinding.get("subPath"), taskWorkspace.get("subPath"));
            if (subPath.isEmpty()) {
              binding.remove("subPath");
            } else {
              binding.put("subPath", subPath);
            }
            bindings.add(binding);
          });
    }
    return bindings;
  }

  private static String joinPaths(Object first, Object second) {
    String a = first == null ? "" : String.valueOf(first);
    String b = second == null ? "" : String.valueOf(second);
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
  }

  private static ObjectMeta metadata(PipelineRun run, String pipelineName, PipelineTask task, boolean isFinally) {
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (run.getMetadata().getLabels() != null) {
      labels.putAll(run.getMetadata().getLabels());
    }
    if (run.getMetadata().getAnnotations() != null) {
      annotations.putAll(run.getMetadata().getAnnotations());
      annotations.remove(LAST_APPLIED);
    }
    if (task.getTaskSpec() != null && task.getTaskSpec().getMetadata() != null) {
      Optional.ofNullable(task.getTaskSpec().getMetadata().getLabels()).ifPresent(labels::putAll);
      Optional.ofNullable(task.getTaskSpec().getMetadata().getAnnotations()).ifPresent(annotations::putAll);
    }
    labels.put(TektonLabels.PIPELINE, pipelineName);
    labels.put(TektonLabels.PIPELINE_RUN, run.getMetadata().getName());
    labels.put(TektonLabels.PIPELINE_RUN_UID, run.getMetadata().getUid());
    labels.put(TektonLabels.PIPELINE_TASK, task.getName());
    labels.put(TektonLabels.MEMBER_OF, isFinally ? TektonLabels.MEMBER_OF_FINALLY : TektonLabels.MEMBER_OF_TASKS);
    ObjectMeta meta = new ObjectMeta();
    meta.setName(childName(run, task.getName()));
    meta.setNamespace(run.getMetadata().getNamespace());
    meta.setLabels(labels);
    meta.setAnnotations(annotations.isEmpty() ? null : annotations);
    meta.setOwnerReferences(List.of(new OwnerReferenceBuilder()
        .withApiVersion(run.getApiVersion()).withKind(run.getKind())
        .withName(run.getMetadata().getName()).withUid(run.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build()));
    return meta;
  }
}
