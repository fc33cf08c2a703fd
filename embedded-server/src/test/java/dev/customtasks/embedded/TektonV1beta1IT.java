package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.embedded.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tekton.dev/v1beta1} served beside v1 as kube-apiserver serves a CRD with v1 stored and a
 * conversion webhook: what a v1beta1 client writes is stored as v1, and create, get, list and watch
 * in v1beta1 answer v1beta1.
 */
class TektonV1beta1IT {

  private static final String NS = "conversion";
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

  private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> v1beta1(String kind) {
    return client.genericKubernetesResources("tekton.dev/v1beta1", kind);
  }

  private static GenericKubernetesResource object(String yaml) {
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }

  @Test
  void aV1beta1PipelineRunIsStoredAsV1AndReadBackAsV1beta1() {
    GenericKubernetesResource created = v1beta1("PipelineRun").inNamespace(NS).resource(object("""
        apiVersion: tekton.dev/v1beta1
        kind: PipelineRun
        metadata: {name: converted}
        spec:
          serviceAccountName: builder
          timeout: 1h30m
          taskRunSpecs: [{pipelineTaskName: t, taskServiceAccountName: deployer}]
          pipelineSpec:
            tasks: [{name: t, taskSpec: {steps: [{image: busybox, script: "true"}]}}]
        """)).create();

    assertThat(created.getApiVersion()).isEqualTo("tekton.dev/v1beta1");
    assertThat(created.get("spec", "serviceAccountName").toString()).isEqualTo("builder");
    assertThat(Serialization.asJson(created.get("spec", "timeouts"))).isEqualTo("{\"pipeline\":\"1h30m\"}");
    assertThat(created.getMetadata().getUid()).isNotBlank();

    PipelineRun stored = client.resources(PipelineRun.class).inNamespace(NS).withName("converted").get();
    assertThat(stored.getSpec().getTaskRunTemplate().getServiceAccountName()).isEqualTo("builder");
    assertThat(stored.getSpec().getTimeouts().getPipeline()).isEqualTo("1h30m");
    assertThat(Serialization.asJson(stored.getSpec().getTaskRunSpecs())).contains("\"serviceAccountName\":\"deployer\"")
        .doesNotContain("taskServiceAccountName");

    GenericKubernetesResource read = v1beta1("PipelineRun").inNamespace(NS).withName("converted").get();
    assertThat(read.getApiVersion()).isEqualTo("tekton.dev/v1beta1");
    assertThat(read.get("spec", "serviceAccountName").toString()).isEqualTo("builder");
    assertThat(Serialization.asJson(read.get("spec", "taskRunSpecs"))).contains("\"taskServiceAccountName\":\"deployer\"");
    assertThat(read.getMetadata().getResourceVersion()).isEqualTo(stored.getMetadata().getResourceVersion());
  }

