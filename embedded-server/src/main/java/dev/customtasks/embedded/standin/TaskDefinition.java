package dev.customtasks.embedded.standin;

import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.pipeline.Task;
import dev.customtasks.crds.api.pipeline.TaskResult;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the stand-in needs of the task a TaskRun runs: its declared results, and the annotations
 * that steer the stand-in. For a {@code taskSpec} that is the TaskRun's own; for a {@code taskRef}
 * to a Task in the run's namespace, the Task's spec and annotations under the TaskRun's, as Tekton
 * merges them.
 */
record TaskDefinition(List<TaskResult> results, Map<String, String> annotations) {

  /** Empty when the TaskRun names a Task that cannot be read. */
  static Optional<TaskDefinition> of(TaskRun run, KubernetesClient client) {
    Map<String, String> own = Optional.ofNullable(run.getMetadata().getAnnotations()).orElse(Map.of());
    TaskRef ref = run.getSpec().getTaskRef();
    if (run.getSpec().getTaskSpec() != null || ref == null) {
      return Optional.of(new TaskDefinition(declared(run.getSpec().getTaskSpec()), own));
    }
    if (!isTask(ref) || ref.getName() == null || ref.getName().isBlank()) {
      return Optional.empty();
    }
    Task task = client.resources(Task.class).inNamespace(run.getMetadata().getNamespace()).withName(ref.getName())
        .get();
    if (task == null) {
      return Optional.empty();
    }
    Map<String, String> merged = new HashMap<>(Optional.ofNullable(task.getMetadata().getAnnotations())
        .orElse(Map.of()));
    merged.putAll(own);
    return Optional.of(new TaskDefinition(declared(task.getSpec()), merged));
  }

  /** The condition message for a TaskRun whose task cannot be read, as Tekton words it. */
  static String missing(TaskRun run) {
    TaskRef ref = run.getSpec().getTaskRef();
    if (ref != null && !isTask(ref)) {
      return "Couldn't retrieve Task: the executor stand-in reads only tekton.dev Tasks in the run's namespace, "
          + "not " + ref.getKind() + (ref.getApiVersion() == null ? "" : " of " + ref.getApiVersion());
    }
    if (ref == null || ref.getName() == null || ref.getName().isBlank()) {
      return "Couldn't retrieve Task: taskRef has no name (remote resolution is not available here)";
    }
    return "Couldn't retrieve Task \"" + ref.getName() + "\": tasks.tekton.dev \"" + ref.getName() + "\" not found";
  }

  private static boolean isTask(TaskRef ref) {
    return (ref.getKind() == null || Task.KIND.equals(ref.getKind()))
        && (ref.getApiVersion() == null || ref.getApiVersion().startsWith("tekton.dev/"));
  }

  private static List<TaskResult> declared(TaskSpec spec) {
    return spec == null || spec.getResults() == null ? List.of() : spec.getResults();
  }
}
