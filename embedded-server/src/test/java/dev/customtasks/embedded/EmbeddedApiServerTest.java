package dev.customtasks.embedded;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.Condition;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded server answers in front of the mock, seen through a fabric8 client. */
class EmbeddedApiServerTest {

  private static final String NS = "test";
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
  void discoveryServesTheInstalledCrdsWithThePreferredVersionFirst() {
    APIGroup tekton = client.getApiGroup("tekton.dev");
    List<APIResource> v1beta1 = client.getApiResources("tekton.dev/v1beta1").getResources();

    assertThat(tekton.getPreferredVersion().getVersion()).isEqualTo("v1");
    assertThat(tekton.getVersions()).extracting(v -> v.getVersion()).containsExactly("v1", "v1beta1");
    assertThat(v1beta1).extracting(APIResource::getName).containsExactly("customruns", "customruns/status",
        "pipelines", "pipelines/status", "pipelineruns", "pipelineruns/status", "tasks", "tasks/status",
        "taskruns", "taskruns/status");
    APIResource customRuns = v1beta1.get(0);
    assertThat(customRuns.getKind()).isEqualTo("CustomRun");
    assertThat(customRuns.getNamespaced()).isTrue();
    assertThat(customRuns.getSingularName()).isEqualTo("customrun");
    assertThat(customRuns.getCategories()).contains("tekton");
    assertThat(customRuns.getVerbs()).contains("get", "list", "watch", "create", "patch", "delete");
    assertThat(client.getApiResources("tekton.dev/v1").getResources()).filteredOn(r -> r.getName().equals("pipelineruns"))
        .singleElement().satisfies(r -> assertThat(r.getShortNames()).containsExactly("pr", "prs"));
    assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo(Discovery.KUBERNETES_VERSION);
  }

