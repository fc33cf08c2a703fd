package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.admission.AdmissionHandler;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded server's admission chain: who writes, as the impersonation headers say, and kube-apiserver's refusal. */
class EmbeddedAdmissionIT {

  private static EmbeddedApiServer server;
  private static final List<AdmissionRequest> seen = new CopyOnWriteArrayList<>();

  /** Guards ConfigMaps labelled guarded=yes: only alice, or the ops group, and nobody deletes. */
  private static final AdmissionHandler GUARD = new AdmissionHandler() {
    public String name() {
      return "guard.example.dev";
    }

    public boolean handles(String group, String resource) {
      return group.isEmpty() && "configmaps".equals(resource);
    }

    public AdmissionResponse review(AdmissionRequest request) {
      seen.add(request);
      if ("DELETE".equals(request.getOperation())) {
        return AdmissionHandler.refuse(403, "Forbidden", "guarded objects stay");
      }
      boolean mayWrite = "alice".equals(request.getUserInfo().getUsername())
          || request.getUserInfo().getGroups().contains("ops")
          || "system:admin".equals(request.getUserInfo().getUsername());
      // The stored object lets a handler read across objects without calling back over HTTP.
      boolean readsWork = server.admissionReads().list("", "v1", "configmaps", "default") != null;
      return mayWrite && readsWork ? AdmissionHandler.allow() : AdmissionHandler.refuse(0, null, "not you");
    }
  };

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().admit(GUARD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static KubernetesClient as(String user, String... groups) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(server.client().getConfiguration())
        .withImpersonateUsername(user).withImpersonateGroups(groups).build()).build();
  }

  private static ConfigMap map(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withData(Map.of("k", "v")).build();
  }

  @Test
  void theImpersonatedUserAndGroupsReachTheHandler() {
    try (KubernetesClient carol = as("carol", "ops", "devs")) {
      carol.resource(map("by-carol")).create();
    }
    AdmissionRequest request = seen.stream().filter(r -> "by-carol".equals(r.getName())).findFirst().orElseThrow();
    assertThat(request.getOperation()).isEqualTo("CREATE");
    assertThat(request.getNamespace()).isEqualTo("default");
    assertThat(request.getResource().getResource()).isEqualTo("configmaps");
    assertThat(request.getUserInfo().getUsername()).isEqualTo("carol");
    assertThat(request.getUserInfo().getGroups()).containsExactly("ops", "devs", "system:authenticated");
    assertThat(server.client().configMaps().inNamespace("default").withName("by-carol").get()).isNotNull();
  }

  @Test
  void withoutImpersonationTheWriterIsAnAdmin() {
    server.client().resource(map("by-admin")).create();
    AdmissionRequest request = seen.stream().filter(r -> "by-admin".equals(r.getName())).findFirst().orElseThrow();
    assertThat(request.getUserInfo().getUsername()).isEqualTo("system:admin");
    assertThat(request.getUserInfo().getGroups()).contains("system:masters");
  }

  @Test
  void aRefusalAnswersAsKubeApiserverAndNothingIsWritten() {
    try (KubernetesClient mallory = as("mallory", "devs")) {
      assertThatThrownBy(() -> mallory.resource(map("by-mallory")).create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            // A handler's code below 400 becomes 400, as kube-apiserver does.
            assertThat(e.getCode()).isEqualTo(400);
            assertThat(e.getStatus().getMessage())
                .isEqualTo("admission webhook \"guard.example.dev\" denied the request: not you");
          });
    }
    assertThat(server.client().configMaps().inNamespace("default").withName("by-mallory").get()).isNull();
  }

  @Test
  void updatesAndDeletesAreReviewedWithTheStoredObject() {
    server.client().resource(map("kept")).create();
    assertThatThrownBy(() -> server.client().configMaps().inNamespace("default").withName("kept").delete())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(403);
          assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
          assertThat(e.getStatus().getMessage()).endsWith("denied the request: guarded objects stay");
        });
    AdmissionRequest delete = seen.stream().filter(r -> "DELETE".equals(r.getOperation())).findFirst().orElseThrow();
    assertThat(delete.getOldObject()).isNotNull();
    assertThat(server.client().configMaps().inNamespace("default").withName("kept").get()).isNotNull();
  }
}
