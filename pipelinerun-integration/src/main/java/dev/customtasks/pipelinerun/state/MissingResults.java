package dev.customtasks.pipelinerun.state;

import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.pipelinerun.substitution.Reference;
import dev.customtasks.pipelinerun.substitution.References;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a task skipped because a result it uses is missing ({@code Results were missing}) means
 * for its run, as Tekton decides it ({@code skipBecauseResultReferencesAreMissing} in
 * {@code resources/pipelinerunresolution.go}, {@code CheckMissingResultReferences} in
 * {@code runNextSchedulableTask}): the run carries on when the task has {@code onError: continue}
 * or the result's task was skipped by its own {@code when}; otherwise the task failed validation,
 * which stops the run and fails it with reason {@code PipelineValidationFailed} and Tekton's error.
 */
final class MissingResults {

  private MissingResults() {
  }

  /**
   * Tekton's validation error for {@code task}, or empty when its missing result lets the run carry on.
   *
   * @param whenSkipped the tasks skipped because their own {@code when} was false
   */
  static Optional<String> validationError(PipelineTask task, Map<String, TaskObservation> observed,
      Map<String, TaskPhase> phases, Set<String> whenSkipped) {
    if (PipelineTask.ON_ERROR_CONTINUE.equals(task.getOnError())) {
      return Optional.empty();
    }
    for (Reference ref : References.in(task)) {
      if (ref.source() != Reference.Source.TASK_RESULT) {
        continue;
      }
      TaskObservation producer = observed.get(ref.name());
      if (producer != null && producer.results().containsKey(ref.result())) {
        continue;
      }
      if (whenSkipped.contains(ref.name())) {
        return Optional.empty();
      }
      if (phases.get(ref.name()) == TaskPhase.SUCCEEDED) {
        return Optional.of("task \"" + ref.name() + "\" completed successfully but did not emit the result \""
            + ref.result() + "\", which is referenced by task \"" + task.getName() + "\"");
      }
      return Optional.of("Invalid task result reference: Could not find result with name " + ref.result()
          + " for pipeline task " + ref.name());
    }
    return Optional.of("Invalid task result reference: a result pipeline task \"" + task.getName()
        + "\" uses could not be resolved");
  }
}
