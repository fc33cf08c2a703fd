package dev.customtasks.subpipeline.plan;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineTaskRunTemplate;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.child.ChildRunSpec;
import dev.customtasks.crds.child.ChildRuns;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.subpipeline.api.SubPipelineSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The child PipelineRun of a sub-pipeline run, as core-crds' child API builds it
 * ({@link ChildRunSpec}, {@link ChildRuns#build}): {@code pipelineRef} or {@code pipelineSpec},
 * the run's params, its workspaces (renamed by the SubPipeline's mapping), its service account
 * (or the SubPipeline's {@code taskRunTemplate}), {@code timeouts.pipeline} set to what is left of
 * the run's timeout; labels {@code tekton.dev/customRun} and {@code tekton.dev/pipeline} plus the
 * nesting depth, annotations carrying the run's own (by default) and the nesting chain. The run's
 * labels ({@code tekton.dev/pipelineRun}, {@code tekton.dev/pipelineTask}...) and the owner
 * reference are added by {@code Children.create}, as for every child.
 */
public final class ChildPipelineRun {

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private ChildPipelineRun() {
  }

  /** The {@link ChildRunSpec} of the child: what it runs, params, timeout, service account, workspaces. */
  public static ChildRunSpec spec(SubPipelinePlan plan, CustomRun run, Optional<Duration> remaining) {
    String serviceAccount = Optional.ofNullable(plan.options().taskRunTemplate())
        .map(SubPipelineSpec.TaskRunTemplate::serviceAccountName).filter(s -> !s.isBlank())
        .orElse(run.getSpec().getServiceAccountName());
    return ChildRunSpec.of(plan.source().target(), ParamCheck.asParams(plan.params()))
        .withTimeout(remaining)
        .withServiceAccountName(serviceAccount)
        .withWorkspaces(workspaces(plan.workspaceMappings(), run.getSpec().getWorkspaces()));
  }

  /**
   * The child PipelineRun named {@code name}, ready for {@code Children.create}.
   *
   * @param remaining what is left of the run's timeout; empty when the run has none
   * @throws InvalidInputException {@code InvalidSpec} when a workspace mapping names a workspace
   *     the run was not given
   */
  public static PipelineRun build(String name, SubPipelinePlan plan, Nesting nesting, CustomRun run,
      Optional<Duration> remaining) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(TektonLabels.CUSTOM_RUN, run.getMetadata().getName());
    labels.put(TektonLabels.PIPELINE, plan.source() instanceof PipelineSource.Named named ? named.name() : name);
    labels.put(Nesting.DEPTH_LABEL, Integer.toString(nesting.depth()));
    Optional.ofNullable(plan.options().labels()).ifPresent(labels::putAll);
    meta.setLabels(labels);
    Map<String, String> annotations = new LinkedHashMap<>();
    if (!Boolean.FALSE.equals(plan.options().propagateAnnotations()) && run.getMetadata().getAnnotations() != null) {
      annotations.putAll(run.getMetadata().getAnnotations());
      annotations.remove(LAST_APPLIED);
    }
    Optional.ofNullable(plan.options().annotations()).ifPresent(annotations::putAll);
    annotations.put(Nesting.CHAIN_ANNOTATION, nesting.chainAnnotation());
    meta.setAnnotations(annotations);
    PipelineRun child = (PipelineRun) ChildRuns.build(spec(plan, run, remaining), meta);
    SubPipelineSpec.TaskRunTemplate template = plan.options().taskRunTemplate();
    if (template != null && template.podTemplate() != null && template.podTemplate().isObject()
        && !template.podTemplate().isEmpty()) {
      PipelineTaskRunTemplate taskRunTemplate = Optional.ofNullable(child.getSpec().getTaskRunTemplate())
          .orElseGet(PipelineTaskRunTemplate::new);
      @SuppressWarnings("unchecked")
      Map<String, Object> podTemplate = Serialization.jsonMapper().convertValue(template.podTemplate(), Map.class);
      taskRunTemplate.setPodTemplate(podTemplate);
      child.getSpec().setTaskRunTemplate(taskRunTemplate);
    }
    return child;
  }

  /**
   * The run's workspace bindings, renamed for the child: a mapping binds the child's workspace
   * {@code name} to the run's binding {@code workspace} (its {@code subPath} appended); a binding
   * no mapping uses is passed under its own name.
   */
  static List<Map<String, Object>> workspaces(List<SubPipelineSpec.WorkspaceMapping> mappings,
      List<Map<String, Object>> bindings) {
    List<Map<String, Object>> given = bindings == null ? List.of() : bindings;
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (Map<String, Object> binding : given) {
      byName.put(String.valueOf(binding.get("name")), binding);
    }
    List<Map<String, Object>> result = new ArrayList<>();
    List<String> used = new ArrayList<>();
    for (SubPipelineSpec.WorkspaceMapping mapping : mappings) {
      if (mapping.name() == null || mapping.name().isBlank()) {
        throw new InvalidInputException(Reasons.INVALID_SPEC, "workspaces: a mapping has no name");
      }
      String from = mapping.workspace() == null || mapping.workspace().isBlank() ? mapping.name() : mapping.workspace();
      Map<String, Object> source = byName.get(from);
      if (source == null) {
        throw new InvalidInputException(Reasons.INVALID_SPEC, "workspaces: \"" + mapping.name()
            + "\" maps the run's workspace \"" + from + "\", which the run was not given"
            + (byName.isEmpty() ? " (it has none)" : "; it has: " + String.join(", ", byName.keySet())));
      }
      Map<String, Object> binding = new LinkedHashMap<>(source);
      binding.put("name", mapping.name());
      if (mapping.subPath() != null && !mapping.subPath().isBlank()) {
        Object base = source.get("subPath");
        binding.put("subPath", base == null || String.valueOf(base).isBlank() ? mapping.subPath()
            : base + "/" + mapping.subPath());
      }
      result.add(binding);
      used.add(from);
    }
    for (Map<String, Object> binding : given) {
      String name = String.valueOf(binding.get("name"));
      if (!used.contains(name) && result.stream().noneMatch(b -> name.equals(b.get("name")))) {
        result.add(binding);
      }
    }
    return result;
  }
}
