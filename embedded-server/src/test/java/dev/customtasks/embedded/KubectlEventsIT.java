package dev.customtasks.embedded;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.controller.RunEvents;
import dev.customtasks.embedded.testkit.Kubectl;
import dev.customtasks.embedded.testkit.Kubectl.Result;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl finds a run's Events as on a cluster: {@code kubectl describe} lists them, a
 * CustomRun's as an ApprovalRequest's (it asks with a field selector on the involved object),
 * {@code kubectl get events --field-selector} selects them and prints a cluster's columns, and a
 * field Events lack is refused with kube-apiserver's message. The Events are recorded as the
 * controllers record them ({@link RunEvents}). Skipped, saying so, where kubectl is not installed.
 */
class KubectlEventsIT {

  private static final String NS = "default";

  @TempDir
  static Path dir;
  private static EmbeddedApiServer server;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() {
    Kubectl.assumeInstalled();
    server = EmbeddedApiServer.start(InetAddress.getLoopbackAddress(), 0, false);
    kubectl = Kubectl.forKubeconfig(server.writeKubeconfig(dir.resolve("kubeconfig")), dir);
    RunEvents events = new RunEvents(server.client(), "wait-controller");
    Instant now = Instant.now();
    CustomRun described = create("described");
    events.normal(described, "Started", "the wait began", now);
    events.warning(described, "TimedOut", "the wait outlasted its timeout", now);
    events.normal(create("other"), "Started", "another wait began", now);
    events.normal(approvalRequest("gate"), "Waiting", "waiting for 1 of alice", now);
    RunEvents.flush(Duration.ofSeconds(30));
    await().atMost(Duration.ofSeconds(30))
        .until(() -> server.client().v1().events().inNamespace(NS).list().getItems().size() == 4);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void describeListsTheRunsOwnEvents() {
    Result described = kubectl.run("describe", "customrun", "described");

    assertThat(described.succeeded()).as(described.toString()).isTrue();
    String events = described.out().substring(described.out().indexOf("Events:"));
    assertThat(events).doesNotContain("<none>")
        .containsPattern("Normal\\s+Started\\s+.*wait-controller\\s+the wait began")
        .containsPattern("Warning\\s+TimedOut\\s+.*wait-controller\\s+the wait outlasted its timeout")
        .doesNotContain("another wait began");
  }

  @Test
  void describeListsTheEventsOfAKindOfOurOwnToo() {
    Result described = kubectl.run("describe", "approvalrequest", "gate");

    assertThat(described.succeeded()).as(described.toString()).isTrue();
    assertThat(described.out().substring(described.out().indexOf("Events:")))
        .containsPattern("Normal\\s+Waiting\\s+.*wait-controller\\s+waiting for 1 of alice")
        .doesNotContain("the wait began");
  }

  @Test
  void getEventsSelectsByTheInvolvedObject() {
    Result get = kubectl.run("get", "events", "--field-selector", "involvedObject.name=other", "-o", "name");

    assertThat(get.succeeded()).as(get.toString()).isTrue();
    assertThat(get.out().lines()).singleElement().asString().startsWith("event/other.");
  }

  @Test
  void getEventsPrintsTheColumnsOfACluster() {
    Result get = kubectl.run("get", "events", "--field-selector", "involvedObject.name=described");
    Result wide = kubectl.run("get", "events", "--field-selector", "reason=TimedOut", "-o", "wide");

    assertThat(get.succeeded()).as(get.toString()).isTrue();
    assertThat(get.out()).containsPattern("^LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE\n")
        .containsPattern("\\d+s\\s+Normal\\s+Started\\s+customrun/described\\s+the wait began")
        .containsPattern("Warning\\s+TimedOut\\s+customrun/described\\s+the wait outlasted its timeout");
    assertThat(wide.out()).as(wide.toString()).containsPattern(
        "^LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+SUBOBJECT\\s+SOURCE\\s+MESSAGE\\s+FIRST SEEN\\s+COUNT\\s+NAME\n")
        .containsPattern("TimedOut\\s+customrun/described\\s+wait-controller\\s+the wait outlasted its timeout"
            + "\\s+\\d+s\\s+1\\s+described\\.");
  }

  @Test
  void aFieldEventsLackIsRefusedAsByACluster() {
    Result get = kubectl.run("get", "events", "--field-selector", "involvedObject.colour=red");

    assertThat(get.succeeded()).as(get.toString()).isFalse();
    assertThat(get.err()).contains("Error from server (BadRequest)")
        .contains("field label not supported: involvedObject.colour");
  }

  @Test
  void aListOfEventsIsAnEventListSaidToBeJsonAsTypedClientsNeed() throws Exception {
    HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        server.client().getMasterUrl().toURI().resolve("/api/v1/namespaces/" + NS + "/events")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(list.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(list.body()).startsWith("{\"apiVersion\":\"v1\",\"kind\":\"EventList\",");
  }

  /** An object of a namespaced kind of our own group, as task-approval's ApprovalRequest. */
  private static GenericKubernetesResource approvalRequest(String name) {
    server.client().apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("approvalrequests.customtasks.dev").endMetadata()
        .withNewSpec().withGroup("customtasks.dev").withScope("Namespaced")
        .withNewNames().withKind("ApprovalRequest").withPlural("approvalrequests").withSingular("approvalrequest")
        .endNames()
        .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true).endVersion()
        .endSpec().build()).create();
    GenericKubernetesResource request = new GenericKubernetesResourceBuilder()
        .withApiVersion("customtasks.dev/v1alpha1").withKind("ApprovalRequest")
        .withNewMetadata().withName(name).withNamespace(NS).endMetadata().build();
    return server.client().genericKubernetesResources("customtasks.dev/v1alpha1", "ApprovalRequest")
        .inNamespace(NS).resource(request).create();
  }

  private static CustomRun create(String name) {
    return server.client().resource(customRun(name).inNamespace(NS).build()).create();
  }
}
