package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.customtasks.crds.api.AllowedValues;
import dev.customtasks.crds.duration.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Tekton's webhook refuses in a PipelineRun beyond its pipeline, with its messages (knative's
 * {@code FieldError} wording), from {@code pkg/apis/pipeline/v1/pipelinerun_validation.go}:
 * {@code spec.status} other than {@code Cancelled}, {@code CancelledRunFinally},
 * {@code StoppedRunFinally} or {@code PipelineRunPending} (v1beta1's {@code PipelineRunCancelled}
 * too: Tekton refuses it since v0.38, which removed it), or {@code PipelineRunPending} once started;
 * {@code timeouts.tasks} or {@code timeouts.finally} longer than {@code timeouts.pipeline} (or
 * than the default timeout when that is not set), or the two together longer; and, on an update,
 * a spec changed after the run started except for {@code spec.status} (cancel), or changed at all
 * once it is done.
 */
public final class PipelineRunValidation {

  private static final Duration NO_TIMEOUT = Duration.ZERO;

  /** The values of {@code spec.status} besides none, in the order Tekton's message lists them. */
  public static final AllowedValues SPEC_STATUS = AllowedValues.of(PipelineRun.SPEC_STATUS_CANCELLED,
      PipelineRun.SPEC_STATUS_CANCELLED_RUN_FINALLY, PipelineRun.SPEC_STATUS_STOPPED_RUN_FINALLY,
      PipelineRun.SPEC_STATUS_PENDING);

  private PipelineRunValidation() {
  }

  /** The problem of {@code spec.status} (null or empty: none asked), in Tekton's words; empty when valid. */
  public static Optional<String> specStatusProblem(String status) {
    if (status == null || status.isEmpty() || SPEC_STATUS.allows(status)) {
      return Optional.empty();
    }
    return Optional.of("invalid value: " + status + " should be " + SPEC_STATUS.listed() + ": spec.status");
  }

  /**
   * The problem of a PipelineRun (whole object as JSON) asked to be pending after it started, in
   * Tekton's words; empty otherwise.
   */
  public static Optional<String> pendingAfterStartProblem(JsonNode run) {
    boolean pending = PipelineRun.SPEC_STATUS_PENDING.equals(run.path("spec").path("status").asText(""));
    boolean started = !run.path("status").path("startTime").asText("").isEmpty();
    return pending && started ? Optional.of("invalid value: PipelineRun cannot be Pending after it is started: "
        + "spec.status") : Optional.empty();
  }

  /**
   * The problems of {@code timeouts} (null when absent), one per line as knative joins them; empty
   * when valid.
   *
   * @throws IllegalArgumentException when a duration cannot be read (the caller says so as it does today)
   */
  public static Optional<String> timeoutsProblem(TimeoutFields timeouts, Duration defaultTimeout) {
    if (timeouts == null) {
      return Optional.empty();
    }
    List<String> problems = new ArrayList<>();
    Optional<Duration> pipeline = timeouts.pipelineDuration();
    Duration limit = pipeline.orElse(defaultTimeout);
    String should = pipeline.isPresent() ? "should be <= pipeline duration" : "should be <= default timeout duration";
    Optional<Duration> tasks = timeouts.tasksDuration();
    Optional<Duration> finallyTimeout = timeouts.finallyDuration();
    tasks.flatMap(d -> longer(d, limit, should, "spec.timeouts.tasks")).ifPresent(problems::add);
    finallyTimeout.flatMap(d -> longer(d, limit, should, "spec.timeouts.finally")).ifPresent(problems::add);
    if (tasks.isPresent() && finallyTimeout.isPresent() && tasks.get().plus(finallyTimeout.get()).compareTo(limit) > 0) {
      problems.add("invalid value: " + GoDuration.format(tasks.get()) + " + " + GoDuration.format(finallyTimeout.get())
          + " " + should + ": spec.timeouts.finally, spec.timeouts.tasks");
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
  }

  private static Optional<String> longer(Duration d, Duration limit, String should, String field) {
    String text = GoDuration.format(d);
    boolean tooLong = d.compareTo(limit) > 0 && !limit.equals(NO_TIMEOUT);
    if (d.equals(NO_TIMEOUT) && !limit.equals(NO_TIMEOUT)) {
      tooLong = true;
      text += " (no timeout)";
    }
    return tooLong ? Optional.of("invalid value: " + text + " " + should + ": " + field) : Optional.empty();
  }

  /**
   * The problem of updating a PipelineRun from {@code old} to {@code updated} (whole objects as
   * JSON); empty when allowed. A run not yet started may change; a started one only its
   * {@code spec.status}; a done one not at all.
   */
  public static Optional<String> updateProblem(JsonNode old, JsonNode updated) {
    JsonNode oldStatus = old.path("status");
    boolean started = !oldStatus.path("startTime").asText("").isEmpty();
    boolean done = false;
    for (JsonNode condition : oldStatus.path("conditions")) {
      if ("Succeeded".equals(condition.path("type").asText())) {
        String status = condition.path("status").asText("");
        done = !status.isEmpty() && !"Unknown".equals(status);
      }
    }
    JsonNode oldSpec = old.path("spec");
    JsonNode newSpec = updated.path("spec");
    if (done) {
      return oldSpec.equals(newSpec) ? Optional.empty()
          : Optional.of("invalid value: Once the PipelineRun is complete, no updates are allowed: spec");
    }
    if (!started) {
      return Optional.empty();
    }
    return withoutStatus(oldSpec).equals(withoutStatus(newSpec)) ? Optional.empty()
        : Optional.of("invalid value: Once the PipelineRun has started, only status updates are allowed: spec");
  }

  private static JsonNode withoutStatus(JsonNode spec) {
    if (!spec.isObject()) {
      return spec;
    }
    ObjectNode copy = ((ObjectNode) spec).deepCopy();
    copy.remove("status");
    return copy;
  }
}
