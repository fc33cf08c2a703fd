package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.embedded.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creates answered as kube-apiserver answers them: generated names, and AlreadyExists for a taken name. */
class CreatesIT {

  private static final String NS = "creates";

  @TempDir
  static Path dir;
  private static EmbeddedApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start(InetAddress.getLoopbackAddress(), 0, false);
    client = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static GenericKubernetesResource task(String metadata) {
    return Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: Task
        metadata: %s
        spec: {steps: [{image: busybox}]}
        """.formatted(metadata), GenericKubernetesResource.class);
  }

  @Test
  void generateNameGivesFiveRandomCharactersAfterThePrefix() {
    GenericKubernetesResource first = client.genericKubernetesResources("tekton.dev/v1", "Task").inNamespace(NS)
        .resource(task("{generateName: pr-}")).create();
    GenericKubernetesResource second = client.genericKubernetesResources("tekton.dev/v1", "Task").inNamespace(NS)
        .resource(task("{generateName: pr-}")).create();
    var configMap = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withGenerateName("settings-").endMetadata().build()).create();

    assertThat(first.getMetadata().getName()).matches("pr-[bcdfghjklmnpqrstvwxz2456789]{5}")
        .isNotEqualTo(second.getMetadata().getName());
    assertThat(configMap.getMetadata().getName()).matches("settings-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(client.genericKubernetesResources("tekton.dev/v1", "Task").inNamespace(NS)
        .withName(first.getMetadata().getName()).get()).isNotNull();
  }

  @Test
  void aGeneratedNameWorksInV1beta1Too() {
    GenericKubernetesResource created = client.genericKubernetesResources("tekton.dev/v1beta1", "PipelineRun")
        .inNamespace(NS).resource(Serialization.unmarshal("""
            apiVersion: tekton.dev/v1beta1
            kind: PipelineRun
            metadata: {generateName: pr-custom-task-beta-}
            spec: {pipelineRef: {name: p}}
            """, GenericKubernetesResource.class)).create();

    assertThat(created.getMetadata().getName()).matches("pr-custom-task-beta-[bcdfghjklmnpqrstvwxz2456789]{5}");
  }

  @Test
  void creatingATakenNameIsAlreadyExists() {
    client.genericKubernetesResources("tekton.dev/v1", "Task").inNamespace(NS).resource(task("{name: dup}")).create();

    assertThatThrownBy(() -> client.genericKubernetesResources("tekton.dev/v1", "Task").inNamespace(NS)
        .resource(task("{name: dup}")).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
          assertThat(e.getStatus().getMessage()).isEqualTo("tasks.tekton.dev \"dup\" already exists");
          assertThat(e.getStatus().getDetails().getName()).isEqualTo("dup");
          assertThat(e.getStatus().getDetails().getGroup()).isEqualTo("tekton.dev");
          assertThat(e.getStatus().getDetails().getKind()).isEqualTo("tasks");
        });
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("cm")
        .endMetadata().build()).create();
    assertThatThrownBy(() -> client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("cm").endMetadata().build()).create())
        .isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getStatus().getMessage()).isEqualTo("configmaps \"cm\" already exists"));
  }

  @Test
  void kubectlShowsAlreadyExists() throws Exception {
    Kubectl.assumeInstalled();
    Kubectl kubectl = Kubectl.forKubeconfig(server.writeKubeconfig(dir.resolve("kubeconfig")), dir);
    Path file = Files.writeString(dir.resolve("task.yaml"), """
        apiVersion: tekton.dev/v1
        kind: Task
        metadata: {name: twice, namespace: creates}
        spec: {steps: [{image: busybox}]}
        """);

    assertThat(kubectl.run("create", "--validate=false", "-f", file.toString()).succeeded()).isTrue();
    Kubectl.Result again = kubectl.run("create", "--validate=false", "-f", file.toString());

    assertThat(again.succeeded()).isFalse();
    assertThat(again.err().strip()).isEqualTo("Error from server (AlreadyExists): error when creating \""
        + file + "\": tasks.tekton.dev \"twice\" already exists");
  }
}
