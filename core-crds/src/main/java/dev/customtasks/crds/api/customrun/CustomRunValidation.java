package dev.customtasks.crds.api.customrun;

import dev.customtasks.crds.api.TaskRef;
import java.util.Optional;

/**
 * What Tekton's webhook refuses in a CustomRun's spec, with its messages (knative's
 * {@code FieldError} wording), checked in the order Tekton checks them
 * ({@code pkg/apis/pipeline/v1beta1/customrun_validation.go}): exactly one of {@code customRef} and
 * {@code customSpec}, each with an {@code apiVersion} and a {@code kind}; no {@code statusMessage}
 * without a {@code status}. Beyond Tekton's CustomRun webhook, and as its TaskRun and PipelineRun
 * webhooks do for their own {@code spec.status}, a {@code status} other than {@code RunCancelled}
 * is refused: a misspelt cancel must not run as if absent.
 */
public final class CustomRunValidation {

  private CustomRunValidation() {
  }

  /** The first problem of {@code spec} (null for a spec that is missing), as Tekton words it; empty when valid. */
  public static Optional<String> problem(CustomRunSpec spec) {
    if (spec == null) {
      return Optional.of("missing field(s): spec");
    }
    TaskRef ref = spec.getCustomRef();
    EmbeddedCustomRunSpec embedded = spec.getCustomSpec();
    if (ref != null && embedded != null) {
      return Optional.of("expected exactly one, got both: spec.customRef, spec.customSpec");
    }
    if (ref == null && embedded == null) {
      return Optional.of("expected exactly one, got neither: spec.customRef, spec.customSpec");
    }
    if (ref != null) {
      if (blank(ref.getApiVersion())) {
        return missing("spec.customRef.apiVersion");
      }
      if (blank(ref.getKind())) {
        return missing("spec.customRef.kind");
      }
    }
    if (embedded != null) {
      if (blank(embedded.getApiVersion())) {
        return missing("spec.customSpec.apiVersion");
      }
      if (blank(embedded.getKind())) {
        return missing("spec.customSpec.kind");
      }
    }
    String status = spec.getStatus();
    if (blank(status) && !blank(spec.getStatusMessage())) {
      return Optional.of("invalid value: statusMessage should not be set if status is not set, but it is currently "
          + "set to " + spec.getStatusMessage() + ": statusMessage");
    }
    if (!blank(status) && !CustomRun.CANCELLED.equals(status)) {
      return Optional.of("invalid value: " + status + " should be " + CustomRun.CANCELLED + ": spec.status");
    }
    return Optional.empty();
  }

  private static Optional<String> missing(String field) {
    return Optional.of("missing field(s): " + field);
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }
}
