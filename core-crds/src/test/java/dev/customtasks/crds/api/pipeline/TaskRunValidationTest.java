package dev.customtasks.crds.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class TaskRunValidationTest {

  private static TaskRunSpec spec(String yaml) {
    return Serialization.unmarshal("spec: " + yaml, TaskRun.class).getSpec();
  }

  @Test
  void specStatusIsNoneCancelledOrPending() {
    assertThat(TaskRunValidation.problem(spec("{taskRef: {name: t}}"))).isEmpty();
    assertThat(TaskRunValidation.problem(spec("{taskRef: {name: t}, status: TaskRunCancelled}"))).isEmpty();
    assertThat(TaskRunValidation.problem(spec("{taskRef: {name: t}, status: TaskRunPending}"))).isEmpty();
    assertThat(TaskRunValidation.problem(spec("{taskRef: {name: t}, status: Cancelled}")))
        .contains("invalid value: Cancelled should be TaskRunCancelled or TaskRunPending: spec.status");
  }

  @Test
  void anEmbeddedTaskSpecIsCheckedAsATask() {
    assertThat(TaskRunValidation.problem(spec("{taskSpec: {steps: [{name: s, onError: skip}]}}")))
        .contains("invalid value: \"skip\": spec.taskSpec.steps[0].onError\nTask step onError must be either "
            + "\"continue\" or \"stopAndFail\"");
  }
}
