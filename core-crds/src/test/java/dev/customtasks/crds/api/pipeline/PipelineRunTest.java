package dev.customtasks.crds.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TektonYaml;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineRunTest {

  private final PipelineRun finished = TektonYaml.read("tekton/pipelinerun.yaml", PipelineRun.class);

  @Test
  void readsTheOutcome() {
    assertThat(finished.isDone()).isTrue();
    assertThat(finished.isSuccessful()).isTrue();
    assertThat(finished.isFailure()).isFalse();
    assertThat(finished.getStatus().reason()).contains(PipelineRunReason.COMPLETED);
    assertThat(finished.getStatus().finallyStartInstant()).isEqualTo(Instant.parse("2024-05-14T09:12:30Z"));
    assertThat(finished.getStatus().result("summary")).get().extracting(r -> r.getValue().asObject())
        .isEqualTo(Map.of("digest", "sha256:4b825dc642cb6eb9a060e54bf8d69288fbee4904", "channel", "stable"));
  }

  @Test
  void readsChildrenAndSkippedTasks() {
    PipelineRunStatus status = finished.getStatus();
    assertThat(status.childReferencesFor("wait-for-window")).singleElement().satisfies(child -> {
      assertThat(child.getApiVersion()).isEqualTo("tekton.dev/v1beta1");
      assertThat(child.getKind()).isEqualTo("CustomRun");
      assertThat(child.getName()).isEqualTo("release-x7k2p-wait-for-window");
    });
    assertThat(status.childReferencesFor("canary")).isEmpty();
    assertThat(status.getSkippedTasks()).singleElement().satisfies(skipped -> {
      assertThat(skipped.getName()).isEqualTo("canary");
      assertThat(skipped.getReason()).isEqualTo(SkippingReason.WHEN_EXPRESSIONS);
      assertThat(skipped.getWhenExpressions().get(0).getValues()).containsExactly("beta");
    });
    assertThat(status.getPipelineSpec().task("canary").orElseThrow().getTaskSpec().getSpec()).isNull();
  }

  @Test
  void readsSpec() {
    PipelineRunSpec spec = finished.getSpec();
    assertThat(spec.getPipelineRef().getName()).isEqualTo("release");
    assertThat(spec.getParams().get(1).getValue()).isEqualTo(ParamValue.ofArray(java.util.List.of("eu-west-1")));
    assertThat(spec.getTaskRunTemplate().getServiceAccountName()).isEqualTo("default");
    assertThat(spec.getTaskRunSpecs()).singleElement().satisfies(s -> assertThat(s).containsEntry("pipelineTaskName", "build"));
  }

  @Test
  void derivesTimeoutsAsTektonDoes() {
    assertThat(finished.pipelineTimeout(PipelineRun.DEFAULT_TIMEOUT)).isEqualTo(Duration.ofHours(2));
    assertThat(finished.tasksTimeout()).contains(Duration.ofMinutes(90));
    assertThat(finished.finallyTimeout()).as("pipeline - tasks").contains(Duration.ofMinutes(30));

    PipelineRun run = withTimeouts(new TimeoutFields("1h0m0s", null, "10m0s"));
    assertThat(run.tasksTimeout()).as("pipeline - finally").contains(Duration.ofMinutes(50));
    assertThat(run.finallyTimeout()).contains(Duration.ofMinutes(10));

    run = withTimeouts(new TimeoutFields("0s", null, "10m0s"));
    assertThat(run.pipelineTimeout(PipelineRun.DEFAULT_TIMEOUT)).as("no timeout").isZero();
    assertThat(run.tasksTimeout()).as("no limit derived from an unlimited pipeline").isEmpty();

    run = withTimeouts(new TimeoutFields("1h0m0s", null, null));
    assertThat(run.tasksTimeout()).isEmpty();
    assertThat(run.finallyTimeout()).isEmpty();

    run = withTimeouts(null);
    assertThat(run.pipelineTimeout(PipelineRun.DEFAULT_TIMEOUT)).isEqualTo(Duration.ofMinutes(60));
    assertThat(run.tasksTimeout()).isEmpty();
  }

  private static PipelineRun withTimeouts(TimeoutFields timeouts) {
    PipelineRun run = new PipelineRun();
    run.setSpec(new PipelineRunSpec());
    run.getSpec().setTimeouts(timeouts);
    return run;
  }

  @Test
  void readsTheSpecStatusRequests() {
    PipelineRun run = withTimeouts(null);
    assertThat(run.isCancelled() || run.isGracefullyCancelled() || run.isGracefullyStopped() || run.isPending())
        .isFalse();
    run.getSpec().setStatus("Cancelled");
    assertThat(run.isCancelled()).isTrue();
    run.getSpec().setStatus("CancelledRunFinally");
    assertThat(run.isGracefullyCancelled()).isTrue();
    run.getSpec().setStatus("StoppedRunFinally");
    assertThat(run.isGracefullyStopped()).isTrue();
    run.getSpec().setStatus("PipelineRunPending");
    assertThat(run.isPending()).isTrue();
    assertThat(run.isDone()).isFalse();
    assertThat(run.hasStarted()).isFalse();
  }

  @Test
  void aNewRunWritesOnlyWhatWasSet() {
    PipelineRun run = new PipelineRun();
    run.getMetadata().setName("nightly-1");
    run.setSpec(new PipelineRunSpec());
    run.getSpec().setPipelineRef(new PipelineRef("nightly"));
    run.setStatus(new PipelineRunStatus());
    run.getStatus().markRunning(PipelineRunReason.RUNNING, "Tasks Completed: 0", Instant.parse("2024-05-14T09:00:00Z"));

    assertThat(TektonYaml.written(run).toString()).isEqualTo("{\"apiVersion\":\"tekton.dev/v1\",\"kind\":\"PipelineRun\","
        + "\"metadata\":{\"name\":\"nightly-1\"},\"spec\":{\"pipelineRef\":{\"name\":\"nightly\"}},"
        + "\"status\":{\"conditions\":[{\"type\":\"Succeeded\",\"status\":\"Unknown\","
        + "\"lastTransitionTime\":\"2024-05-14T09:00:00.000Z\",\"reason\":\"Running\",\"message\":\"Tasks Completed: 0\"}]}}");
  }
}
