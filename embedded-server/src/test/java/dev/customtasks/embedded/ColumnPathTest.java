package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnPathTest {

  private static final String RUN = """
      {"metadata": {"name": "r", "labels": {"app": "x"}},
       "status": {"startTime": "2025-01-01T00:00:00Z",
                  "conditions": [{"type": "Ready", "status": "False"},
                                 {"type": "Succeeded", "status": "True", "reason": "Done"}],
                  "results": [{"name": "a", "value": "1"}, {"name": "b", "value": "2"}]}}
      """;

  @ParameterizedTest(name = "{0} finds {1}")
  @CsvSource(delimiter = '|', value = {
      ".status.startTime                                    | 2025-01-01T00:00:00Z",
      "{.status.startTime}                                  | 2025-01-01T00:00:00Z",
      ".status.conditions[?(@.type==\"Succeeded\")].status  | True",
      ".status.conditions[?(@.type=='Succeeded')].reason    | Done",
      ".status.conditions[1].type                           | Succeeded",
      ".status.results[*].name                              | a,b",
      ".metadata.labels.app                                 | x",
      ".status.completionTime                               | ''",
      ".status.conditions[?(@.type==\"Other\")].status      | ''",
      "status.startTime                                     | ''",
      ".status..startTime                                   | ''"})
  void findsWhatPrinterColumnsAskFor(String path, String expected) throws Exception {
    JsonNode run = Serialization.jsonMapper().readTree(RUN);

    String found = String.join(",", ColumnPath.parse(path).find(run).stream().map(JsonNode::asText).toList());

    assertThat(found).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/apis/tekton.dev/v1beta1/namespaces/ns/customruns       | tekton.dev | v1beta1 | customruns",
      "/apis/tekton.dev/v1beta1/namespaces/ns/customruns/x     | tekton.dev | v1beta1 | customruns",
      "/apis/tekton.dev/v1beta1/customruns                     | tekton.dev | v1beta1 | customruns",
      "/api/v1/namespaces                                      | ''         | v1      | namespaces",
      "/api/v1/namespaces/ns                                   | ''         | v1      | namespaces",
      "/api/v1/namespaces/ns/configmaps/c                      | ''         | v1      | configmaps"})
  void resourcePathsNameGroupVersionAndPlural(String path, String group, String version, String plural) {
    assertThat(Tables.ResourcePath.parse(path)).contains(new Tables.ResourcePath(group, version, plural));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/apis/tekton.dev/v1beta1/namespaces/ns/customruns/x/status", "/apis/tekton.dev/v1beta1", "/api/v1"})
  void subresourcesAndDiscoveryAreNoResourcePaths(String path) {
    assertThat(Tables.ResourcePath.parse(path)).isEmpty();
  }
}
