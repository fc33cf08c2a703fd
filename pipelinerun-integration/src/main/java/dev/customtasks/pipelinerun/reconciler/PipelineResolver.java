package dev.customtasks.pipelinerun.reconciler;

import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.Task;
import dev.customtasks.pipelinerun.validation.InvalidPipelineException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the pipeline a run runs, and checks that the Tasks it names exist. Once found it is
 * copied into {@code status.pipelineSpec}, as Tekton does, so a Pipeline edited mid-run does not
 * change a run already under way.
 */
final class PipelineResolver {

  private PipelineResolver() {
  }

  static PipelineSpec resolve(PipelineRun run, KubernetesClient client) {
    if (run.getStatus() != null && run.getStatus().getPipelineSpec() != null) {
      return run.getStatus().getPipelineSpec();
    }
    PipelineSpec pipeline = find(run, client);
    requireReferencedTasks(run, pipeline, client);
    return pipeline;
  }

  /**
   * Tekton refuses a run whose pipeline names a Task that does not exist before any task starts,
   * rather than fail midway when the TaskRun cannot find it.
   */
  private static void requireReferencedTasks(PipelineRun run, PipelineSpec pipeline, KubernetesClient client) {
    String namespace = run.getMetadata().getNamespace();
    List<String> missing = Stream.concat(Optional.ofNullable(pipeline.getTasks()).orElse(List.of()).stream(),
            Optional.ofNullable(pipeline.getFinally()).orElse(List.of()).stream())
        .filter(task -> task.getTaskRef() != null && !task.isCustomTask() && task.getTaskRef().getName() != null)
        .map(task -> task.getTaskRef().getName())
        .distinct()
        .filter(name -> client.resources(Task.class).inNamespace(namespace).withName(name).get() == null)
        .toList();
    if (!missing.isEmpty()) {
      throw new InvalidPipelineException(PipelineRunReason.COULDNT_GET_TASK, "Pipeline " + namespace + "/"
          + pipelineName(run) + " can't be Run; it contains Tasks that don't exist: " + missing.stream()
              .map(name -> "Couldn't retrieve Task \"" + name + "\": tasks.tekton.dev \"" + name + "\" not found")
              .collect(Collectors.joining("; ")));
    }
  }

  private static PipelineSpec find(PipelineRun run, KubernetesClient client) {
    var spec = run.getSpec();
    if (spec == null) {
      throw new InvalidPipelineException(PipelineRunReason.FAILED_VALIDATION, "the PipelineRun has no spec");
    }
    if (spec.getPipelineSpec() != null && spec.getPipelineRef() != null) {
      throw new InvalidPipelineException(PipelineRunReason.FAILED_VALIDATION,
          "spec: expected exactly one of pipelineRef or pipelineSpec, got both");
    }
    if (spec.getPipelineSpec() != null) {
      return spec.getPipelineSpec();
    }
    var ref = spec.getPipelineRef();
    if (ref == null) {
      throw new InvalidPipelineException(PipelineRunReason.FAILED_VALIDATION,
          "spec: expected exactly one of pipelineRef or pipelineSpec, got neither");
    }
    if (ref.getResolver() != null) {
      throw new InvalidPipelineException(PipelineRunReason.COULDNT_GET_PIPELINE, "pipelineRef: resolver \""
          + ref.getResolver() + "\" is not supported by this controller; reference a Pipeline in the namespace");
    }
    if (ref.getName() == null || ref.getName().isBlank()) {
      throw new InvalidPipelineException(PipelineRunReason.COULDNT_GET_PIPELINE, "pipelineRef: a name is required");
    }
    Pipeline pipeline = client.resources(Pipeline.class).inNamespace(run.getMetadata().getNamespace())
        .withName(ref.getName()).get();
    if (pipeline != null && pipeline.malformed().isPresent()) {
      throw new InvalidPipelineException(PipelineRunReason.FAILED_VALIDATION, "Pipeline \"" + ref.getName() + "\": "
          + pipeline.malformed().get());
    }
    if (pipeline == null || pipeline.getSpec() == null) {
      throw new InvalidPipelineException(PipelineRunReason.COULDNT_GET_PIPELINE, "Error retrieving pipeline for"
          + " pipelinerun " + run.getMetadata().getNamespace() + "/" + run.getMetadata().getName()
          + ": pipelines.tekton.dev \"" + ref.getName() + "\" not found");
    }
    return pipeline.getSpec();
  }

  /** The name of the Pipeline the run references; empty for an embedded {@code spec.pipelineSpec}. */
  static Optional<String> pipelineRef(PipelineRun run) {
    var spec = run.getSpec();
    if (spec == null || spec.getPipelineSpec() != null || spec.getPipelineRef() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(spec.getPipelineRef().getName());
  }

  /** The {@code tekton.dev/pipeline} label value: the Pipeline's name, or the run's for an embedded spec. */
  static String pipelineName(PipelineRun run) {
    var ref = run.getSpec() == null ? null : run.getSpec().getPipelineRef();
    return ref != null && ref.getName() != null ? ref.getName() : run.getMetadata().getName();
  }
}
