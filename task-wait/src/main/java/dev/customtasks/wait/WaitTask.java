package dev.customtasks.wait;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.controller.Attempt;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.controller.Step;
import dev.customtasks.crds.controller.TaskInput;
import dev.customtasks.crds.duration.GoDuration;
import dev.customtasks.wait.api.Wait;
import dev.customtasks.wait.api.WaitSpec;
import dev.customtasks.wait.schedule.Deadline;
import dev.customtasks.wait.schedule.InvalidWaitException;
import dev.customtasks.wait.schedule.WaitPlan;
import dev.customtasks.wait.schedule.WaitPlans;
import dev.customtasks.wait.schedule.WaitSchedule;
import dev.customtasks.wait.schedule.WaitScheduleException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Wait}: finishes after a duration, at a timestamp, or at the next opening of a cron
 * window. The deadline is computed once from the run's start and kept in
 * {@code status.extraFields}, so a restarted controller fires neither early nor twice. Tekton's
 * test kind ({@code wait.testing.tekton.dev}) is answered by Tekton's own rules and reasons
 * ({@link TektonTestWait}); our own kind uses the same reasons where they mean the same thing
 * ({@link WaitReasons}).
 */
public final class WaitTask implements CustomTask<WaitPlan, WaitTask.WaitState> {

  public static final TaskKind KIND = new TaskKind(Wait.API_VERSION, "Wait");
  /** Tekton's own test controller's form, answered so existing Pipelines work unchanged. */
  public static final TaskKind TEKTON_TEST_KIND = new TaskKind("wait.testing.tekton.dev/v1beta1", "Wait");
  public static final TaskKind TEKTON_TEST_KIND_V1ALPHA1 = new TaskKind("wait.testing.tekton.dev/v1alpha1", "Wait");

  /** The params our own Wait reads, as {@link WaitSpec} names them. */
  private static final List<String> PARAMS = List.of(WaitPlans.DURATION, WaitPlans.UNTIL, WaitPlans.WINDOW,
      WaitPlans.TIMEZONE, WaitPlans.EXCLUDE, "blackoutDates");

  private final WaitSchedule schedule = new WaitSchedule();

  /** What the run keeps in {@code status.extraFields}. */
  public record WaitState(String deadline, String scheduledFor) {
  }

  @Override
  public String name() {
    return "wait";
  }

  @Override
  public Class<WaitState> stateType() {
    return WaitState.class;
  }

  @Override
  public List<TaskKind> kinds() {
    return List.of(KIND, TEKTON_TEST_KIND, TEKTON_TEST_KIND_V1ALPHA1);
  }

  @Override
  public Optional<ResourceDefinitionContext> namedObjectType(TaskKind kind) {
    return KIND.equals(kind) ? Optional.of(ResourceDefinitionContext.fromResourceType(Wait.class)) : Optional.empty();
  }

  @Override
  public WaitPlan decode(TaskInput input) {
    if (TektonTestWait.KINDS.contains(input.kind())) {
      return new WaitPlan.ForDuration(TektonTestWait.duration(input.run()));
    }
    rejectUnknownParams(input);
    WaitSpec spec = input.decode(WaitSpec.class);
    List<String> forms = new ArrayList<>();
    if (spec.duration() != null) {
      forms.add("duration");
    }
    if (spec.until() != null) {
      forms.add("until");
    }
    if (spec.window() != null) {
      forms.add("window");
    }
    if (forms.isEmpty()) {
      throw InvalidInputException.param("duration", "one of \"duration\", \"until\" or \"window\" is required");
    }
    if (forms.size() > 1) {
      throw InvalidInputException.param(forms.get(1), "only one of \"duration\", \"until\" or \"window\" may be given, got "
          + String.join(" and ", forms));
    }
    if (spec.window() == null) {
      rejectWindowOnly(spec);
    }
    try {
      return switch (forms.get(0)) {
        case "duration" -> WaitPlans.forDuration(parseDuration(spec.duration()), spec.duration());
        case "until" -> WaitPlans.until(spec.until());
        default -> WaitPlans.window(spec.window(), spec.timezone(), blackouts(spec));
      };
    } catch (InvalidWaitException e) {
      if (WaitPlans.DURATION.equals(e.field())) {
        throw invalidDuration(e.problem());
      }
      throw InvalidInputException.param(e.field(), e.problem());
    }
  }

