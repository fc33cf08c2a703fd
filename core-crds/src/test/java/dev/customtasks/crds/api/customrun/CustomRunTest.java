package dev.customtasks.crds.api.customrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.TektonYaml;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomRunTest {

  private final CustomRun answered = TektonYaml.read("tekton/customrun-ref.yaml", CustomRun.class);
  private final CustomRun cancelled = TektonYaml.read("tekton/customrun-spec.yaml", CustomRun.class);

  @Test
  void readsTektonsTimeout() {
    assertThat(answered.timeout()).contains(Duration.ofHours(1));
    assertThat(answered.timeoutDeadline()).contains(Instant.parse("2024-05-14T10:00:11Z"));
    assertThat(cancelled.timeout()).contains(Duration.ofMinutes(30));
    assertThat(cancelled.timeoutDeadline()).as("not started").isEmpty();
  }

  @Test
  void zeroOrMissingTimeoutMeansNone() {
    CustomRun run = new CustomRun();
    run.setSpec(new CustomRunSpec());
    assertThat(run.timeout()).isEmpty();
    run.getSpec().setTimeout("0s");
    assertThat(run.timeout()).isEmpty();
  }

  @Test
  void readsParamsOfEveryShape() {
    var params = answered.getSpec().getParams();
    assertThat(params).extracting(p -> p.getValue().type())
        .containsExactly(ParamValue.Type.STRING, ParamValue.Type.ARRAY, ParamValue.Type.OBJECT);
    assertThat(params.get(1).getValue().asArray()).containsExactly("eu-west-1", "us-east-1");
    assertThat(params.get(2).getValue().asObject()).containsEntry("zone", "Europe/Paris");
  }

  @Test
  void readsStatusAsATaskControllerWroteIt() {
    CustomRunStatus status = answered.getStatus();
    assertThat(answered.isDone()).isTrue();
    assertThat(status.isSuccessful()).isTrue();
    assertThat(status.result("regions")).get().extracting(r -> r.getValue().asArray())
        .isEqualTo(List.of("eu-west-1", "us-east-1"));
    assertThat(status.getRetriesStatus()).singleElement()
        .satisfies(attempt -> assertThat(attempt.reason()).contains("TimedOut"));
    assertThat(status.getExtraFields()).isEqualTo(Map.of("attempt", 2, "firedAt", "2024-05-14T09:00:16.512Z",
        "history", List.of("waiting", "fired")));
  }

  @Test
  void readsTheCancelRequest() {
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(cancelled.hasStarted()).isFalse();
    assertThat(answered.isCancelled()).isFalse();
  }

  @Test
  void taskKindComesFromCustomRefThenCustomSpec() {
    assertThat(answered.taskKind()).contains(new TaskKind("wait.testing.tekton.dev/v1beta1", "Wait"));
    assertThat(cancelled.taskKind()).contains(new TaskKind("customtasks.dev/v1alpha1", "Approval"));

    CustomRun both = new CustomRun();
    both.setSpec(new CustomRunSpec());
    both.getSpec().setCustomRef(new TaskRef("customtasks.dev/v1alpha1", "Wait", "nightly"));
    both.getSpec().setCustomSpec(new EmbeddedCustomRunSpec("customtasks.dev/v1alpha1", "Loop", Map.of()));
    assertThat(both.taskKind()).contains(new TaskKind("customtasks.dev/v1alpha1", "Wait"));

    both.getSpec().setCustomRef(new TaskRef(null, null, "only-a-name"));
    assertThat(both.taskKind()).contains(new TaskKind("customtasks.dev/v1alpha1", "Loop"));

    both.getSpec().setCustomSpec(null);
    assertThat(both.taskKind()).isEmpty();
  }
}
