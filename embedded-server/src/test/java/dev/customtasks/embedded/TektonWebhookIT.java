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

  @Test
  void aPipelineRunSpecStatusOutsideTektonsFourIsRefusedOnCreateAndOnPatch() {
    assertRefused(pipelineRun("bogus-status", "status: Bogus"), "invalid value: Bogus should be Cancelled, "
        + "CancelledRunFinally, StoppedRunFinally or PipelineRunPending: spec.status");

    client.resource(pipelineRun("to-stop", "")).create();
    var run = client.genericKubernetesResources(PipelineRun.API_VERSION, PipelineRun.KIND).inNamespace(NS)
        .withName("to-stop");
    assertThatThrownBy(() -> run.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"Canceled\"}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .isEqualTo(DENIED + "invalid value: Canceled should be Cancelled, CancelledRunFinally, StoppedRunFinally or "
                + "PipelineRunPending: spec.status"));
    run.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"StoppedRunFinally\"}}");
    assertThat(client.resources(PipelineRun.class).inNamespace(NS).withName("to-stop").get().isGracefullyStopped())
        .isTrue();
  }

  @Test
  void v1beta1sRemovedPipelineRunCancelledIsRefusedAsTektonRefusesIt() {
    GenericKubernetesResource run = Serialization.unmarshal("""
        apiVersion: tekton.dev/v1beta1
        kind: PipelineRun
        metadata: {name: old-cancel, namespace: default}
        spec:
          pipelineSpec: {tasks: [{name: t, taskRef: {apiVersion: example.dev/v1, kind: Wait}}]}
          status: PipelineRunCancelled
        """, GenericKubernetesResource.class);

    assertRefused(run, "invalid value: PipelineRunCancelled should be Cancelled, CancelledRunFinally, "
        + "StoppedRunFinally or PipelineRunPending: spec.status");
  }

  @Test
  void aStartedPipelineRunCannotBeMadePending() {
    client.resource(pipelineRun("started-then-pending", "")).create();
    var run = client.genericKubernetesResources(PipelineRun.API_VERSION, PipelineRun.KIND).inNamespace(NS)
        .withName("started-then-pending");
    run.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"startTime\":"
        + "\"2026-03-01T12:00:00Z\"}}");

    assertThatThrownBy(() -> run.patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"status\":\"PipelineRunPending\"}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .isEqualTo(DENIED + "invalid value: PipelineRun cannot be Pending after it is started: spec.status"));
  }

  @Test
  void anEmbeddedPipelinesEnumFieldsAreChecked() {
    assertRefused(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: bad-on-error, namespace: default}
        spec:
          pipelineSpec: {tasks: [{name: t, taskRef: {name: t}, onError: ignore}]}
        """, GenericKubernetesResource.class), "invalid value: ignore: spec.pipelineSpec.tasks[0].OnError\n"
        + "PipelineTask OnError must be either \"continue\" or \"stopAndFail\"");
  }

  @Test
  void aPipelinesAndATasksEnumFieldsAreChecked() {
    assertRefused(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: bad-when, namespace: default}
        spec:
          params: [{name: mode, type: enum}]
          tasks: [{name: t, taskRef: {name: t}, when: [{input: a, operator: equals, values: [a]}]}]
        """, GenericKubernetesResource.class), "invalid value: enum: spec.params.mode.type\nspec.params.mode.type "
        + "must be one of \"string\", \"array\" or \"object\"\ninvalid value: operator \"equals\" is not "
        + "recognized. valid operators: in,notin: spec.tasks[0].when[0]");
    assertRefused(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: Task
        metadata: {name: bad-result, namespace: default}
        spec:
          results: [{name: r, type: list}]
          steps: [{name: s, image: busybox}]
        """, GenericKubernetesResource.class), "invalid value: list: spec.results[0].type\nspec.results[0].type must "
        + "be one of \"string\", \"array\" or \"object\"");
  }

  @Test
  void aTaskRunSpecStatusOtherThanTektonsTwoIsRefused() {
    assertRefused(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: {name: misspelt-cancel, namespace: default}
        spec:
          status: Cancelled
          taskSpec: {steps: [{name: s, image: busybox}]}
        """, GenericKubernetesResource.class), "invalid value: Cancelled should be TaskRunCancelled or TaskRunPending: "
        + "spec.status");
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