  /** A param the Wait does not know is Tekton's {@code UnexpectedParams}, naming what it knows. */
  private static void rejectUnknownParams(TaskInput input) {
    for (String name : input.params().keySet()) {
      if (!PARAMS.contains(name)) {
        throw new InvalidInputException(WaitReasons.UNEXPECTED_PARAMS, "unknown param \"" + name
            + "\"; known params: " + String.join(", ", PARAMS));
      }
    }
  }

  private static InvalidInputException invalidDuration(String problem) {
    return new InvalidInputException(WaitReasons.INVALID_DURATION, "param \"duration\": " + problem);
  }

  private static void rejectWindowOnly(WaitSpec spec) {
    if (spec.timezone() != null) {
      throw InvalidInputException.param("timezone", "only applies to \"window\"");
    }
    if (spec.exclude() != null || spec.blackoutDates() != null) {
      throw InvalidInputException.param("exclude", "only applies to \"window\"");
    }
  }

  private static java.time.Duration parseDuration(String text) {
    try {
      return GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalidDuration(e.getMessage());
    }
  }

  private static List<String> blackouts(WaitSpec spec) {
    List<String> all = new ArrayList<>();
    Optional.ofNullable(spec.blackoutDates()).ifPresent(all::addAll);
    Optional.ofNullable(spec.exclude()).ifPresent(all::addAll);
    return all;
  }

  @Override
  public Step<WaitState> progress(WaitPlan plan, Attempt<WaitState> attempt) {
    if (TektonTestWait.answers(attempt.run())) {
      return progressOfTektonTestKind((WaitPlan.ForDuration) plan, attempt);
    }
    WaitState state = attempt.state().filter(s -> s.deadline() != null)
        .orElseGet(() -> firstState(plan, attempt.startTime()));
    Instant deadline = Timestamps.parse(state.deadline());
    if (attempt.now().isBefore(deadline)) {
      return Step.running("waiting until " + state.deadline()).withState(state).wakeAt(deadline);
    }
    Map<String, ParamValue> results = new LinkedHashMap<>();
    results.put("startedAt", ParamValue.of(Timestamps.format(attempt.startTime())));
    results.put("firedAt", ParamValue.of(Timestamps.format(attempt.now())));
    if (state.scheduledFor() != null) {
      results.put("scheduledFor", ParamValue.of(state.scheduledFor()));
    }
    if (plan instanceof WaitPlan.ForDuration) {
      return Step.<WaitState>succeeded(WaitReasons.DURATION_ELAPSED, WaitReasons.DURATION_ELAPSED_MESSAGE, results)
          .withState(state);
    }
    return Step.succeeded("waited until " + state.deadline(), results).withState(state);
  }

  /**
   * Tekton's test kind, as its controller answers it: Tekton's reason and messages, no results and
   * no state (the deadline follows from {@code startTime}), and Tekton's default timeout when the
   * run sets none ({@code spec.timeout} itself is the lifecycle's).
   */
  private static Step<WaitState> progressOfTektonTestKind(WaitPlan.ForDuration plan, Attempt<WaitState> attempt) {
    Instant deadline = attempt.startTime().plus(plan.duration());
    Instant wakeAt = deadline;
    if (TektonTestWait.defaultTimeoutApplies(attempt.run())) {
      // Tekton's "elapsed > timeout": the first instant after the default timeout fails the run.
      Instant timeoutAt = attempt.startTime().plus(TektonTestWait.DEFAULT_TIMEOUT);
      if (attempt.now().isAfter(timeoutAt)) {
        return Step.failed(Reasons.TIMED_OUT, "CustomRun \"" + attempt.run().getMetadata().getName()
            + "\" failed to finish within " + GoDuration.format(TektonTestWait.DEFAULT_TIMEOUT)
            + " (Tekton's default timeout)");
      }
      if (deadline.isAfter(timeoutAt)) {
        wakeAt = timeoutAt.plusMillis(1);
      }
    }
    if (attempt.now().isBefore(deadline)) {
      return Step.running(TektonTestWait.RUNNING_MESSAGE, wakeAt);
    }
    return Step.succeeded(WaitReasons.DURATION_ELAPSED, WaitReasons.DURATION_ELAPSED_MESSAGE, Map.of());
  }

  private WaitState firstState(WaitPlan plan, Instant start) {
    try {
      Deadline deadline = schedule.deadlineFor(plan, start);
      return new WaitState(Timestamps.format(deadline.fireAt()),
          deadline.scheduledFor().map(Timestamps::format).orElse(null));
    } catch (WaitScheduleException e) {
      throw InvalidInputException.param("window", e.getMessage());
    }
  }
}
