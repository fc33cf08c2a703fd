package dev.customtasks.crds.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a run's status edited by hand reads as: the field named, whether the status did not read
 * at all or a field in it is not what it says. A readable one, or a malformed spec, is not a status problem.
 */
class UnreadableStatusTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "startTime: yesterday | status.startTime: \"yesterday\" is not a time in RFC 3339 form, such as 2026-03-01T12:00:00Z",
      "completionTime: soon | status.completionTime: \"soon\" is not a time in RFC 3339 form, such as 2026-03-01T12:00:00Z",
      "finallyStartTime: later | status.finallyStartTime: \"later\" is not a time in RFC 3339 form, such as 2026-03-01T12:00:00Z",
      "'conditions: [{type: Succeeded, status: Maybe}]' | status.conditions[type=Succeeded].status: \"Maybe\" is neither True, False nor Unknown",
      "childReferences: all of them | status.childReferences: expected an array but got a string",
      "'pipelineSpec: {tasks: build}' | status.pipelineSpec.tasks: expected an array but got a string",
  })
  void aPipelineRunsStatusNamesTheFieldItCannotRead(String statusYaml, String problem) {
    PipelineRun run = read("""
        spec: {pipelineRef: {name: p}}
        status:
          %s
        """.formatted(statusYaml));

    assertThat(run.unreadableStatus()).contains(problem);
    assertThat(run.isFinished()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "'{startTime: \"2026-03-01T12:00:00Z\", conditions: [{type: Succeeded, status: Unknown}]}'",
      "'{startTime: \"2026-03-01T12:00:00Z\", completionTime: \"2026-03-01T12:01:00Z\", conditions: [{type: Succeeded, status: \"False\"}]}'",
      "'{}'",
  })
  void aReadableStatusHasNoProblem(String status) {
    assertThat(read("spec: {pipelineRef: {name: p}}\nstatus: " + status + "\n").unreadableStatus()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aMalformedSpecIsNoStatusProblem() {
    PipelineRun run = read("spec: {pipelineSpec: {tasks: build}}\n");

    assertThat(run.malformed()).isPresent();
    assertThat(run.unreadableStatus()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aTaskRunsStatusNamesTheFieldItCannotRead() {
    TaskRun run = Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: {name: t, namespace: test}
        spec: {taskRef: {name: t}}
        status: {steps: all of them}
        """, TaskRun.class);

    assertThat(run.unreadableStatus()).contains("status.steps: expected an array but got a string");
  }

  private static PipelineRun read(String yaml) {
    return Serialization.unmarshal("apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata: {name: r, namespace: test}\n"
        + yaml, PipelineRun.class);
  }
}
