package dev.customtasks.crds.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests install into fabric8's mock server in CRUD mode (what the embedded API server is
 * built on), and every example goes in and out unchanged.
 */
@EnableKubernetesMockClient(crud = true)
class TektonCrdsOnMockServerTest {

  static KubernetesClient client;

  @BeforeAll
  static void installCrds() {
    TektonCrds.load().forEach(crd -> client.apiextensions().v1().customResourceDefinitions().resource(crd).create());
  }

  static Stream<Arguments> examples() {
    return Stream.of(
        Arguments.of("tekton/customrun-ref.yaml", CustomRun.class),
        Arguments.of("tekton/pipeline.yaml", Pipeline.class),
        Arguments.of("tekton/pipelinerun.yaml", PipelineRun.class),
        Arguments.of("tekton/taskrun.yaml", TaskRun.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  <T extends CustomResource<?, ?>> void storesSpecAndStatus(String resource, Class<T> type) {
    T example = TektonYaml.read(resource, type);
    example.getMetadata().setResourceVersion(null);
    example.getMetadata().setUid(null);
    var api = client.resources(type).inNamespace(example.getMetadata().getNamespace());

    api.resource(example).create();
    T stored = api.withName(example.getMetadata().getName()).get();
    assertThat(TektonYaml.written(stored.getSpec())).isEqualTo(TektonYaml.tree(resource).get("spec"));
    assertThat(stored.getStatus()).as("status is written through /status only").isNull();

    if (example.getStatus() != null) {
      T withStatus = TektonYaml.read(resource, type);
      withStatus.setMetadata(stored.getMetadata());
      api.resource(withStatus).patchStatus();
      stored = api.withName(example.getMetadata().getName()).get();
      assertThat(TektonYaml.written(stored.getStatus())).isEqualTo(TektonYaml.tree(resource).get("status"));
    }
  }
}
