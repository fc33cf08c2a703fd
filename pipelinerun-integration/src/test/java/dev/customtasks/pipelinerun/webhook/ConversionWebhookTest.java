package dev.customtasks.pipelinerun.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customtasks.crds.testkit.SelfSignedPem;
import dev.customtasks.crds.webhook.WebhookServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ConversionReview objects in and out over real HTTPS, as kube-apiserver calls the webhook the CRDs name. */
class ConversionWebhookTest {

  @TempDir
  Path dir;

  @Test
  void convertsAV1beta1PipelineRunToTheStoredV1AndBack() throws Exception {
    SelfSignedPem pem = SelfSignedPem.write(dir);
    try (WebhookServer server = ConversionWebhook.start(0, WebhookServer.tls(pem.certificate(), pem.key()))) {
      HttpClient client = pem.trustingClient();

      JsonNode toV1 = post(client, server, """
          {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview",
           "request":{"uid":"u1","desiredAPIVersion":"tekton.dev/v1","objects":[
            {"apiVersion":"tekton.dev/v1beta1","kind":"PipelineRun","metadata":{"name":"r","namespace":"ci"},
             "spec":{"pipelineRef":{"name":"p"},"serviceAccountName":"builder","timeout":"30m"}}]}}
          """);
      JsonNode back = post(client, server, """
          {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview",
           "request":{"uid":"u2","desiredAPIVersion":"tekton.dev/v1beta1","objects":[%s]}}
          """.formatted(toV1.at("/response/convertedObjects/0")));

      assertThat(toV1.at("/response/uid").asText()).isEqualTo("u1");
      assertThat(toV1.at("/response/result/status").asText()).isEqualTo("Success");
      assertThat(toV1.at("/response/convertedObjects/0/spec")).isEqualTo(Serialization.jsonMapper().readTree("""
          {"pipelineRef":{"name":"p"},"timeouts":{"pipeline":"30m"},"taskRunTemplate":{"serviceAccountName":"builder"}}
          """));
      assertThat(back.at("/response/convertedObjects/0/spec")).isEqualTo(Serialization.jsonMapper().readTree("""
          {"pipelineRef":{"name":"p"},"timeouts":{"pipeline":"30m"},"serviceAccountName":"builder"}
          """));
    }
  }

  @Test
  void failsAReviewWhoseObjectTheConversionRefuses() throws Exception {
    SelfSignedPem pem = SelfSignedPem.write(dir);
    try (WebhookServer server = ConversionWebhook.start(0, WebhookServer.tls(pem.certificate(), pem.key()))) {
      JsonNode answer = post(pem.trustingClient(), server, """
          {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview",
           "request":{"uid":"u3","desiredAPIVersion":"tekton.dev/v1","objects":[
            {"apiVersion":"tekton.dev/v1beta1","kind":"Pipeline","metadata":{"name":"p"},
             "spec":{"resources":[{"name":"src","type":"git"}],"tasks":[]}}]}}
          """);

      assertThat(answer.at("/response/result/status").asText()).isEqualTo("Failure");
      assertThat(answer.at("/response/result/message").asText()).isEqualTo("must not set the field(s): spec.resources");
      assertThat(answer.at("/response/convertedObjects").isMissingNode()).isTrue();
    }
  }

  @Test
  void theShippedCrdsCallThisWebhook() throws Exception {
    List<String> converted = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("deploy"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("100-crd-tekton-")).sorted().toList()) {
        CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
        if (crd.getSpec().getConversion() != null) {
          var service = crd.getSpec().getConversion().getWebhook().getClientConfig().getService();
          assertThat(List.of(service.getNamespace(), service.getName(), service.getPath()))
              .containsExactly("customtasks", "pipelinerun-webhook", ConversionWebhook.PATH);
          converted.add(crd.getSpec().getNames().getKind());
        }
      }
    }
    assertThat(converted).containsExactlyInAnyOrder("Pipeline", "PipelineRun", "Task", "TaskRun");
  }

  private static JsonNode post(HttpClient client, WebhookServer server, String review) throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
        URI.create("https://localhost:" + server.port() + ConversionWebhook.PATH))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(review)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return Serialization.jsonMapper().readTree(response.body());
  }
}
