package dev.customtasks.crds.api.customrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.TaskRef;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tekton's webhook rules for a CustomRun's spec, with its messages. */
class CustomRunValidationTest {

  static Stream<Arguments> specs() {
    return Stream.of(
        Arguments.of("a reference with a kind", spec(ref("example.dev/v1", "Wait"), null, null, null), null),
        Arguments.of("an embedded spec with a kind", spec(null, embedded("example.dev/v1", "Wait"), null, null), null),
        Arguments.of("cancelled", spec(ref("example.dev/v1", "Wait"), null, "RunCancelled", "no longer needed"), null),
        Arguments.of("both", spec(ref("example.dev/v1", "Wait"), embedded("example.dev/v1", "Wait"), null, null),
            "expected exactly one, got both: spec.customRef, spec.customSpec"),
        Arguments.of("neither", spec(null, null, null, null),
            "expected exactly one, got neither: spec.customRef, spec.customSpec"),
        Arguments.of("a reference without a kind", spec(ref("example.dev/v1", null), null, null, null),
            "missing field(s): spec.customRef.kind"),
        Arguments.of("a reference without an apiVersion", spec(ref("", "Wait"), null, null, null),
            "missing field(s): spec.customRef.apiVersion"),
        Arguments.of("an embedded spec without a kind", spec(null, embedded("example.dev/v1", null), null, null),
            "missing field(s): spec.customSpec.kind"),
        Arguments.of("a status message without a status", spec(ref("example.dev/v1", "Wait"), null, null, "why"),
            "invalid value: statusMessage should not be set if status is not set, but it is currently set to why: "
                + "statusMessage"),
        Arguments.of("a status that is not RunCancelled", spec(ref("example.dev/v1", "Wait"), null, "Bogus", null),
            "invalid value: Bogus should be RunCancelled: spec.status"),
        Arguments.of("PipelineRun's cancel value", spec(ref("example.dev/v1", "Wait"), null, "Cancelled", null),
            "invalid value: Cancelled should be RunCancelled: spec.status"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void problem(String name, CustomRunSpec spec, String expected) {
    assertThat(CustomRunValidation.problem(spec)).isEqualTo(Optional.ofNullable(expected));
  }

  private static CustomRunSpec spec(TaskRef ref, EmbeddedCustomRunSpec embedded, String status, String message) {
    CustomRunSpec spec = new CustomRunSpec();
    spec.setCustomRef(ref);
    spec.setCustomSpec(embedded);
    spec.setStatus(status);
    spec.setStatusMessage(message);
    return spec;
  }

  private static TaskRef ref(String apiVersion, String kind) {
    TaskRef ref = new TaskRef();
    ref.setApiVersion(apiVersion);
    ref.setKind(kind);
    return ref;
  }

  private static EmbeddedCustomRunSpec embedded(String apiVersion, String kind) {
    EmbeddedCustomRunSpec embedded = new EmbeddedCustomRunSpec();
    embedded.setApiVersion(apiVersion);
    embedded.setKind(kind);
    return embedded;
  }
}
