package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A value its CRD's schema enum lacks, refused by the embedded server as kube-apiserver refuses it. */
class SchemaEnumsIT {

  private static final String NS = "default";
  private static final String API_VERSION = "example.dev/v1";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start();
    client = server.client();
    client.resource(crd("fast, slow")).create();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aWordTheEnumLacksIsRefusedAtCreateWithKubeApiserversMessage() {
    assertInvalid(() -> client.resource(hello("typo", "mode: quick")).create(),
        "Hello.example.dev \"typo\" is invalid: spec.mode: Unsupported value: \"quick\": supported values: \"fast\", "
            + "\"slow\"");

    assertThat(client.resource(hello("listed", "mode: slow")).create().<String>get("spec", "mode")).isEqualTo("slow");
    assertThat(client.resource(hello("absent", "name: x")).create().getMetadata().getUid()).isNotBlank();
  }

  @Test
  void arrayItemsAreNamedByIndexAndEveryBadFieldIsListed() {
    assertInvalid(() -> client.resource(hello("many", "mode: Fast\n  steps: [{onError: stop}, {onError: skip}]"))
        .create(), "Hello.example.dev \"many\" is invalid: [spec.mode: Unsupported value: \"Fast\": supported values: "
            + "\"fast\", \"slow\", spec.steps[1].onError: Unsupported value: \"skip\": supported values: \"continue\", "
            + "\"stop\"]");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMergePatchOrAnUpdateToAWordTheEnumLacksIsRefusedAndTheObjectKept() {
    client.resource(hello("patched", "mode: fast")).create();
    var hello = client.genericKubernetesResources(API_VERSION, "Hello").inNamespace(NS).withName("patched");

    assertInvalid(() -> hello.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"mode\":\"later\"}}"),
        "Hello.example.dev \"patched\" is invalid: spec.mode: Unsupported value: \"later\": supported values: "
            + "\"fast\", \"slow\"");
    GenericKubernetesResource stored = hello.get();
    ((java.util.Map<String, Object>) stored.getAdditionalProperties().get("spec")).put("mode", 7);
    assertInvalid(() -> client.resource(stored).update(), "Hello.example.dev \"patched\" is invalid: spec.mode: "
        + "Unsupported value: 7: supported values: \"fast\", \"slow\"");

    assertThat(hello.get().<String>get("spec", "mode")).isEqualTo("fast");
    hello.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"mode\":\"slow\"}}");
    assertThat(hello.get().<String>get("spec", "mode")).isEqualTo("slow");
  }

  @Test
  void aChangedCrdIsCheckedByItsNewSchema() {
    assertInvalid(() -> client.resource(hello("medium-before", "mode: medium")).create(),
        "Hello.example.dev \"medium-before\" is invalid: spec.mode: Unsupported value: \"medium\": supported values: "
            + "\"fast\", \"slow\"");

    client.resource(crd("fast, medium, slow")).createOr(c -> c.update());
    try {
      assertThat(client.resource(hello("medium-after", "mode: medium")).create().<String>get("spec", "mode"))
          .isEqualTo("medium");
    } finally {
      client.resource(crd("fast, slow")).createOr(c -> c.update());
    }
  }

  private static void assertInvalid(Runnable write, String message) {
    assertThatThrownBy(write::run).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(422);
      assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
      assertThat(e.getStatus().getMessage()).isEqualTo(message);
    });
  }

  private static GenericKubernetesResource hello(String name, String spec) {
    return Serialization.unmarshal("""
        apiVersion: example.dev/v1
        kind: Hello
        metadata: {name: %s, namespace: %s}
        spec:
          %s
        """.formatted(name, NS, spec), GenericKubernetesResource.class);
  }

  private static CustomResourceDefinition crd(String modes) {
    return Serialization.unmarshal("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: hellos.example.dev}
        spec:
          group: example.dev
          names: {kind: Hello, plural: hellos, singular: hello}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      mode: {type: string, enum: [%s]}
                      name: {type: string}
                      steps:
                        type: array
                        items:
                          type: object
                          properties:
                            onError: {type: string, enum: [continue, stop]}
        """.formatted(modes), CustomResourceDefinition.class);
  }
}
