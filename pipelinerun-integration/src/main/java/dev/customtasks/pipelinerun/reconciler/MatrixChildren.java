package dev.customtasks.pipelinerun.reconciler;

import dev.customtasks.crds.api.pipeline.ChildStatusReference;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.pipelinerun.matrix.MatrixChild;
import dev.customtasks.pipelinerun.matrix.MatrixNames;
import dev.customtasks.pipelinerun.matrix.MatrixPlan;
import dev.customtasks.pipelinerun.state.Decision;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The child runs a started task gets: one, named {@code <pipelinerun>-<task>}, or for a matrixed
 * task one per combination, named {@code <pipelinerun>-<task>-<index>} ({@link MatrixNames}), each
 * with its own params and the {@code childReferences[].displayName} Tekton gives it. Every child
 * of a matrixed task gets the task's timeout, retries, labels and owner, as Tekton's
 * {@code createTaskRuns} and {@code createCustomRuns} ({@code pkg/reconciler/pipelinerun/pipelinerun.go})
 * build them.
 */
final class MatrixChildren {

  /** The environment variable that sets Tekton's {@code default-max-matrix-combinations-count}. */
  static final String MAX_COMBINATIONS_ENV = "DEFAULT_MAX_MATRIX_COMBINATIONS_COUNT";

  /** A child to create, and the display name its child reference carries. */
  record Planned(HasMetadata child, Optional<String> displayName) {
  }

  private MatrixChildren() {
  }

  static List<Planned> build(PipelineRun run, String pipelineName, Decision.Start start, Optional<Duration> timeout) {
    PipelineTask task = start.task();
    if (!start.isMatrixed()) {
      return List.of(new Planned(ChildRunFactory.build(run, pipelineName, task, start.isFinally(), start.params(),
          timeout), Optional.ofNullable(task.getDisplayName())));
    }
    List<String> names = MatrixNames.childNames(run.getMetadata().getName(), task.getName(), start.matrix().size());
    List<Planned> planned = new ArrayList<>();
    for (MatrixChild child : start.matrix()) {
      HasMetadata built = ChildRunFactory.build(run, pipelineName, task, start.isFinally(), child.params(), timeout);
      built.getMetadata().setName(names.get(child.index()));
      planned.add(new Planned(built, child.displayName()));
    }
    return planned;
  }

  /**
   * A task's existing children by name: a start that lists them again (after a restart cut its
   * fan-out short) records them and creates only the others.
   */
  static Map<String, HasMetadata> byName(List<HasMetadata> existing) {
    Map<String, HasMetadata> byName = new HashMap<>();
    existing.forEach(c -> byName.put(c.getMetadata().getName(), c));
    return byName;
  }

  /**
   * How many children each task is known to have: those the caches show, or those the run's
   * status records, whichever is more (a cache may not show every child just created yet).
   */
  static Map<String, Integer> knownCounts(PipelineChildren children, List<ChildStatusReference> refs) {
    Map<String, Integer> counts = new HashMap<>(children.counts());
    if (refs != null) {
      Map<String, Integer> recorded = new HashMap<>();
      refs.forEach(r -> recorded.merge(r.getPipelineTaskName(), 1, Integer::sum));
      recorded.forEach((task, n) -> counts.merge(task, n, Math::max));
    }
    return counts;
  }

  /** The names of the pipeline's matrixed tasks. */
  static Set<String> matrixed(PipelineSpec spec) {
    return Stream.concat(Optional.ofNullable(spec.getTasks()).orElse(List.of()).stream(),
            Optional.ofNullable(spec.getFinally()).orElse(List.of()).stream())
        .filter(PipelineTask::isMatrixed).map(PipelineTask::getName).collect(Collectors.toSet());
  }

  /** The limit from {@value #MAX_COMBINATIONS_ENV}, else Tekton's default of 256. */
  static int maxCombinationsFromEnvironment() {
    String value = System.getenv(MAX_COMBINATIONS_ENV);
    if (value == null || value.isBlank()) {
      return MatrixPlan.DEFAULT_MAX_COMBINATIONS;
    }
    try {
      int max = Integer.parseInt(value.strip());
      if (max >= 1) {
        return max;
      }
    } catch (NumberFormatException e) {
      // Falls through to the error below.
    }
    throw new IllegalStateException(MAX_COMBINATIONS_ENV + " must be a whole number of at least 1, got \"" + value
        + "\"");
  }
}
