package dev.customtasks.crds.examples;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.child.ChildOutcome;
import dev.customtasks.crds.child.ChildRunSpec;
import dev.customtasks.crds.child.ChildRuns;
import dev.customtasks.crds.child.ChildTarget;
import dev.customtasks.crds.controller.Attempt;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Step;
import dev.customtasks.crds.controller.TaskInput;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Example task that runs a child: it creates one {@link TimerTask} CustomRun and finishes as the
 * child finishes, passing on the child's {@code echo} result. Params: {@code childDuration}.
 */
public final class ParentTask implements CustomTask<ParentTask.Spec, Void> {

  public static final TaskKind KIND = new TaskKind("example.customtasks.dev/v1alpha1", "Parent");

  public record Spec(String childDuration, String message) {
  }

  @Override
  public String name() {
    return "parent";
  }

  @Override
  public Class<Void> stateType() {
    return Void.class;
  }

  @Override
  public List<TaskKind> kinds() {
    return List.of(KIND);
  }

  @Override
  public Set<Class<? extends HasMetadata>> childTypes() {
    return Set.of(CustomRun.class);
  }

  @Override
  public Spec decode(TaskInput input) {
    Spec spec = input.decode(Spec.class);
    if (spec.childDuration() == null) {
      throw InvalidInputException.param("childDuration", "is required");
    }
    return spec;
  }

  @Override
  public Step<Void> progress(Spec spec, Attempt<Void> attempt) {
    String childName = attempt.children().name("timer");
    ChildOutcome child = attempt.children().outcome(CustomRun.class, childName)
        .orElseGet(() -> ChildRuns.observe(attempt.children().createRun("timer", timer(spec), Map.of())));
    if (!child.isDone()) {
      return Step.running("waiting for " + childName);
    }
    if (!child.isSuccessful()) {
      return Step.failed("ChildFailed", "child " + childName + " failed: " + child.message());
    }
    String echo = Optional.ofNullable(child.results().get("echo")).map(ParamValue::asString).orElse("");
    return Step.succeeded("child finished", Map.of("childEcho", ParamValue.of(echo)));
  }

  private static ChildRunSpec timer(Spec spec) {
    return ChildRunSpec.of(new ChildTarget.CustomByRef(new TaskRef(TimerTask.KIND.apiVersion(), TimerTask.KIND.kind(),
        null)), List.of(Param.of("duration", spec.childDuration()),
        Param.of("result", spec.message() == null ? "from-child" : spec.message())));
  }
}
