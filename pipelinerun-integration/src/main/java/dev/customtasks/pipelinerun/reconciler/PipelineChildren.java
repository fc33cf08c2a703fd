package dev.customtasks.pipelinerun.reconciler;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.child.ChildOutcome;
import dev.customtasks.crds.child.ChildRuns;
import dev.customtasks.pipelinerun.state.MatrixObservation;
import dev.customtasks.pipelinerun.state.TaskObservation;
import dev.customtasks.pipelinerun.state.TaskPhase;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A PipelineRun's child runs as the controller's caches show them, by pipeline task: how each
 * stands, and how to stop one. Reading and cancelling a child is core-crds' {@link ChildRuns};
 * what is particular to a PipelineRun (grouping by pipeline task, Tekton's cancel messages, a
 * cancel request counting as cancelled) is here.
 */
final class PipelineChildren {

  /** Each task's children, in the order of their names compared as strings (Tekton's order for gathering results). */
  private final Map<String, List<HasMetadata>> byTask = new LinkedHashMap<>();

  PipelineChildren(PipelineRun run, Set<CustomRun> customRuns, Set<TaskRun> taskRuns) {
    String uid = run.getMetadata().getUid();
    Stream.concat(customRuns.stream(), taskRuns.stream())
        .filter(child -> child.getMetadata().getOwnerReferences() != null
            && child.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid())))
        .forEach(child -> {
          String task = child.getMetadata().getLabels() == null ? null
              : child.getMetadata().getLabels().get(TektonLabels.PIPELINE_TASK);
          if (task != null) {
            byTask.computeIfAbsent(task, t -> new ArrayList<>()).add(child);
          }
        });
    byTask.values().forEach(children -> children.sort(Comparator.comparing(c -> c.getMetadata().getName())));
  }

  /** The children of one pipeline task: one, or one per combination of a matrixed task. */
  List<HasMetadata> of(String task) {
    return byTask.getOrDefault(task, List.of());
  }

  /** Every child, task by task. */
  List<HasMetadata> all() {
    return byTask.values().stream().flatMap(List::stream).toList();
  }

  /** How many children each task has. */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    byTask.forEach((task, children) -> counts.put(task, children.size()));
    return counts;
  }

  /**
   * How each task with children stands: a task's single child as it is, a matrixed task's
   * children together ({@link MatrixObservation}).
   *
   * @param matrixed the names of the matrixed tasks
   */
  Map<String, TaskObservation> observations(Set<String> matrixed) {
    Map<String, TaskObservation> out = new LinkedHashMap<>();
    byTask.forEach((task, children) -> out.put(task, matrixed.contains(task)
        ? MatrixObservation.aggregate(children.stream().map(PipelineChildren::observe).toList(),
            children.get(0) instanceof CustomRun)
        : observe(children.get(0))));
    return out;
  }

  /**
   * How a child stands. A child asked to stop still runs until it reports that it stopped, as in
   * Tekton: {@code finally} starts only once every task has stopped, so that
   * {@code $(tasks.x.status)} sees a final status. A cancelled child whose {@code statusMessage} is
   * the timeout's counts as cancelled by a timeout (Tekton's {@code isCancelledForTimeOut}).
   */
  static TaskObservation observe(HasMetadata child) {
    ChildOutcome outcome = ChildRuns.observe(child);
    return switch (outcome.phase()) {
      case PENDING, RUNNING -> TaskObservation.running();
      case SUCCEEDED -> new TaskObservation(TaskPhase.SUCCEEDED, outcome.results());
      case FAILED -> new TaskObservation(TaskPhase.FAILED, Map.of());
      case CANCELLED -> new TaskObservation(TaskPhase.CANCELLED, Map.of(), isCancelledByTimeout(child));
    };
  }

  private static boolean isCancelledByTimeout(HasMetadata child) {
    if (child instanceof TaskRun taskRun) {
      return taskRun.getSpec() != null
          && TaskRun.CANCELLED_BY_PIPELINE_TIMEOUT_MSG.equals(taskRun.getSpec().getStatusMessage());
    }
    return child instanceof CustomRun customRun && customRun.getSpec() != null
        && ChildRuns.CUSTOM_RUN_CANCELLED_BY_PIPELINE_TIMEOUT.equals(customRun.getSpec().getStatusMessage());
  }

  /** Asks a running child to stop with Tekton's message for why its PipelineRun stops it. */
  static void cancel(KubernetesClient client, HasMetadata child, boolean byTimeout) {
    String message;
    if (child instanceof TaskRun) {
      message = byTimeout ? TaskRun.CANCELLED_BY_PIPELINE_TIMEOUT_MSG : TaskRun.CANCELLED_BY_PIPELINE_MSG;
    } else {
      message = byTimeout ? ChildRuns.CUSTOM_RUN_CANCELLED_BY_PIPELINE_TIMEOUT : ChildRuns.CUSTOM_RUN_CANCELLED_BY_PIPELINE;
    }
    ChildRuns.cancel(client, child, message);
  }

  static boolean isCancelRequested(HasMetadata child) {
    return ChildRuns.isCancelRequested(child);
  }
}
