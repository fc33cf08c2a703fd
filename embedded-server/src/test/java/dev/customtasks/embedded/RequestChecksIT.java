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

  @Test
  void aLabelSetByAMergePatchIsCheckedAsOnCreate() throws Exception {
    assertThat(post(PIPELINE_RUNS, pipelineRun("merge-patched", "{\"team\":\"blue\"}")).statusCode()).isEqualTo(201);

    HttpResponse<String> response = patch(PIPELINE_RUNS + "/merge-patched", "application/merge-patch+json",
        "{\"metadata\":{\"labels\":{\"team\":\"blue team\"}}}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("\"reason\":\"Invalid\"").contains("PipelineRun.tekton.dev \\\"merge-patched\\\" "
        + "is invalid: metadata.labels: Invalid value: \\\"blue team\\\": a valid label must be an empty string");
    assertThat(get(PIPELINE_RUNS + "/merge-patched").body()).contains("\"team\":\"blue\"");
    assertThat(patch(PIPELINE_RUNS + "/merge-patched", "application/merge-patch+json",
        "{\"metadata\":{\"labels\":{\"team\":\"red\"}}}").statusCode()).isBetween(200, 299);
    assertThat(get(PIPELINE_RUNS + "/merge-patched").body()).contains("\"team\":\"red\"");
  }

  @Test
  void aLabelKeySetByAJsonPatchIsCheckedAsOnCreate() throws Exception {
    assertThat(post(PIPELINE_RUNS, pipelineRun("json-patched", "{\"team\":\"blue\"}")).statusCode()).isEqualTo(201);

    HttpResponse<String> response = patch(PIPELINE_RUNS + "/json-patched", "application/json-patch+json",
        "[{\"op\":\"add\",\"path\":\"/metadata/labels/bad key!\",\"value\":\"x\"}]");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("metadata.labels: Invalid value: \\\"bad key!\\\": name part must consist of "
        + "alphanumeric characters");
    HttpResponse<String> whole = patch(PIPELINE_RUNS + "/json-patched", "application/json-patch+json",
        "[{\"op\":\"replace\",\"path\":\"/metadata/labels\",\"value\":{\"team\":\"" + "x".repeat(64) + "\"}}]");
    assertThat(whole.statusCode()).isEqualTo(422);
    assertThat(whole.body()).contains("must be no more than 63 characters");
  }

  @Test
  void aLabelSetByAPutIsCheckedAsOnCreate() throws Exception {
    assertThat(post(PIPELINE_RUNS, pipelineRun("replaced", "{}")).statusCode()).isEqualTo(201);

    HttpResponse<String> response = put(PIPELINE_RUNS + "/replaced", pipelineRun("replaced", "{\"-team\":\"blue\"}"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("metadata.labels: Invalid value: \\\"-team\\\": name part must consist of");
  }

  @Test
  void aStrategicMergePatchOfALabelIsNotAppliedAtAll() throws Exception {
    assertThat(post(PIPELINE_RUNS, pipelineRun("strategic", "{\"team\":\"blue\"}")).statusCode()).isEqualTo(201);

    HttpResponse<String> response = patch(PIPELINE_RUNS + "/strategic", "application/strategic-merge-patch+json",
        "{\"metadata\":{\"labels\":{\"team\":\"blue team\"}}}");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(get(PIPELINE_RUNS + "/strategic").body()).contains("\"team\":\"blue\"");
  }

  @Test
  void anAnnotationKeyIsCheckedOnCreateAndOnPatch() throws Exception {
    String annotated = "{\"apiVersion\":\"tekton.dev/v1\",\"kind\":\"PipelineRun\",\"metadata\":{\"name\":\"annotated\","
        + "\"annotations\":{\"example.com/Owner\":\"a b c\"}},\"spec\":{\"pipelineRef\":{\"name\":\"p\"}}}";
    assertThat(post(PIPELINE_RUNS, annotated.replace("example.com/Owner", "bad key")).body())
        .contains("metadata.annotations: Invalid value: \\\"bad key\\\": name part must consist of");
    assertThat(post(PIPELINE_RUNS, annotated).statusCode()).as("upper case and any value are fine").isEqualTo(201);

    HttpResponse<String> response = patch(PIPELINE_RUNS + "/annotated", "application/merge-patch+json",
        "{\"metadata\":{\"annotations\":{\"/owner\":\"x\"}}}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("metadata.annotations: Invalid value: \\\"/owner\\\": prefix part must be "
        + "non-empty");
    HttpResponse<String> tooBig = patch(PIPELINE_RUNS + "/annotated", "application/merge-patch+json",
        "{\"metadata\":{\"annotations\":{\"big\":\"" + "x".repeat(RequestChecks.MAX_ANNOTATIONS_SIZE) + "\"}}}");
    assertThat(tooBig.statusCode()).isEqualTo(422);
    assertThat(tooBig.body()).contains("metadata.annotations: Too long: may not be more than 262144 bytes");
  }

  @Test
  void aStatusPatchIsNotCheckedForLabelsItCannotChange() throws Exception {
    assertThat(post(PIPELINE_RUNS, pipelineRun("status-only", "{}")).statusCode()).isEqualTo(201);

    HttpResponse<String> response = patch(PIPELINE_RUNS + "/status-only/status", "application/merge-patch+json",
        "{\"metadata\":{\"labels\":{\"team\":\"blue team\"}},\"status\":{\"startTime\":\"2026-03-01T12:00:00Z\"}}");

    assertThat(response.statusCode()).isBetween(200, 299);
  }

  private static String pipelineRun(String name, String labels) {
    return "{\"apiVersion\":\"tekton.dev/v1\",\"kind\":\"PipelineRun\",\"metadata\":{\"name\":\"" + name
        + "\",\"labels\":" + labels + "},\"spec\":{\"pipelineRef\":{\"name\":\"p\"}}}";
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> patch(String path, String type, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", type)
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> put(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
