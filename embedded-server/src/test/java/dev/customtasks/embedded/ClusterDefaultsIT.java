package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a cluster's own controllers do within a moment and clients wait for: CRDs are established
 * (kube-apiserver), a new namespace gets its default ServiceAccount (kube-controller-manager).
 */
class ClusterDefaultsIT {

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
  void theCrdsTheServerInstallsAreEstablished() {
    CustomResourceDefinition customRuns = client.apiextensions().v1().customResourceDefinitions()
        .withName("customruns.tekton.dev").get();
    assertEstablished(customRuns);
    assertThat(customRuns.getStatus().getAcceptedNames().getKind()).isEqualTo("CustomRun");
    assertThat(customRuns.getStatus().getStoredVersions()).containsExactly("v1beta1");
  }

  @Test
  void aCrdAClientCreatesIsEstablishedAndCanBeWaitedFor() {
    CustomResourceDefinition created = client.apiextensions().v1().customResourceDefinitions()
        .resource(widgets("v1")).create();
    assertEstablished(created);
    // What the e2e suite and kubectl wait do: it returns at once instead of timing out.
    CustomResourceDefinition waited = client.apiextensions().v1().customResourceDefinitions()
        .withName("widgets.example.dev").waitUntilCondition(crd -> crd.getStatus() != null
            && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())), 5, TimeUnit.SECONDS);
    assertThat(waited.getStatus().getAcceptedNames().getPlural()).isEqualTo("widgets");
  }

  @Test
  void anUpdatedCrdStaysEstablishedWithItsNewStorageVersion() {
    client.apiextensions().v1().customResourceDefinitions().resource(gadgets("v1")).create();
    CustomResourceDefinition current = client.apiextensions().v1().customResourceDefinitions()
        .withName("gadgets.example.dev").get();
    current.getSpec().getVersions().get(0).setName("v2");
    CustomResourceDefinition updated = client.apiextensions().v1().customResourceDefinitions().resource(current)
        .update();
    assertEstablished(updated);
    assertThat(updated.getStatus().getStoredVersions()).containsExactly("v2");
  }

  @Test
  void aNewNamespaceGetsItsDefaultServiceAccount() {
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("team-a").endMetadata().build()).create();
    assertThat(client.serviceAccounts().inNamespace("team-a").withName("default")
        .waitUntilCondition(java.util.Objects::nonNull, 5, TimeUnit.SECONDS).getMetadata().getNamespace())
        .isEqualTo("team-a");
  }

  private static void assertEstablished(CustomResourceDefinition crd) {
    assertThat(crd.getStatus()).isNotNull();
    assertThat(crd.getStatus().getConditions()).extracting(CustomResourceDefinitionCondition::getType,
        CustomResourceDefinitionCondition::getStatus, CustomResourceDefinitionCondition::getReason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("NamesAccepted", "True", "NoConflicts"),
            org.assertj.core.groups.Tuple.tuple("Established", "True", "InitialNamesAccepted"));
  }

  private static CustomResourceDefinition widgets(String version) {
    return crd("widgets", "Widget", version);
  }

  private static CustomResourceDefinition gadgets(String version) {
    return crd("gadgets", "Gadget", version);
  }

  private static CustomResourceDefinition crd(String plural, String kind, String version) {
    return new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + ".example.dev").endMetadata()
        .withNewSpec().withGroup("example.dev").withScope("Namespaced")
        .withNewNames().withPlural(plural).withSingular(kind.toLowerCase()).withKind(kind).endNames()
        .addNewVersion().withName(version).withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema().endSchema().endVersion()
        .endSpec().build();
  }
}
