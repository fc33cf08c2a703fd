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
  /** Tekton's {@code TektonReservedAnnotationExpr}: annotations a run does not pass on. */
  private static final java.util.regex.Pattern RESERVED_ANNOTATION = java.util.regex.Pattern.compile(
      "(chains.tekton.dev)/.*");
  /** Tekton's {@code PipelineTaskOnErrorAnnotation}, on the TaskRun of a task with {@code onError: continue}. */
  static final String ON_ERROR_ANNOTATION = "pipeline.tekton.dev/pipeline-task-on-error";

  private ChildRunFactory() {
  }

  static String childName(PipelineRun run, String pipelineTask) {
    return Children.shorten(run.getMetadata().getName() + "-" + pipelineTask);
  }

  /**
   * The child run of {@code task}, as Tekton's {@code createTaskRun} / {@code createCustomRun}
   * make it: the service account and timeout of {@link PipelineTaskRunSpec} and
   * {@link ChildTimeout}, the workspace bindings of {@link #workspaces}, and the affinity-assistant
   * annotation when one of them is a volume claim.
   *
   * @param timeout the child's {@code spec.timeout} (see {@link ChildTimeout}); empty leaves it unset
   */
  static HasMetadata build(PipelineRun run, String pipelineName, PipelineTask task, boolean isFinally,
      List<Param> params, Optional<Duration> timeout) {
    ChildTarget target = ChildTarget.of(task.getTaskRef(), task.getTaskSpec());
    PipelineTaskRunSpec taskRunSpec = PipelineTaskRunSpec.of(run, task.getName());
    Workspaces workspaces = workspaces(run, task, pipelineName);
    ChildRunSpec spec = ChildRunSpec.of(target, params)
        .withTimeout(timeout)
        .withRetries(task.getRetries())
        .withServiceAccountName(taskRunSpec.serviceAccountName())
        .withWorkspaces(workspaces.bindings());
    ObjectMeta meta = metadata(run, pipelineName, task, isFinally, target, taskRunSpec);
    workspaces.claimWorkspace().ifPresent(ws -> annotate(meta, AffinityAssistant.ANNOTATION,
        AffinityAssistant.name(ws, run.getMetadata().getName())));
    if (target instanceof ChildTarget.TaskByRef || target instanceof ChildTarget.EmbeddedTaskSpec) {
      if (PipelineTask.ON_ERROR_CONTINUE.equals(task.getOnError())) {
        annotate(meta, ON_ERROR_ANNOTATION, PipelineTask.ON_ERROR_CONTINUE);
      }
    }
    return ChildRuns.build(spec, meta);
  }

  /** The timeout {@link #build} gives {@code task}'s child: see {@link ChildTimeout}. */
  static Optional<Duration> timeout(PipelineRun run, PipelineTask task, boolean isFinally) {
    return ChildTimeout.of(task.timeoutDuration(), run.getSpec() == null ? null : run.getSpec().getTimeouts(),
        isFinally, PipelineTaskRunSpec.of(run, task.getName()).timeout(), PipelineRun.DEFAULT_TIMEOUT);
  }

  private static void annotate(ObjectMeta meta, String key, String value) {
    Map<String, String> annotations = meta.getAnnotations() == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>(meta.getAnnotations());
    annotations.put(key, value);
    meta.setAnnotations(annotations);
  }

  /**
   * A task's workspace bindings, and the pipeline workspace that makes Tekton add the affinity
   * assistant's annotation: the last of them bound to a {@code persistentVolumeClaim} or
   * {@code volumeClaimTemplate}.
   */
  record Workspaces(List<Map<String, Object>> bindings, Optional<String> claimWorkspace) {
  }

  /**
   * The task's workspace bindings, as Tekton's {@code getTaskrunWorkspaces} and
   * {@code taskWorkspaceByWorkspaceVolumeSource} make them: each of the task's {@code workspaces}
   * ({@code name}, {@code workspace}, {@code subPath}) takes the volume of the run's binding named
   * {@code workspace} (or {@code name}), under the task's name, with the two sub-paths joined and
   * cleaned as Go's {@code filepath.Join} does, and {@code $(context.pipelineRun.name)},
   * {@code .namespace}, {@code .uid} and {@code $(context.pipeline.name)} replaced in it. A binding
   * the run does not have (an optional workspace) is left out.
   */
  static Workspaces workspaces(PipelineRun run, PipelineTask task, String pipelineName) {
    if (task.getWorkspaces() == null || run.getSpec().getWorkspaces() == null) {
      return new Workspaces(List.of(), Optional.empty());
    }
    List<Map<String, Object>> bindings = new java.util.ArrayList<>();
    String claimWorkspace = null;
    for (Map<String, Object> taskWorkspace : task.getWorkspaces()) {
      Object name = taskWorkspace.get("name");
      Object from = Optional.ofNullable(taskWorkspace.get("workspace")).filter(w -> !String.valueOf(w).isBlank())
          .orElse(name);
      var runBinding = run.getSpec().getWorkspaces().stream()
          .filter(b -> String.valueOf(from).equals(String.valueOf(b.get("name")))).findFirst();
      if (runBinding.isEmpty()) {
        continue;
      }
      if (runBinding.get().get("persistentVolumeClaim") != null || runBinding.get().get("volumeClaimTemplate") != null) {
        claimWorkspace = String.valueOf(from);
      }
      Map<String, Object> binding = new LinkedHashMap<>(runBinding.get());
      binding.put("name", name);
      String subPath = contextReplaced(joinPaths(runBinding.get().get("subPath"), taskWorkspace.get("subPath")), run,
          pipelineName);
      if (subPath.isEmpty()) {
        binding.remove("subPath");
      } else {
        binding.put("subPath", subPath);
      }
      bindings.add(binding);
    }
    return new Workspaces(bindings, Optional.ofNullable(claimWorkspace));
  }

  /** Go's {@code combinedSubPath}: either alone, or both joined by {@code filepath.Join}. */
  static String joinPaths(Object first, Object second) {
    String a = first == null ? "" : String.valueOf(first);
    String b = second == null ? "" : String.valueOf(second);
    return a.isEmpty() ? b : b.isEmpty() ? a : cleanPath(a + "/" + b);
  }

  /** Go's {@code filepath.Clean} on a slash-separated path. */
  private static String cleanPath(String path) {
    boolean rooted = path.startsWith("/");
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
        parts.removeLast();
      } else if (!(part.equals("..") && rooted)) {
        parts.addLast(part);
      }
    }
    String joined = String.join("/", parts);
    return rooted ? "/" + joined : joined.isEmpty() ? "." : joined;
  }

  private static String contextReplaced(String subPath, PipelineRun run, String pipelineName) {
    return subPath.replace("$(context.pipelineRun.name)", run.getMetadata().getName())
        .replace("$(context.pipelineRun.namespace)", String.valueOf(run.getMetadata().getNamespace()))
        .replace("$(context.pipelineRun.uid)", String.valueOf(run.getMetadata().getUid()))
        .replace("$(context.pipeline.name)", pipelineName);
  }

  /**
   * Labels and annotations as Tekton gives them. Every child: the run's labels and annotations
   * (less {@code chains.tekton.dev/} annotations, which Tekton reserves) and Tekton's labels
   * ({@code createChildResourceLabels}). A TaskRun also takes its {@code taskRunSpecs[].metadata},
   * which wins over everything, and its embedded task's {@code metadata}, which loses to everything
   * ({@code combineTaskRunAndTaskSpecLabels}); a CustomRun keeps its embedded spec's {@code metadata}
   * inside {@code customSpec.metadata} only.
   */
  private static ObjectMeta metadata(PipelineRun run, String pipelineName, PipelineTask task, boolean isFinally,
      ChildTarget target, PipelineTaskRunSpec taskRunSpec) {
    boolean taskRun = target instanceof ChildTarget.TaskByRef || target instanceof ChildTarget.EmbeddedTaskSpec;
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (taskRun) {
      labels.putAll(taskRunSpec.labels());
      annotations.putAll(taskRunSpec.annotations());
    }
    Map<String, String> childLabels = new LinkedHashMap<>();
    if (run.getMetadata().getLabels() != null) {
      childLabels.putAll(run.getMetadata().getLabels());
    }
    childLabels.put(TektonLabels.PIPELINE, PipelineLabel.of(run));
    childLabels.put(TektonLabels.PIPELINE_RUN, run.getMetadata().getName());
    childLabels.put(TektonLabels.PIPELINE_RUN_UID, run.getMetadata().getUid());
    childLabels.put(TektonLabels.PIPELINE_TASK, task.getName());
    childLabels.put(TektonLabels.MEMBER_OF, isFinally ? TektonLabels.MEMBER_OF_FINALLY : TektonLabels.MEMBER_OF_TASKS);
    childLabels.forEach(labels::putIfAbsent);
    if (run.getMetadata().getAnnotations() != null) {
      run.getMetadata().getAnnotations().forEach((k, v) -> {
        if (!k.equals(LAST_APPLIED) && !RESERVED_ANNOTATION.matcher(k).matches()) {
          annotations.putIfAbsent(k, v);
        }
      });
    }
    if (taskRun && task.getTaskSpec() != null && task.getTaskSpec().getMetadata() != null) {
      Optional.ofNullable(task.getTaskSpec().getMetadata().getLabels()).ifPresent(l -> l.forEach(labels::putIfAbsent));
      Optional.ofNullable(task.getTaskSpec().getMetadata().getAnnotations())
          .ifPresent(a -> a.forEach(annotations::putIfAbsent));
    }
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