  @Test
  void aCrdCreatedThroughTheApiIsDiscoverableAtOnce() {
    client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("gadgets.example.dev").endMetadata()
        .withNewSpec().withGroup("example.dev").withScope("Cluster")
        .withNewNames().withKind("Gadget").withPlural("gadgets").withSingular("gadget").withShortNames("gd").endNames()
        .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true).endVersion()
        .addNewVersion().withName("v1beta2").withServed(true).withStorage(false).endVersion()
        .addNewVersion().withName("v1alpha2").withServed(false).withStorage(false).endVersion()
        .endSpec().build()).create();

    assertThat(client.getApiGroup("example.dev").getPreferredVersion().getVersion()).isEqualTo("v1beta2");
    assertThat(client.getApiGroup("example.dev").getVersions()).extracting(v -> v.getVersion())
        .containsExactly("v1beta2", "v1alpha1");
    assertThat(client.getApiResources("example.dev/v1alpha1").getResources()).singleElement()
        .satisfies(r -> {
          assertThat(r.getNamespaced()).isFalse();
          assertThat(r.getShortNames()).containsExactly("gd");
        });
  }

  @Test
  void mergePatchReplacesArraysInsteadOfAppending() {
    client.resource(customRun("merge-arrays").param("a", "1").param("b", "2").build()).create();

    CustomRun patched = client.resources(CustomRun.class).inNamespace(NS).withName("merge-arrays")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"params\":[{\"name\":\"c\",\"value\":\"3\"}]}}");

    assertThat(patched.getSpec().getParams()).extracting(p -> p.getName()).containsExactly("c");
    assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void mergePatchOfStatusReplacesConditionsAndLeavesTheSpec() {
    client.resource(customRun("merge-status").param("a", "1").build()).create();
    var run = client.resources(CustomRun.class).inNamespace(NS).withName("merge-status");
    CustomRunStatus running = new CustomRunStatus();
    running.markRunning("Running", "first", Instant.parse("2025-01-01T00:00:00Z"));
    run.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"status\":" + io.fabric8.kubernetes.client.utils.Serialization.asJson(running) + "}");
    CustomRunStatus done = new CustomRunStatus();
    done.markSucceeded("Succeeded", "second", Instant.parse("2025-01-01T00:01:00Z"));

    CustomRun patched = run.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"retries\":5},\"status\":" + io.fabric8.kubernetes.client.utils.Serialization.asJson(done) + "}");

    assertThat(patched.getStatus().getConditions()).extracting(Condition::getMessage).containsExactly("second");
    assertThat(patched.getSpec().getRetries()).as("a /status write changes only status").isNull();
  }

  @Test
  void mergePatchWithAStaleResourceVersionConflicts() {
    CustomRun created = client.resource(customRun("merge-stale").build()).create();
    client.resources(CustomRun.class).inNamespace(NS).withName("merge-stale")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");

    assertThatThrownBy(() -> client.resources(CustomRun.class).inNamespace(NS).withName("merge-stale")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"resourceVersion\":\""
            + created.getMetadata().getResourceVersion() + "\",\"labels\":{\"a\":\"c\"}}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  @Test
  void strategicMergePatchIsRefusedWithWhatToUseInstead() {
    client.resource(customRun("strategic").build()).create();

    assertThatThrownBy(() -> client.resources(CustomRun.class).inNamespace(NS).withName("strategic")
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"retries\":1}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(415);
          assertThat(e.getMessage()).contains("use kubectl patch --type merge");
        });
  }

  @Test
  void rulesReviewAllowsEverythingAsLeaderElectionChecks() {
    SelfSubjectRulesReview review = client.resource(new SelfSubjectRulesReviewBuilder().withNewSpec()
        .withNamespace(NS).endSpec().build()).create();

    assertThat(review.getStatus().getResourceRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getVerbs()).containsExactly("*");
      assertThat(rule.getApiGroups()).containsExactly("*");
      assertThat(rule.getResources()).containsExactly("*");
    });
  }

  @Test
  void theWrittenKubeconfigConnectsAClientInAnotherProcessOverHttpAndHttps(@TempDir Path dir) throws Exception {
    try (EmbeddedApiServer https = EmbeddedApiServer.start(InetAddress.getLoopbackAddress(), 0, true)) {
      for (EmbeddedApiServer target : List.of(server, https)) {
        Path file = target.writeKubeconfig(dir.resolve(target.isHttps() ? "https" : "http").resolve("config"));
        Config config = Config.fromKubeconfig(Files.readString(file));

        assertThat(config.getMasterUrl()).startsWith(target.externalUrl());
        assertThat(config.getNamespace()).isEqualTo(EmbeddedApiServer.KUBECONFIG_NAMESPACE);
        try (KubernetesClient other = new KubernetesClientBuilder().withConfig(config).build()) {
          assertThat(other.resources(CustomRun.class).inAnyNamespace().list().getItems()).isNotNull();
        }
        if (!System.getProperty("os.name").startsWith("Windows")) {
          assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
              .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        }
      }
    }
  }

  @Test
  void onTheIpv6LoopbackAddressEveryUrlBracketsTheAddressAndClientsConnect(@TempDir Path dir) throws Exception {
    InetAddress ipv6Loopback = InetAddress.getByName("::1");
    try (EmbeddedApiServer ipv6 = EmbeddedApiServer.start(ipv6Loopback, 0, false)) {
      assertThat(ipv6.externalUrl()).isEqualTo("http://[0:0:0:0:0:0:0:1]:" + ipv6.port());
      assertThat(ipv6.url()).isEqualTo("http://[0:0:0:0:0:0:0:1]:" + ipv6.port() + "/");
      assertThat(ipv6.client().resources(CustomRun.class).inAnyNamespace().list().getItems()).isEmpty();

      Config config = Config.fromKubeconfig(Files.readString(ipv6.writeKubeconfig(dir.resolve("config"))));
      try (KubernetesClient other = new KubernetesClientBuilder().withConfig(config).build()) {
        assertThat(other.resources(CustomRun.class).inAnyNamespace().list().getItems()).isEmpty();
      }
    }
  }

  @Test
  void aWildcardBindIsReachedThroughTheLoopbackAddress() throws Exception {
    assertThat(EmbeddedApiServer.urlOf(InetAddress.getByName("0.0.0.0"), true, 6443))
        .isEqualTo("https://127.0.0.1:6443");
    assertThat(EmbeddedApiServer.hostPort(InetAddress.getByName("::1"), 1)).isEqualTo("[0:0:0:0:0:0:0:1]:1");
  }
}
