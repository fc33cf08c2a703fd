package dev.customtasks.wait;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.duration.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The input rules of Tekton's test custom task, {@code wait.testing.tekton.dev/v1beta1 Wait} (and
 * its {@code v1alpha1} form), checked in Tekton's order with Tekton's reasons and messages
 * ({@code test/custom-task-ctrls/wait-task-beta/pkg/reconciler/reconciler.go}): a
 * {@code customRef.name} is {@code UnexpectedName}; no {@code duration} param, or an empty or
 * non-string one, is {@code MissingDuration}; any other param is {@code UnexpectedParams}; a
 * duration that does not parse is {@code InvalidDuration}; a timeout equal to the duration is
 * {@code InvalidTimeOut}. Pure: reads only the run.
 */
final class TektonTestWait {

  /** The kinds these rules apply to. */
  static final List<TaskKind> KINDS = List.of(WaitTask.TEKTON_TEST_KIND, WaitTask.TEKTON_TEST_KIND_V1ALPHA1);

  /**
   * Tekton's default timeout, which its test controller applies to a run without
   * {@code spec.timeout} ({@code CustomRun.GetTimeout}, {@code config.DefaultTimeoutMinutes}).
   */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(60);

  /** The message of a run still waiting, as Tekton's test controller writes it. */
  static final String RUNNING_MESSAGE = "Waiting for duration to elapse";

  private TektonTestWait() {
  }

  static boolean answers(CustomRun run) {
    return run.taskKind().filter(KINDS::contains).isPresent();
  }

  /**
   * The run's duration; a negative one is zero (Go parses it, and the wait then ends at once).
   *
   * @throws InvalidInputException with one of the reasons above
   */
  static Duration duration(CustomRun run) {
    String refName = run.getSpec().getCustomRef() == null ? null : run.getSpec().getCustomRef().getName();
    if (refName != null && !refName.isEmpty()) {
      throw new InvalidInputException(WaitReasons.UNEXPECTED_NAME, "Found unexpected ref name: " + refName);
    }
    List<Param> params = Optional.ofNullable(run.getSpec().getParams()).orElse(List.of());
    String text = params.stream().filter(p -> "duration".equals(p.getName())).findFirst()
        .map(Param::getValue).filter(v -> v.problem().isEmpty() && v.type() == ParamValue.Type.STRING)
        .map(ParamValue::asString).orElse("");
    if (text.isEmpty()) {
      throw new InvalidInputException(WaitReasons.MISSING_DURATION, "The duration param was not passed");
    }
    if (params.size() != 1) {
      List<String> others = new ArrayList<>();
      params.stream().map(Param::getName).filter(n -> !"duration".equals(n)).forEach(others::add);
      // Go's %v of a []string: [a b]
      throw new InvalidInputException(WaitReasons.UNEXPECTED_PARAMS,
          "Found unexpected params: [" + String.join(" ", others) + "]");
    }
    Duration duration = parse(text);
    if (duration.equals(effectiveTimeout(run))) {
      throw new InvalidInputException(WaitReasons.INVALID_TIMEOUT, "Spec.Timeout shouldn't equal duration");
    }
    return duration.isNegative() ? Duration.ZERO : duration;
  }

  /** {@code spec.timeout} as written (zero included), else {@link #DEFAULT_TIMEOUT}. */
  static Duration effectiveTimeout(CustomRun run) {
    String timeout = run.getSpec().getTimeout();
    if (timeout == null || timeout.isBlank()) {
      return DEFAULT_TIMEOUT;
    }
    // A malformed timeout has already failed the run (InvalidRunSpec) before the input is read.
    return GoDuration.timeout(timeout).orElse(Duration.ZERO);
  }

  /** Whether only Tekton's default timeout bounds the run: {@code spec.timeout} is not set. */
  static boolean defaultTimeoutApplies(CustomRun run) {
    String timeout = run.getSpec().getTimeout();
    return timeout == null || timeout.isBlank();
  }

  private static Duration parse(String text) {
    boolean negative = text.startsWith("-");
    try {
      Duration duration = GoDuration.parse(negative ? text.substring(1) : text);
      return negative ? duration.negated() : duration;
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(WaitReasons.INVALID_DURATION, "The duration param was invalid: "
          + e.getMessage());
    }
  }
}
