package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bodies and names the embedded server refuses as kube-apiserver does, over plain HTTP. */
class RequestChecksIT {

  private static final String PIPELINE_RUNS = "apis/tekton.dev/v1/namespaces/default/pipelineruns";
  private static EmbeddedApiServer server;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aBodyThatIsNotJsonIsABadRequestAndTheServerKeepsServing() throws Exception {
    HttpResponse<String> response = post(PIPELINE_RUNS, "this is { not json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"reason\":\"BadRequest\"").contains("the request body cannot be read: it "
        + "is not JSON");
    assertThat(get(PIPELINE_RUNS).statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyNested5000LevelsDeepIsABadRequest() throws Exception {
    String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);

    HttpResponse<String> response = post(PIPELINE_RUNS, deep);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"reason\":\"BadRequest\"")
        .contains("the request body cannot be read: it is nested more than 1000 levels deep");
  }

  @Test
  void aNameThatIsNoDns1123SubdomainIsInvalidAsOnACluster() throws Exception {
    for (String name : new String[] {"Release_Run.v1", "BAD_NAME!!"}) {
      HttpResponse<String> response = post(PIPELINE_RUNS, pipelineRun(name, "{}"));

      assertThat(response.statusCode()).as(name).isEqualTo(422);
      assertThat(response.body()).contains("\"reason\":\"Invalid\"").contains("PipelineRun.tekton.dev \\\"" + name
          + "\\\" is invalid: metadata.name: Invalid value: \\\"" + name + "\\\": a lowercase RFC 1123 subdomain must "
          + "consist of lower case alphanumeric characters");
    }
    assertThat(post(PIPELINE_RUNS, pipelineRun("release-run.v1", "{}")).statusCode()).isEqualTo(201);
  }

  @Test
  void aNamespaceNameMustBeADns1123Label() throws Exception {
    HttpResponse<String> response = post("api/v1/namespaces",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team.a\"}}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("Namespace \\\"team.a\\\" is invalid: metadata.name: Invalid value: "
        + "\\\"team.a\\\": a lowercase RFC 1123 label must consist");
  }

  @Test
  void aLabelValueWithSpacesIsInvalid() throws Exception {
    HttpResponse<String> response = post(PIPELINE_RUNS, pipelineRun("labelled", "{\"team\":\"blue team\"}"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("metadata.labels: Invalid value: \\\"blue team\\\": a valid label must be "
        + "an empty string");
  }

  private static String pipelineRun(String name, String labels) {
    return "{\"apiVersion\":\"tekton.dev/v1\",\"kind\":\"PipelineRun\",\"metadata\":{\"name\":\"" + name
        + "\",\"labels\":" + labels + "},\"spec\":{\"pipelineRef\":{\"name\":\"p\"}}}";
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
