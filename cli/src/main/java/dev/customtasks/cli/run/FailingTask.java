package dev.customtasks.cli.run;

import dev.customtasks.cli.describe.PipelineRunChildren;
import dev.customtasks.cli.describe.PipelineRunTree;
import dev.customtasks.crds.api.RunStatus;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.ChildStatusReference;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The task a failed PipelineRun failed on, for the last line of {@code ctk run}: the first of the
 * PipelineRun's own runs that failed, in the pipeline's order (tasks, then finally tasks), and,
 * where that run ran a whole pipeline (a SubPipeline CustomRun, or a child PipelineRun), the
 * failing task inside it, all the way down, so the line names the innermost cause.
 *
 * <p>The PipelineRun's own runs are those its {@code status.childReferences} name and those
 * owned by it (owner reference to its uid). The runs of a Matrix or a Loop carry their parent's
 * labels, {@code tekton.dev/pipelineRun} included, but are owned by the Matrix's or Loop's
 * CustomRun, so they are not among them.
 */
final class FailingTask {

  /**
   * The innermost failure under a failed run.
   *
   * @param path the pipeline tasks from the top down, "/"-separated ({@code p/p})
   * @param reason the failing run's {@code Succeeded} condition's reason
   * @param message its message
   */
  record Cause(String path, String reason, String message) {

    /** {@code ; task PATH: REASON: MESSAGE}, to follow the PipelineRun's own reason. */
    String suffix() {
      return "; task " + path + ": " + reason + ": " + message;
    }
  }

  private FailingTask() {
  }

  /** The innermost failing task under {@code run}, or empty when none of its runs failed. */
  static Optional<Cause> of(KubernetesClient client, PipelineRun run) {
    return of(client, run, 0, new HashSet<>());
  }

  private static Optional<Cause> of(KubernetesClient client, PipelineRun run, int depth, Set<String> seen) {
    seen.add(run.getMetadata().getUid());
    for (HasMetadata child : ownRuns(client, run)) {
      RunStatus status = status(child);
      if (status == null || !status.isFailed()) {
        continue;
      }
      String task = taskOf(child, run);
      if (depth < PipelineRunTree.MAX_FOLLOWED) {
        List<PipelineRun> nested = child instanceof PipelineRun pipelineRun ? List.of(pipelineRun)
            : child instanceof CustomRun ? PipelineRunTree.nested(client, child) : List.of();
        // The newest nested run is the one a retried task ended with.
        for (int i = nested.size() - 1; i >= 0; i--) {
          PipelineRun inner = nested.get(i);
          if (seen.contains(inner.getMetadata().getUid()) || inner.getStatus() == null || !inner.getStatus().isFailed()) {
            continue;
          }
          Optional<Cause> cause = of(client, inner, depth + 1, seen);
          if (cause.isPresent()) {
            return cause.map(c -> new Cause(task + "/" + c.path(), c.reason(), c.message()));
          }
        }
      }
      var condition = status.succeededCondition().orElseThrow();
      return Optional.of(new Cause(task, condition.getReason(), condition.getMessage()));
    }
    return Optional.empty();
  }

  /**
   * The runs {@code run} itself created (CustomRuns, TaskRuns, child PipelineRuns), in the order of
   * its pipeline's tasks; runs of the same task by creation.
   */
  static List<HasMetadata> ownRuns(KubernetesClient client, PipelineRun run) {
    List<String> order = taskOrder(run);
    return PipelineRunChildren.found(client, run).stream()
        // Owned by this run; or named in its childReferences and left by no earlier run of its name.
        .filter(r -> ownedBy(r, run) || referenced(r, run) && !ownedByAnother(r, run))
        .sorted(Comparator.<HasMetadata>comparingInt(r -> {
              int index = order.indexOf(taskOf(r, run));
              return index < 0 ? Integer.MAX_VALUE : index;
            })
            .thenComparing(r -> Optional.ofNullable(r.getMetadata().getCreationTimestamp()).orElse(""))
            .thenComparing(r -> r.getMetadata().getName()))
        .toList();
  }

  private static boolean referenced(HasMetadata child, PipelineRun run) {
    return references(run).stream().anyMatch(r -> child.getKind().equals(r.getKind())
        && child.getMetadata().getName().equals(r.getName()));
  }

  private static String taskOf(HasMetadata child, PipelineRun run) {
    Map<String, String> labels = child.getMetadata().getLabels();
    if (labels != null && labels.get(TektonLabels.PIPELINE_TASK) != null) {
      return labels.get(TektonLabels.PIPELINE_TASK);
    }
    return references(run).stream()
        .filter(r -> child.getMetadata().getName().equals(r.getName()) && r.getPipelineTaskName() != null)
        .map(ChildStatusReference::getPipelineTaskName).findFirst().orElse("?");
  }

  private static List<String> taskOrder(PipelineRun run) {
    PipelineSpec spec = run.getStatus() != null && run.getStatus().getPipelineSpec() != null
        ? run.getStatus().getPipelineSpec() : run.getSpec() == null ? null : run.getSpec().getPipelineSpec();
    List<String> names = new ArrayList<>();
    if (spec != null) {
      Optional.ofNullable(spec.getTasks()).orElse(List.of()).stream().map(PipelineTask::getName).forEach(names::add);
      Optional.ofNullable(spec.getFinally()).orElse(List.of()).stream().map(PipelineTask::getName).forEach(names::add);
    }
    return names;
  }

  private static RunStatus status(HasMetadata run) {
    if (run instanceof CustomRun c) {
      return c.getStatus();
    }
    if (run instanceof TaskRun t) {
      return t.getStatus();
    }
    return run instanceof PipelineRun p ? p.getStatus() : null;
  }

  private static List<ChildStatusReference> references(PipelineRun run) {
    return run.getStatus() == null || run.getStatus().getChildReferences() == null ? List.of()
        : run.getStatus().getChildReferences();
  }

  private static boolean ownedBy(HasMetadata child, PipelineRun run) {
    String uid = run.getMetadata().getUid();
    return uid != null && child.getMetadata().getOwnerReferences() != null
        && child.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()));
  }

  /** A run of the same name left by an earlier PipelineRun of the same name. */
  private static boolean ownedByAnother(HasMetadata child, PipelineRun run) {
    String uid = run.getMetadata().getUid();
    return uid != null && child.getMetadata().getOwnerReferences() != null
        && child.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> PipelineRun.KIND.equals(o.getKind()) && !uid.equals(o.getUid()));
  }
}
