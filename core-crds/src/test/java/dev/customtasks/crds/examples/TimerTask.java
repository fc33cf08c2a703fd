package dev.customtasks.crds.examples;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import dev.customtasks.crds.controller.Attempt;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Step;
import dev.customtasks.crds.controller.TaskInput;
import dev.customtasks.crds.duration.GoDuration;
import java.time.Instant;
import java.util.Map;

/**
 * Example task that finishes on a timer: the smallest custom task there is. Params:
 * {@code duration} (Go duration, required), {@code failAttempts} (fail that many attempts first,
 * to exercise retries), {@code result} (echoed back as result {@code echo}).
 */
public final class TimerTask implements CustomTask<TimerTask.Spec, Void> {

  public static final TaskKind KIND = new TaskKind("example.customtasks.dev/v1alpha1", "Timer");

  public record Spec(String duration, Integer failAttempts, String result) {
  }

  @Override
  public String name() {
    return "timer";
  }

  /** Timers may be named objects too ({@code customRef.name}), to show how a task reads one. */
  @Override
  public java.util.Optional<ResourceDefinitionContext> namedObjectType(TaskKind kind) {
    return java.util.Optional.of(new ResourceDefinitionContext.Builder().withGroup("example.customtasks.dev")
        .withVersion("v1alpha1").withKind("Timer").withPlural("timers").withNamespaced(true).build());
  }

  @Override
  public Class<Void> stateType() {
    return Void.class;
  }

  @Override
  public java.util.List<TaskKind> kinds() {
    return java.util.List.of(KIND);
  }

  @Override
  public Spec decode(TaskInput input) {
    Spec spec = input.decode(Spec.class);
    if (spec.duration() == null) {
      throw InvalidInputException.param("duration", "is required");
    }
    try {
      GoDuration.parse(spec.duration());
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.param("duration", e.getMessage());
    }
    return spec;
  }

  @Override
  public Step<Void> progress(Spec spec, Attempt<Void> attempt) {
    if (spec.failAttempts() != null && attempt.number() <= spec.failAttempts()) {
      return Step.failed("ExampleFailure", "attempt " + attempt.number() + " fails on purpose");
    }
    Instant due = attempt.startTime().plus(GoDuration.parse(spec.duration()));
    if (attempt.now().isBefore(due)) {
      return Step.running("waiting until " + due, due);
    }
    return Step.succeeded("timer fired", Map.of(
        "attempt", ParamValue.of(Integer.toString(attempt.number())),
        "echo", ParamValue.of(spec.result() == null ? "" : spec.result())));
  }

}
