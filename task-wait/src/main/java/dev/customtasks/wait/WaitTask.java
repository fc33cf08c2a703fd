package dev.customtasks.wait;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.controller.Attempt;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.InvalidInputException;
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
 * {@code status.extraFields}, so a restarted controller fires neither early nor twice.
 */
public final class WaitTask implements CustomTask<WaitPlan, WaitTask.WaitState> {

  public static final TaskKind KIND = new TaskKind(Wait.API_VERSION, "Wait");
  /** Tekton's own test controller's form, answered so existing Pipelines work unchanged. */
  public static final TaskKind TEKTON_TEST_KIND = new TaskKind("wait.testing.tekton.dev/v1beta1", "Wait");
  public static final TaskKind TEKTON_TEST_KIND_V1ALPHA1 = new TaskKind("wait.testing.tekton.dev/v1alpha1", "Wait");

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
      throw InvalidInputException.param(e.field(), e.problem());
    }
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
      throw InvalidInputException.param("duration", e.getMessage());
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
    return Step.succeeded("waited until " + state.deadline(), results).withState(state);
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
