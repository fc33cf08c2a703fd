package dev.customtasks.cli.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pruner against the embedded server, with the server's housekeeping taking the children. */
class FinishedRunPrunerIT {

  private static final String NS = "default";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private EmbeddedApiServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = EmbeddedApiServer.start();
    client = server.client();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void finishedRunsPastTheRetentionGoWithTheirChildrenAndOthersStay() {
    GenericKubernetesResource old = create("tekton.dev/v1", "PipelineRun", "old", NOW.minus(Duration.ofHours(25)));
    create("tekton.dev/v1beta1", "CustomRun", "old-wait", NOW.minus(Duration.ofHours(25)), old);
    create("tekton.dev/v1", "PipelineRun", "recent", NOW.minus(Duration.ofHours(1)));
    create("tekton.dev/v1", "PipelineRun", "running", null);
    create("tekton.dev/v1", "TaskRun", "old-standalone", NOW.minus(Duration.ofDays(3)));
    FinishedRunPruner pruner = new FinishedRunPruner(client, RunRetention.parse("24h"), Clock.fixed(NOW,
        ZoneOffset.UTC));

    List<RunRetention.StoredRun> deleted = pruner.prune();
    server.sweep();

    assertThat(deleted).extracting(RunRetention.StoredRun::name).containsExactlyInAnyOrder("old", "old-standalone");
    assertThat(names("tekton.dev/v1", "PipelineRun")).containsExactlyInAnyOrder("recent", "running");
    assertThat(names("tekton.dev/v1beta1", "CustomRun")).isEmpty();
    assertThat(names("tekton.dev/v1", "TaskRun")).isEmpty();
  }

  private GenericKubernetesResource create(String apiVersion, String kind, String name, Instant completion,
      GenericKubernetesResource... owners) {
    GenericKubernetesResource run = new GenericKubernetesResource();
    run.setApiVersion(apiVersion);
    run.setKind(kind);
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS)
        .withOwnerReferences(java.util.Arrays.stream(owners).map(o -> new OwnerReferenceBuilder()
            .withApiVersion(o.getApiVersion()).withKind(o.getKind()).withName(o.getMetadata().getName())
            .withUid(o.getMetadata().getUid()).withController(true).build()).toList())
        .build());
    GenericKubernetesResource created = client.resource(run).create();
    if (completion == null) {
      return created;
    }
    created.setAdditionalProperty("status", Map.of("completionTime", Timestamps.format(completion)));
    return client.resource(created).updateStatus();
  }

  private List<String> names(String apiVersion, String kind) {
    return client.genericKubernetesResources(apiVersion, kind).inNamespace(NS).list().getItems().stream()
        .map(o -> o.getMetadata().getName()).toList();
  }
}
