package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.customrun.CustomRun;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Field selectors on lists and watches, as kube-apiserver serves them: an Event's own fields
 * ({@code involvedObject.*}, {@code reason}, {@code source}, ...), {@code metadata.name} and
 * {@code metadata.namespace} on every kind, with {@code =}, {@code ==} and {@code !=}; and
 * kube-apiserver's 400 for a field the kind lacks or a selector that does not parse.
 */
class FieldSelectorsIT {

  private static final String NS = "fields";
  private static final String WATCHED_NS = "watched";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start();
    client = server.client();
    event("wait-1.a", "wait-1", "uid-1", "Started", "Normal", "wait-controller");
    event("wait-1.b", "wait-1", "uid-1", "Succeeded", "Normal", "wait-controller");
    event("wait-2.a", "wait-2", "uid-2", "InvalidParams", "Warning", "wait-controller");
    event("gate.a", "gate", "uid-3", "Started", "Normal", "approval-controller");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void eventsAreSelectedByTheirInvolvedObjectAsKubectlDescribeAsks() {
    List<Event> selected = client.v1().events().inNamespace(NS).withFields(Map.of(
        "involvedObject.name", "wait-1", "involvedObject.namespace", NS,
        "involvedObject.kind", "CustomRun", "involvedObject.uid", "uid-1")).list().getItems();

    assertThat(names(selected)).containsExactlyInAnyOrder("wait-1.a", "wait-1.b");
  }

  @Test
  void valuesTheMockCannotReadThemselvesSelectToo() {
    assertThat(names(client.v1().events().inNamespace(NS)
        .withField("involvedObject.apiVersion", "tekton.dev/v1beta1").withField("reason", "Started").list().getItems()))
        .containsExactlyInAnyOrder("wait-1.a", "gate.a");
    assertThat(names(client.v1().events().inNamespace(NS).withField("involvedObject.fieldPath", "").list().getItems()))
        .hasSize(4);
  }

  @Test
  void notEqualAndTheOtherEventFieldsSelect() {
    assertThat(names(client.v1().events().inNamespace(NS).withoutField("type", "Normal").list().getItems()))
        .containsExactly("wait-2.a");
    assertThat(names(client.v1().events().inNamespace(NS).withField("source", "approval-controller").list()
        .getItems())).containsExactly("gate.a");
    assertThat(names(client.v1().events().inNamespace(NS).withoutField("involvedObject.name", "wait-1")
        .withoutField("reason", "Started").list().getItems())).containsExactly("wait-2.a");
  }

  @Test
  void everyKindIsSelectedByNameAndNamespace() {
    configMap("one", NS);
    configMap("two", NS);
    configMap("one", "elsewhere");

    assertThat(client.configMaps().inAnyNamespace().withField("metadata.name", "one").list().getItems())
        .extracting(c -> c.getMetadata().getNamespace()).containsExactlyInAnyOrder(NS, "elsewhere");
    assertThat(names(client.configMaps().inAnyNamespace().withField("metadata.namespace", NS)
        .withoutField("metadata.name", "one").list().getItems())).containsExactly("two");
  }

  @Test
  void aWatchSendsOnlyTheSelectedEventsAndTheirChanges() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Watch watch = client.v1().events().inNamespace(WATCHED_NS).withField("involvedObject.name", "watched")
        .watch(new Watcher<Event>() {
          @Override
          public void eventReceived(Action action, Event event) {
            seen.add(action + " " + event.getMetadata().getName() + " " + event.getReason());
          }

          @Override
          public void onClose(WatcherException cause) {
          }
        })) {
      event(WATCHED_NS, "other.a", "other", "uid-4", "Started", "Normal", "wait-controller");
      event(WATCHED_NS, "watched.a", "watched", "uid-5", "Started", "Normal", "wait-controller");
      client.v1().events().inNamespace(WATCHED_NS).withName("watched.a")
          .edit(e -> new EventBuilder(e).withReason("Running").build());
      event(WATCHED_NS, "watched.b", "watched", "uid-5", "Succeeded", "Normal", "wait-controller");

      await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 3);
      assertThat(seen).containsExactly("ADDED watched.a Started", "MODIFIED watched.a Running",
          "ADDED watched.b Succeeded");
    }
  }

  @Test
  void aFieldTheKindLacksIsABadRequestInKubeApiserversWords() {
    assertThatThrownBy(() -> client.v1().events().inNamespace(NS).withField("involvedObject.colour", "red").list())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getStatus().getReason()).isEqualTo("BadRequest");
          assertThat(e.getStatus().getMessage()).isEqualTo("field label not supported: involvedObject.colour");
        });
    assertThatThrownBy(() -> client.resources(CustomRun.class).inNamespace(NS).withField("spec.status", "x").list())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .isEqualTo("field label not supported: spec.status"));
    assertThatThrownBy(() -> client.configMaps().inNamespace(NS).withField("data.k", "v").list())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .isEqualTo("\"data.k\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""));
    assertThatThrownBy(() -> client.v1().events().inNamespace(NS).withField("type", "Normal")
        .withField("zone", "a").withField("colour", "red").list())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .isEqualTo("field label not supported: colour"));
    assertThatThrownBy(() -> client.namespaces().withField("metadata.namespace", "x").list())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .isEqualTo("field label not supported: metadata.namespace"));
  }

  @Test
  void aDeleteOfACollectionFollowsItsFieldSelectorAndRefusesAFieldTheKindLacks() {
    configMap("kept", "deleting");
    configMap("dropped", "deleting");

    assertThatThrownBy(() -> client.configMaps().inNamespace("deleting").withField("data.k", "v").delete())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(400));
    client.configMaps().inNamespace("deleting").withField("metadata.name", "dropped").delete();

    assertThat(names(client.configMaps().inNamespace("deleting").list().getItems())).containsExactly("kept");
  }

  @Test
  void aWatchOnAFieldTheKindLacksIsRefusedToo() {
    assertThatThrownBy(() -> client.v1().events().inNamespace(NS).withField("colour", "red")
        .watch(new Watcher<Event>() {
          @Override
          public void eventReceived(Action action, Event event) {
          }

          @Override
          public void onClose(WatcherException cause) {
          }
        }).close())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(400));
  }

  @Test
  void aSelectorThatDoesNotParseIsABadRequest() {
    assertThatThrownBy(() -> server.client().raw("/api/v1/namespaces/" + NS + "/events?fieldSelector=reason"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getMessage()).contains("invalid selector: 'reason'; can't understand 'reason'");
        });
  }

  private static void event(String name, String involved, String uid, String reason, String type, String source) {
    event(NS, name, involved, uid, reason, type, source);
  }

  private static void event(String namespace, String name, String involved, String uid, String reason, String type,
      String source) {
    client.v1().events().inNamespace(namespace).resource(new EventBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewInvolvedObject().withApiVersion("tekton.dev/v1beta1").withKind("CustomRun").withName(involved)
        .withNamespace(namespace).withUid(uid).endInvolvedObject()
        .withReason(reason).withType(type).withMessage(reason).withNewSource().withComponent(source).endSource()
        .build()).create();
  }

  private static void configMap(String name, String namespace) {
    ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .addToData("k", "v").build();
    client.configMaps().inNamespace(namespace).resource(map).create();
  }

  private static List<String> names(List<? extends HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).toList();
  }
}
