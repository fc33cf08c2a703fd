package dev.customtasks.crds.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TektonYaml;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRunTest {

  private final TaskRun retried = TektonYaml.read("tekton/taskrun.yaml", TaskRun.class);

  @Test
  void readsTheOutcomeAndResults() {
    TaskRunStatus status = retried.getStatus();
    assertThat(retried.isDone()).isTrue();
    assertThat(retried.isSuccessful()).isTrue();
    assertThat(status.getPodName()).isEqualTo("release-x7k2p-build-retry1-pod");
    assertThat(status.result("digest")).get().extracting(TaskRunResult::getType).isEqualTo("string");
    assertThat(status.result("platforms")).get().extracting(TaskRunResult::getValue)
        .isEqualTo(ParamValue.ofArray(List.of("linux/amd64", "linux/arm64")));
    assertThat(status.result("image")).get().extracting(r -> r.getValue().asObject().get("url"))
        .isEqualTo("registry.example.com/app");
    assertThat(status.getRetriesStatus()).singleElement().satisfies(attempt -> {
      assertThat(attempt.isFailed()).isTrue();
      assertThat(attempt.getPodName()).isEqualTo("release-x7k2p-build-pod");
    });
    assertThat(status.getTaskSpec().getResults()).extracting(TaskResult::getType)
        .containsExactly("string", "array", "object");
  }

  @Test
  void readsSpec() {
    assertThat(retried.getSpec().getTaskRef().getName()).isEqualTo("build");
    assertThat(retried.getSpec().getRetries()).isEqualTo(1);
    assertThat(retried.timeout()).contains(Duration.ofMinutes(20));
    assertThat(retried.timeoutDeadline()).contains(Instant.parse("2024-05-14T09:22:30Z"));
    assertThat(retried.isCancelled()).isFalse();
  }

  @Test
  void keepsTheEmptyStringsTektonAlwaysWrites() {
    String yaml = """
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata:
          name: pending
        spec:
          serviceAccountName: ""
          taskRef:
            name: build
          status: TaskRunCancelled
          statusMessage: TaskRun cancelled as the PipelineRun it belongs to has been cancelled.
        status:
          podName: ""
        """;
    TaskRun run = Serialization.unmarshal(yaml, TaskRun.class);

    assertThat(run.isCancelled()).isTrue();
    assertThat(run.getSpec().getStatusMessage()).isEqualTo(TaskRun.CANCELLED_BY_PIPELINE_MSG);
    JsonNode written = TektonYaml.written(run);
    assertThat(written.at("/spec/serviceAccountName").textValue()).isEmpty();
    assertThat(written.at("/status/podName").textValue()).isEmpty();
  }

  @Test
  void aNewStatusWritesNoEmptyPodName() {
    TaskRun run = new TaskRun();
    run.setStatus(new TaskRunStatus());
    run.getStatus().setResults(List.of(new TaskRunResult("digest", ParamValue.of("sha256:1"))));
    assertThat(TektonYaml.written(run).get("status").toString())
        .isEqualTo("{\"results\":[{\"name\":\"digest\",\"type\":\"string\",\"value\":\"sha256:1\"}]}");
  }
}
