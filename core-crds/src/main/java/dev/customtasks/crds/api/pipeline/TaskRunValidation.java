package dev.customtasks.crds.api.pipeline;

import dev.customtasks.crds.api.AllowedValues;
import java.util.Optional;

/**
 * What Tekton's webhook refuses in a TaskRun's enum-like fields, with its messages
 * ({@code pkg/apis/pipeline/v1/taskrun_validation.go}): a {@code spec.status} other than
 * {@code TaskRunCancelled} or {@code TaskRunPending}; and in an embedded {@code spec.taskSpec}
 * what {@link PipelineSpecValidation} checks of a Task.
 */
public final class TaskRunValidation {

  /** The values of {@code spec.status} besides none, in the order Tekton's message lists them. */
  public static final AllowedValues SPEC_STATUS = AllowedValues.of(TaskRun.SPEC_STATUS_CANCELLED,
      TaskRun.SPEC_STATUS_PENDING);

  private TaskRunValidation() {
  }

  /** The first problem of {@code spec}'s enum-like fields (null: none), as Tekton words it; empty when valid. */
  public static Optional<String> problem(TaskRunSpec spec) {
    if (spec == null) {
      return Optional.empty();
    }
    String status = spec.getStatus();
    if (status != null && !status.isEmpty() && !SPEC_STATUS.allows(status)) {
      return Optional.of("invalid value: " + status + " should be " + SPEC_STATUS.listed() + ": spec.status");
    }
    return spec.getTaskSpec() == null ? Optional.empty()
        : PipelineSpecValidation.problem(spec.getTaskSpec(), "spec.taskSpec");
  }
}
