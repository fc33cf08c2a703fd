package dev.customtasks.crds.examples;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.api.customrun.CustomRunSpec;
import dev.customtasks.crds.controller.Attempt;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Step;
import dev.customtasks.crds.controller.TaskInput;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Example task that runs a child: it creates one {@link TimerTask} CustomRun and finishes as the
 * child finishes, passing on the child's {@code echo} result. Params: {@code childDuration}.
 */
public final class ParentTask implements CustomTask<ParentTask.Spec> {

  public static final TaskKind KIND = new TaskKind("example.customtasks.dev/v1alpha1", "Parent");

  public record Spec(String childDuration, String message) {
  }

  @Override
  public String name() {
    return "parent";
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
  public Step progress(Spec spec, Attempt attempt) {
    String childName = attempt.children().name("timer");
    CustomRun child = attempt.children().get(CustomRun.class, childName)
        .orElseGet(() -> attempt.children().create(timer(childName, spec)));
    if (!child.isDone()) {
      return Step.running("waiting for " + childName);
    }
    if (!child.getStatus().isSuccessful()) {
      return Step.failed("ChildFailed", "child " + childName + " failed: "
          + child.getStatus().succeededCondition().map(c -> c.getMessage()).orElse(""));
    }
    String echo = child.getStatus().result("echo").map(CustomRunResult::getValue).map(ParamValue::asString)
        .orElse("");
    return Step.succeeded("child finished", Map.of("childEcho", ParamValue.of(echo)));
  }

  private static CustomRun timer(String name, Spec spec) {
    CustomRun run = new CustomRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).build());
    CustomRunSpec runSpec = new CustomRunSpec();
    runSpec.setCustomRef(new TaskRef(TimerTask.KIND.apiVersion(), TimerTask.KIND.kind(), null));
    runSpec.setParams(List.of(Param.of("duration", spec.childDuration()),
        Param.of("result", spec.message() == null ? "from-child" : spec.message())));
    run.setSpec(runSpec);
    return run;
  }
}
