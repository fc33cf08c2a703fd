package dev.customtasks.pipelinerun.validation;

import dev.customtasks.crds.api.pipeline.PipelineSpecValidation;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import java.util.Optional;

/**
 * Tekton's {@code PipelineTask.ValidateOnError} ({@code pkg/apis/pipeline/v1/pipeline_validation.go}):
 * {@code onError} is {@code continue} or {@code stopAndFail} (or a {@code $(params...)} reference),
 * and {@code continue} cannot go with {@code retries} above 0, since a failure that is ignored
 * would never be retried.
 */
final class OnErrorRule {

  private OnErrorRule() {
  }

  /** The problem with {@code task}'s {@code onError}, in Tekton's words; empty when there is none. */
  static Optional<String> check(PipelineTask task) {
    String onError = task.getOnError();
    if (onError == null || onError.isEmpty() || onError.startsWith("$(params.")) {
      return Optional.empty();
    }
    String prefix = "pipeline task \"" + task.getName() + "\": ";
    if (!PipelineSpecValidation.ON_ERROR.allows(onError)) {
      // The path from the object's root: PipelineValidator.validate(spec, ref) says it first.
      return Optional.of(prefix + "invalid value: " + onError
          + ": OnError\nPipelineTask OnError must be either " + PipelineSpecValidation.ON_ERROR.quoted());
    }
    if (PipelineTask.ON_ERROR_CONTINUE.equals(onError) && task.getRetries() != null && task.getRetries() > 0) {
      return Optional.of(prefix + "PipelineTask OnError cannot be set to \"continue\" when Retries is greater than 0");
    }
    return Optional.empty();
  }
}
