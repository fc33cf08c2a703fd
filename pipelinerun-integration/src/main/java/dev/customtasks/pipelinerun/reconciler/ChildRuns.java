package dev.customtasks.pipelinerun.reconciler;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskRunResult;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.pipelinerun.state.TaskObservation;
import dev.customtasks.pipelinerun.state.TaskPhase;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A PipelineRun's child runs as the controller's caches show them, by pipeline task: how each
 * stands, and the IO to create and cancel them.
 */
final class ChildRuns {

  static final String CANCELLED_BY_PIPELINE = "CustomRun cancelled as the PipelineRun it belongs to has been cancelled.";
  static final String CANCELLED_BY_TIMEOUT = "CustomRun cancelled as the PipelineRun it belongs to has timed out.";

  private final Map<String, HasMetadata> byTask = new LinkedHashMap<>();

  ChildRuns(PipelineRun run, Set<CustomRun> customRuns, Set<TaskRun> taskRuns) {
    String uid = run.getMetadata().getUid();
    Stream.concat(customRuns.stream(), taskRuns.stream())
        .filter(child -> child.getMetadata().getOwnerReferences() != null
            && child.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid())))
        .forEach(child -> {
          String task = child.getMetadata().getLabels() == null ? null
              : child.getMetadata().getLabels().get(TektonLabels.PIPELINE_TASK);
          if (task != null) {
            byTask.put(task, child);
          }
        });
  }

  Map<String, HasMetadata> byTask() {
    return byTask;
  }

  Map<String, TaskObservation> observations() {
    Map<String, TaskObservation> out = new LinkedHashMap<>();
    byTask.forEach((task, child) -> out.put(task, observe(child)));
    return out;
  }

  /**
   * A child asked to stop counts as cancelled at once, as in Tekton: the run does not wait for a
   * task controller to acknowledge (one may not exist, or may be down) before it moves on.
   */
  static TaskObservation observe(HasMetadata child) {
    if (isCancelRequested(child) && !isDone(child)) {
      return new TaskObservation(TaskPhase.CANCELLED, Map.of());
    }
    if (child instanceof CustomRun run) {
      if (!run.isDone()) {
        return TaskObservation.running();
      }
      if (run.getStatus().isSuccessful()) {
        Map<String, ParamValue> results = new LinkedHashMap<>();
        List<CustomRunResult> list = run.getStatus().getResults();
        if (list != null) {
          list.forEach(r -> results.put(r.getName(), r.getValue()));
        }
        return new TaskObservation(TaskPhase.SUCCEEDED, results);
      }
      return new TaskObservation(run.isCancelled() ? TaskPhase.CANCELLED : TaskPhase.FAILED, Map.of());
    }
    TaskRun run = (TaskRun) child;
    if (!run.isDone()) {
      return TaskObservation.running();
    }
    if (run.isSuccessful()) {
      Map<String, ParamValue> results = new LinkedHashMap<>();
      List<TaskRunResult> list = run.getStatus().getResults();
      if (list != null) {
        list.forEach(r -> results.put(r.getName(), r.getValue()));
      }
      return new TaskObservation(TaskPhase.SUCCEEDED, results);
    }
    return new TaskObservation(run.isCancelled() ? TaskPhase.CANCELLED : TaskPhase.FAILED, Map.of());
  }

  /** Asks a running child to stop, the way Tekton does: {@code spec.status} with a message. */
  static void cancel(KubernetesClient client, HasMetadata child, boolean byTimeout) {
    String message = byTimeout ? CANCELLED_BY_TIMEOUT : CANCELLED_BY_PIPELINE;
    String status = child instanceof CustomRun ? CustomRun.CANCELLED : TaskRun.SPEC_STATUS_CANCELLED;
    if (child instanceof TaskRun) {
      message = message.replace("CustomRun", "TaskRun");
    }
    String patch = "{\"spec\":{\"status\":\"" + status + "\",\"statusMessage\":"
        + Serialization.asJson(message) + "}}";
    try {
      client.resources(child.getClass()).inNamespace(child.getMetadata().getNamespace())
          .withName(child.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private static boolean isDone(HasMetadata child) {
    return child instanceof CustomRun run ? run.isDone() : ((TaskRun) child).isDone();
  }

  static boolean isCancelRequested(HasMetadata child) {
    return child instanceof CustomRun run ? run.isCancelled() : ((TaskRun) child).isCancelled();
  }
}
