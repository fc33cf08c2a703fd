package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What Tekton's webhook refuses, refused by the embedded server with Tekton's words. */
class TektonWebhookIT {

  private static final String NS = "default";
  private static final String DENIED = "admission webhook \"validation.webhook.pipeline.tekton.dev\" denied the "
      + "request: validation failed: ";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start();
    client = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aCustomRefWithoutAKindIsRefused() {
    assertRefused(customRun("no-kind", "customRef: {apiVersion: example.dev/v1}"),
        "missing field(s): spec.customRef.kind");
  }

  @Test
  void bothACustomRefAndACustomSpecAreRefused() {
    assertRefused(customRun("both", "customRef: {apiVersion: example.dev/v1, kind: Wait}\n"
        + "  customSpec: {apiVersion: example.dev/v1, kind: Wait}"),
        "expected exactly one, got both: spec.customRef, spec.customSpec");
  }

  @Test
  void aSpecStatusOtherThanRunCancelledIsRefusedOnCreateAndOnPatch() {
    assertRefused(customRun("bogus", "customRef: {apiVersion: example.dev/v1, kind: Wait}\n  status: Bogus"),
        "invalid value: Bogus should be RunCancelled: spec.status");

    client.resource(customRun("to-cancel", "customRef: {apiVersion: example.dev/v1, kind: Wait}")).create();
    var run = client.genericKubernetesResources(CustomRun.API_VERSION, CustomRun.KIND).inNamespace(NS)
        .withName("to-cancel");
    assertThatThrownBy(() -> run.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"Cancel\"}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getStatus().getMessage()).isEqualTo(DENIED + "invalid value: Cancel should be RunCancelled: "
              + "spec.status");
        });
    run.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"RunCancelled\"}}");
    assertThat(client.resources(CustomRun.class).inNamespace(NS).withName("to-cancel").get().isCancelled()).isTrue();
  }

  @Test
  void tasksTimeoutLongerThanPipelineIsRefused() {
    assertRefused(pipelineRun("long-tasks", "timeouts: {pipeline: 5s, tasks: 1h}"),
        "invalid value: 1h0m0s should be <= pipeline duration: spec.timeouts.tasks");
  }

  @Test
  void aStartedPipelineRunTakesOnlyAStatusChange() {
    client.resource(pipelineRun("started", "params: [{name: a, value: '1'}]")).create();
    var run = client.genericKubernetesResources(PipelineRun.API_VERSION, PipelineRun.KIND).inNamespace(NS)
        .withName("started");
    run.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"startTime\":"
        + "\"2026-03-01T12:00:00Z\",\"conditions\":[{\"type\":\"Succeeded\",\"status\":\"Unknown\"}]}}");

    assertThatThrownBy(() -> run.patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"params\":[{\"name\":\"a\",\"value\":\"2\"}]}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .isEqualTo(DENIED + "invalid value: Once the PipelineRun has started, only status updates are allowed: "
                + "spec"));
    assertThatThrownBy(() -> run.patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"replace\",\"path\":\"/spec/params/0/value\",\"value\":\"3\"}]"))
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("only status updates are allowed");
    run.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"Cancelled\"}}");
    assertThat(run.get().getAdditionalProperties().get("spec").toString()).contains("status=Cancelled")
        .contains("value=1");
  }

  private static void assertRefused(GenericKubernetesResource object, String message) {
    assertThatThrownBy(() -> client.resource(object).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getStatus().getReason()).isEqualTo("BadRequest");
          assertThat(e.getStatus().getMessage()).isEqualTo(DENIED + message);
        });
  }

  private static GenericKubernetesResource customRun(String name, String spec) {
    return Serialization.unmarshal("""
        apiVersion: tekton.dev/v1beta1
        kind: CustomRun
        metadata: {name: %s, namespace: default}
        spec:
          %s
        """.formatted(name, spec), GenericKubernetesResource.class);
  }

  private static GenericKubernetesResource pipelineRun(String name, String spec) {
    return Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: %s, namespace: default}
        spec:
          pipelineSpec: {tasks: [{name: t, taskRef: {apiVersion: example.dev/v1, kind: Wait}}]}
          %s
        """.formatted(name, spec), GenericKubernetesResource.class);
  }
}