  @Test
  void listsAndWatchesInV1beta1SeeV1ObjectsAsV1beta1() {
    client.genericKubernetesResources("tekton.dev/v1", "Task").inNamespace(NS).resource(object("""
        apiVersion: tekton.dev/v1
        kind: Task
        metadata: {name: listed}
        spec:
          steps: [{name: s, image: busybox, computeResources: {requests: {memory: 1Gi}}}]
        """)).create();
    List<GenericKubernetesResource> seen = new CopyOnWriteArrayList<>();
    try (Watch watch = v1beta1("Task").inNamespace(NS).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, GenericKubernetesResource resource) {
        seen.add(resource);
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    })) {
      v1beta1("Task").inNamespace(NS).resource(object("""
          apiVersion: tekton.dev/v1beta1
          kind: Task
          metadata: {name: watched}
          spec:
            steps: [{name: s, image: busybox, resources: {limits: {cpu: "1"}}}]
          """)).create();

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(seen)
          .extracting(r -> r.getMetadata().getName()).contains("listed", "watched"));
    }

    assertThat(seen).allSatisfy(r -> {
      assertThat(r.getApiVersion()).isEqualTo("tekton.dev/v1beta1");
      assertThat(Serialization.asJson(r.get("spec", "steps"))).contains("\"resources\"").doesNotContain("computeResources");
    });
    List<GenericKubernetesResource> listed = v1beta1("Task").inNamespace(NS).list().getItems();
    assertThat(listed).extracting(r -> r.getMetadata().getName()).contains("listed", "watched");
    assertThat(listed).extracting(GenericKubernetesResource::getApiVersion).containsOnly("tekton.dev/v1beta1");
    assertThat(Serialization.asJson(client.genericKubernetesResources("tekton.dev/v1", "Task").inNamespace(NS)
        .withName("watched").get().get("spec", "steps"))).contains("computeResources");
  }

  @Test
  void aMergePatchInV1beta1AppliesToTheV1beta1Form() {
    v1beta1("PipelineRun").inNamespace(NS).resource(object("""
        apiVersion: tekton.dev/v1beta1
        kind: PipelineRun
        metadata: {name: patched}
        spec: {pipelineRef: {name: p}, serviceAccountName: first}
        """)).create();

    GenericKubernetesResource patched = v1beta1("PipelineRun").inNamespace(NS).withName("patched").patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"l\":\"v\"}},\"spec\":{\"serviceAccountName\":\"second\"}}");

    assertThat(patched.getApiVersion()).isEqualTo("tekton.dev/v1beta1");
    assertThat(patched.get("spec", "serviceAccountName").toString()).isEqualTo("second");
    PipelineRun stored = client.resources(PipelineRun.class).inNamespace(NS).withName("patched").get();
    assertThat(stored.getSpec().getTaskRunTemplate().getServiceAccountName()).isEqualTo("second");
    assertThat(stored.getMetadata().getLabels()).containsEntry("l", "v");
  }

  @Test
  void deletesThroughV1beta1() {
    v1beta1("Pipeline").inNamespace(NS).resource(object("""
        apiVersion: tekton.dev/v1beta1
        kind: Pipeline
        metadata: {name: deleted}
        spec: {tasks: [{name: t, taskRef: {name: x}}]}
        """)).create();

    assertThat(v1beta1("Pipeline").inNamespace(NS).withName("deleted").delete()).hasSize(1);

    assertThat(client.genericKubernetesResources("tekton.dev/v1", "Pipeline").inNamespace(NS).withName("deleted")
        .get()).isNull();
  }

  @Test
  void refusesWhatTheConversionWebhookRefuses() {
    GenericKubernetesResource withResources = object("""
        apiVersion: tekton.dev/v1beta1
        kind: PipelineRun
        metadata: {name: old}
        spec:
          pipelineRef: {name: p}
          resources: [{name: source, resourceRef: {name: git}}]
        """);

    // fabric8 tries a 500 again ten times, backing off to about 20 s in all; the first answer is the one to check.
    try (KubernetesClient once = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
        .withRequestRetryBackoffLimit(0).build()).build()) {
      assertThatThrownBy(() -> once.genericKubernetesResources("tekton.dev/v1beta1", "PipelineRun").inNamespace(NS)
          .resource(withResources).create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(500);
            assertThat(e.getStatus().getMessage()).isEqualTo("conversion webhook for tekton.dev/v1beta1, "
                + "Kind=PipelineRun failed: must not set the field(s): spec.resources");
          });
    }
    assertThat(client.resources(PipelineRun.class).inNamespace(NS).withName("old").get()).isNull();
  }

  @Test
  void aV1ObjectIsReadInV1beta1() {
    client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace(NS).resource(object("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: written-in-v1}
        spec: {pipelineRef: {name: p}, taskRunTemplate: {serviceAccountName: sa}}
        """)).create();

    GenericKubernetesResource read = v1beta1("PipelineRun").inNamespace(NS).withName("written-in-v1").get();

    assertThat(read.getAdditionalProperties().get("spec")).isEqualTo(Map.of("pipelineRef", Map.of("name", "p"),
        "serviceAccountName", "sa"));
  }

  @Test
  void kubectlAppliesAndReadsV1beta1(@TempDir Path dir) throws Exception {
    Kubectl.assumeInstalled();
    Kubectl kubectl = Kubectl.forKubeconfig(server.writeKubeconfig(dir.resolve("kubeconfig")), dir);
    String run = """
        apiVersion: tekton.dev/v1beta1
        kind: PipelineRun
        metadata: {name: applied, namespace: conversion}
        spec:
          serviceAccountName: %s
          pipelineRef: {name: p}
        """;

    Kubectl.Result created = kubectl.runWithInput(run.formatted("first"), "apply", "--validate=false", "-f", "-");
    Kubectl.Result changed = kubectl.runWithInput(run.formatted("second"), "apply", "--validate=false", "-f", "-");
    Kubectl.Result read = kubectl.run("get", "pipelineruns.v1beta1.tekton.dev", "applied", "-n", NS, "-o",
        "jsonpath={.apiVersion} {.spec.serviceAccountName}");

    assertThat(created.succeeded()).as(created.toString()).isTrue();
    assertThat(changed.succeeded()).as(changed.toString()).isTrue();
    assertThat(changed.out()).contains("pipelinerun.tekton.dev/applied configured");
    assertThat(read.out()).isEqualTo("tekton.dev/v1beta1 second");
    assertThat(client.resources(PipelineRun.class).inNamespace(NS).withName("applied").get().getSpec()
        .getTaskRunTemplate().getServiceAccountName()).isEqualTo("second");
  }
}
