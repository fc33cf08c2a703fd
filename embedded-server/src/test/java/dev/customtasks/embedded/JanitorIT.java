package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.Timestamps;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Housekeeping acted out through the API of a real embedded server. */
class JanitorIT {

  private static final String NS = "test";
  /**
   * The janitor's "now", 90 minutes after the real one: the server stamps every object's
   * creationTimestamp with the real time, and an Event counts as seen then at the latest.
   */
  private static final Instant NOW = Instant.now().plus(Duration.ofMinutes(90));

  private EmbeddedApiServer server;
  private KubernetesClient client;
  private Janitor janitor;

  @BeforeEach
  void start() {
    server = EmbeddedApiServer.start();
    client = server.client();
    janitor = new Janitor(client, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void eventsLastSeenOverAnHourAgoAreDeleted() {
    event("old", NOW.minus(Duration.ofMinutes(90)));
    event("recent", NOW.minus(Duration.ofMinutes(30)));
    event("recent-long-ago-first", NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofMinutes(10)));

    janitor.sweep();

    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .extracting(e -> e.getMetadata().getName()).containsExactlyInAnyOrder("recent", "recent-long-ago-first");
  }

  @Test
  void dependentsOfADeletedOwnerAreDeletedAndOthersStay() {
    HasMetadata kept = create("PipelineRun", "kept");
    HasMetadata deleted = create("PipelineRun", "deleted");
    create("CustomRun", "child-of-kept", kept);
    create("TaskRun", "child-of-deleted", deleted);
    create("CustomRun", "custom-child-of-deleted", deleted);
    create("CustomRun", "standalone");
    client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace(NS).withName("deleted").delete();

    janitor.sweep();

    assertThat(names("CustomRun")).containsExactlyInAnyOrder("child-of-kept", "standalone");
    assertThat(names("TaskRun")).isEmpty();
    assertThat(names("PipelineRun")).containsExactly("kept");
  }

  @Test
  void anOwnerCreatedAgainUnderTheSameNameDoesNotAdoptTheOldOwnersDependents() {
    HasMetadata first = create("PipelineRun", "again");
    create("CustomRun", "old-child", first);
    client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace(NS).withName("again").delete();
    HasMetadata second = create("PipelineRun", "again");
    create("CustomRun", "new-child", second);

    janitor.sweep();

    assertThat(names("CustomRun")).containsExactly("new-child");
  }

  private void event(String name, Instant seen) {
    event(name, seen, seen);
  }

  private void event(String name, Instant firstSeen, Instant lastSeen) {
    client.v1().events().inNamespace(NS).resource(new EventBuilder().withNewMetadata().withName(name)
        .endMetadata().withReason("Started").withLastTimestamp(Timestamps.format(lastSeen))
        .withFirstTimestamp(Timestamps.format(firstSeen)).build()).create();
  }

  private HasMetadata create(String kind, String name, HasMetadata... owners) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(kind.equals("CustomRun") ? "tekton.dev/v1beta1" : "tekton.dev/v1");
    object.setKind(kind);
    object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(NS)
        .withOwnerReferences(java.util.Arrays.stream(owners).map(o -> new OwnerReferenceBuilder()
            .withApiVersion(o.getApiVersion()).withKind(o.getKind()).withName(o.getMetadata().getName())
            .withUid(o.getMetadata().getUid()).withController(true).build()).toList())
        .build());
    return client.resource(object).create();
  }

  private List<String> names(String kind) {
    return client.genericKubernetesResources(kind.equals("CustomRun") ? "tekton.dev/v1beta1" : "tekton.dev/v1", kind)
        .inNamespace(NS).list().getItems().stream().map(o -> o.getMetadata().getName()).toList();
  }
}
