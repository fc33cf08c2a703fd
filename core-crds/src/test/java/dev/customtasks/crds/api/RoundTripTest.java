package dev.customtasks.crds.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each example, written the way Tekton writes it, is read into our model and written back
 * unchanged (compared as JSON trees, so field order does not matter), fields a newer Tekton may add
 * included. The unknown-field check makes sure known fields land in typed properties, not in the
 * catch-all (where a round trip would hide a misspelt property).
 */
class RoundTripTest {

  static Stream<Arguments> examples() {
    return Stream.of(
        Arguments.of("tekton/customrun-ref.yaml", CustomRun.class, List.of(
            "spec.someNewField", "spec.params[2].someNewField",
            "status.someNewField", "status.conditions[0].someNewField")),
        Arguments.of("tekton/customrun-spec.yaml", CustomRun.class, List.of()),
        Arguments.of("tekton/pipeline.yaml", Pipeline.class, List.of(
            "spec.someNewField", "spec.params[3].someNewField",
            "spec.tasks[2].when[0].someNewField", "spec.tasks[3].someNewField")),
        Arguments.of("tekton/pipelinerun.yaml", PipelineRun.class, List.of(
            "spec.someNewField", "spec.timeouts.someNewField",
            "status.someNewField", "status.results[2].someNewField",
            "status.childReferences[1].someNewField")),
        Arguments.of("tekton/taskrun.yaml", TaskRun.class, List.of(
            "spec.someNewField", "status.someNewField", "status.artifacts",
            "status.results[2].someNewField")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void writesBackWhatItRead(String resource, Class<? extends CustomResource<?, ?>> type, List<String> unknown) {
    CustomResource<?, ?> parsed = TektonYaml.read(resource, type);

    assertThat(TektonYaml.written(parsed))
        .as("%s written back:%n%s", resource, Serialization.asYaml(parsed))
        .isEqualTo(TektonYaml.tree(resource));
    assertThat(TektonYaml.unknownFields(parsed)).containsExactlyInAnyOrderElementsOf(unknown);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void survivesASecondRoundTrip(String resource, Class<? extends CustomResource<?, ?>> type, List<String> unknown) {
    CustomResource<?, ?> once = TektonYaml.read(resource, type);
    CustomResource<?, ?> twice = Serialization.unmarshal(Serialization.asYaml(once), type);

    assertThat(TektonYaml.written(twice)).isEqualTo(TektonYaml.tree(resource));
  }
}
