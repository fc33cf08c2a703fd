package dev.customtasks.crds.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tekton's webhook rules for a PipelineRun's timeouts and updates, with its messages. */
class PipelineRunValidationTest {

  private static final Duration DEFAULT = Duration.ofMinutes(60);

  static Stream<Arguments> timeouts() {
    return Stream.of(
        Arguments.of("tasks within pipeline", new TimeoutFields("1h", "30m", null), null),
        Arguments.of("tasks and finally within pipeline", new TimeoutFields("1h", "30m", "30m"), null),
        Arguments.of("tasks longer than pipeline", new TimeoutFields("5s", "1h", null),
            "invalid value: 1h0m0s should be <= pipeline duration: spec.timeouts.tasks"),
        Arguments.of("finally longer than pipeline", new TimeoutFields("5s", null, "10s"),
            "invalid value: 10s should be <= pipeline duration: spec.timeouts.finally"),
        Arguments.of("tasks longer than the default", new TimeoutFields(null, "2h", null),
            "invalid value: 2h0m0s should be <= default timeout duration: spec.timeouts.tasks"),
        Arguments.of("tasks without a timeout under a pipeline with one", new TimeoutFields("1h", "0s", null),
            "invalid value: 0s (no timeout) should be <= pipeline duration: spec.timeouts.tasks"),
        Arguments.of("a pipeline without a timeout allows any tasks timeout", new TimeoutFields("0s", "5h", null),
            null),
        Arguments.of("tasks and finally together longer", new TimeoutFields("1h", "40m", "30m"),
            "invalid value: 40m0s + 30m0s should be <= pipeline duration: spec.timeouts.finally, "
                + "spec.timeouts.tasks"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timeouts")
  void timeoutsProblem(String name, TimeoutFields timeouts, String expected) {
    assertThat(PipelineRunValidation.timeoutsProblem(timeouts, DEFAULT)).isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void aRunNotStartedMayChangeItsSpec() {
    assertThat(PipelineRunValidation.updateProblem(json("{spec: {params: [{name: a, value: '1'}]}}"),
        json("{spec: {params: [{name: a, value: '2'}]}}"))).isEmpty();
  }

  @Test
  void aStartedRunMayChangeOnlyItsStatus() {
    JsonNode started = json("{spec: {params: [{name: a, value: '1'}]}, status: {startTime: '2026-03-01T12:00:00Z', "
        + "conditions: [{type: Succeeded, status: Unknown}]}}");

    assertThat(PipelineRunValidation.updateProblem(started, json("{spec: {params: [{name: a, value: '1'}], "
        + "status: Cancelled}}"))).isEmpty();
    assertThat(PipelineRunValidation.updateProblem(started, json("{spec: {params: [{name: a, value: '2'}]}}")))
        .contains("invalid value: Once the PipelineRun has started, only status updates are allowed: spec");
  }

  @Test
  void aDoneRunMayNotChangeItsSpecAtAll() {
    JsonNode done = json("{spec: {timeouts: {pipeline: 1h}}, status: {startTime: '2026-03-01T12:00:00Z', "
        + "conditions: [{type: Succeeded, status: 'True'}]}}");

    assertThat(PipelineRunValidation.updateProblem(done, json("{spec: {timeouts: {pipeline: 1h}}}"))).isEmpty();
    assertThat(PipelineRunValidation.updateProblem(done, json("{spec: {timeouts: {pipeline: 1h}, status: Cancelled}}")))
        .contains("invalid value: Once the PipelineRun is complete, no updates are allowed: spec");
  }

  private static JsonNode json(String yaml) {
    try {
      return new YAMLMapper().readTree(yaml);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
  @Test
  void specStatusIsNoneOrOneOfTektonsFour() {
    for (String allowed : new String[] {null, "", "Cancelled", "CancelledRunFinally", "StoppedRunFinally",
        "PipelineRunPending"}) {
      assertThat(PipelineRunValidation.specStatusProblem(allowed)).as(allowed).isEmpty();
    }
    assertThat(PipelineRunValidation.specStatusProblem("Bogus")).contains("invalid value: Bogus should be Cancelled, "
        + "CancelledRunFinally, StoppedRunFinally or PipelineRunPending: spec.status");
    // v1beta1's old spelling: Tekton removed it in v0.38 and refuses it since.
    assertThat(PipelineRunValidation.specStatusProblem("PipelineRunCancelled")).contains("invalid value: "
        + "PipelineRunCancelled should be Cancelled, CancelledRunFinally, StoppedRunFinally or PipelineRunPending: "
        + "spec.status");
    assertThat(PipelineRunValidation.specStatusProblem("cancelled")).isPresent();
  }

  @Test
  void pendingIsRefusedOnceStarted() throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    JsonNode started = yaml.readTree("{spec: {status: PipelineRunPending}, status: {startTime: '2026-01-01T00:00:00Z'}}");
    JsonNode notStarted = yaml.readTree("{spec: {status: PipelineRunPending}}");
    JsonNode cancelled = yaml.readTree("{spec: {status: Cancelled}, status: {startTime: '2026-01-01T00:00:00Z'}}");

    assertThat(PipelineRunValidation.pendingAfterStartProblem(started))
        .contains("invalid value: PipelineRun cannot be Pending after it is started: spec.status");
    assertThat(PipelineRunValidation.pendingAfterStartProblem(notStarted)).isEmpty();
    assertThat(PipelineRunValidation.pendingAfterStartProblem(cancelled)).isEmpty();
  }
}
