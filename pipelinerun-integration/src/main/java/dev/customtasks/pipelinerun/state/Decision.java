package dev.customtasks.pipelinerun.state;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.pipelinerun.matrix.MatrixChild;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a PipelineRun should do now: which tasks to start (with params resolved), which to skip
 * and why, which running children to cancel, and, once everything is over, how it ended.
 */
public record Decision(List<Start> start, Map<String, String> skip, Set<String> cancel, Condition condition,
    Optional<Completion> completion) {

  /**
   * A task to start now, its params already substituted.
   *
   * @param matrix for a matrixed task, its children in index order (each with its own params);
   *     empty for a task with a single child run, which gets {@code params}
   */
  public record Start(PipelineTask task, boolean isFinally, List<Param> params, List<MatrixChild> matrix) {

    public Start {
      matrix = List.copyOf(matrix);
    }

    public Start(PipelineTask task, boolean isFinally, List<Param> params) {
      this(task, isFinally, params, List.of());
    }

    public boolean isMatrixed() {
      return !matrix.isEmpty();
    }
  }

  /** The {@code Succeeded} condition to report: reason and message. */
  public record Condition(String reason, String message) {
  }

  /** How the run ended: {@code succeeded} is the condition's True/False. */
  public record Completion(boolean succeeded, String reason, String message) {
  }
}
