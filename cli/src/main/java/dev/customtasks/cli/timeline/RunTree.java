package dev.customtasks.cli.timeline;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * A run with the runs it created, as read from the API server: a PipelineRun with its TaskRuns
 * and CustomRuns; a CustomRun with what it created (a Matrix's combinations, a Loop's iterations,
 * a sub-pipeline's PipelineRun); a TaskRun with nothing. The only input of {@link Spans}.
 *
 * @param run a {@code PipelineRun}, {@code TaskRun} or {@code CustomRun}
 * @param children the runs it created, in any order
 */
public record RunTree(HasMetadata run, List<RunTree> children) {

  public RunTree {
    children = List.copyOf(children);
  }

  /** A run that created nothing. */
  public static RunTree leaf(HasMetadata run) {
    return new RunTree(run, List.of());
  }
}
