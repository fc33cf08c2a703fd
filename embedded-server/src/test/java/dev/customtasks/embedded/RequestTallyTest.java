package dev.customtasks.embedded;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.embedded.RequestTally.Key;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request counts a benchmark reads: paths read as kube-apiserver routes them, verbs as its audit log names them. */
class RequestTallyTest {

  @ParameterizedTest
  @CsvSource({
      "/api/v1/namespaces/test/configmaps,                         configmaps,         false",
      "/api/v1/namespaces/test/configmaps/cm,                      configmaps,         true",
      "/api/v1/namespaces/test,                                    namespaces,         true",
      "/api/v1/namespaces,                                         namespaces,         false",
      "/apis/tekton.dev/v1beta1/namespaces/test/customruns/r/status, customruns/status, true",
      "/apis/tekton.dev/v1/pipelineruns,                           pipelineruns,       false",
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x,  customresourcedefinitions, true",
      "/apis/tekton.dev/v1,                                        /apis/tekton.dev/v1, false",
      "/version,                                                   /version,           false",
      "/apis/tekton.dev/v1/namespaces/test/pipelineruns?watch=true, pipelineruns,     false"})
  void pathsAreReadAsTheApiServerRoutesThem(String path, String resource, boolean named) {
    ResourcePath parsed = ResourcePath.parse(path);
    assertThat(parsed.pluralWithSubresource()).isEqualTo(resource);
    assertThat(parsed.named()).isEqualTo(named);
  }

  @Test
  void countsEachClientsRequestsByVerbAndResource() {
    try (EmbeddedApiServer server = EmbeddedApiServer.start();
        KubernetesClient counted = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
            server.client().getConfiguration()).withUserAgent("counted-controller").build()).build()) {
      server.requests().reset();

      counted.configMaps().inNamespace("test").resource(new ConfigMapBuilder().withNewMetadata().withName("cm")
          .endMetadata().addToData("a", "1").build()).create();
      counted.configMaps().inNamespace("test").withName("cm").get();
      counted.configMaps().inNamespace("test").list();
      counted.configMaps().inNamespace("test").withName("cm")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":\"2\"}}");
      counted.resource(customRun("r").ref(new TaskKind("example.dev/v0", "Example")).build()).create();
      counted.resources(CustomRun.class).inNamespace("test").withName("r")
          .editStatus(run -> run);
      counted.configMaps().inNamespace("test").withName("cm").delete();

      Map<Key, Long> counts = server.requests().snapshot();
      assertThat(counts).containsEntry(new Key("counted-controller", "create", "configmaps"), 1L)
          // a patch given as a string costs fabric8 one get besides the patch
          .containsEntry(new Key("counted-controller", "get", "configmaps"), 2L)
          .containsEntry(new Key("counted-controller", "list", "configmaps"), 1L)
          .containsEntry(new Key("counted-controller", "patch", "configmaps"), 1L)
          .containsEntry(new Key("counted-controller", "delete", "configmaps"), 1L)
          .containsEntry(new Key("counted-controller", "create", "customruns"), 1L);
      // editStatus: a get, then a JSON patch of the status subresource
      assertThat(counts).containsEntry(new Key("counted-controller", "get", "customruns"), 1L)
          .containsEntry(new Key("counted-controller", "patch", "customruns/status"), 1L);
      assertThat(server.requests().total()).isEqualTo(counts.values().stream().mapToLong(Long::longValue).sum());
    }
  }

  @Test
  void countsTheRequestsRefusedWithAConflict() {
    try (EmbeddedApiServer server = EmbeddedApiServer.start();
        KubernetesClient counted = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
            server.client().getConfiguration()).withUserAgent("counted-controller").build()).build()) {
      var cm = counted.configMaps().inNamespace("test").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("cm").endMetadata().addToData("a", "1").build()).create();
      server.requests().reset();

      String stale = "[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\""
          + cm.getMetadata().getResourceVersion() + "\"},{\"op\":\"add\",\"path\":\"/data/a\",\"value\":\"2\"}]";
      counted.resource(cm).patch(PatchContext.of(PatchType.JSON), stale);
      assertThatThrownBy(() -> counted.resource(cm).patch(PatchContext.of(PatchType.JSON), stale))
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));

      assertThat(server.requests().conflicts()).containsExactly(
          Map.entry(new Key("counted-controller", "patch", "configmaps"), 1L));
      server.requests().reset();
      assertThat(server.requests().conflicts()).isEmpty();
    }
  }
}
