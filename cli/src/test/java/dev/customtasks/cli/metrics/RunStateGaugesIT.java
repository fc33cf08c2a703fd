package dev.customtasks.cli.metrics;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.wait.WaitTask;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ctk_runs} counted from an embedded server, one refresh at a time. */
class RunStateGaugesIT {

  private EmbeddedApiServer server;
  private KubernetesClient client;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void startServer() {
    server = EmbeddedApiServer.start();
    client = server.client();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void countsEachKindByStateInEveryNamespace() {
    create("succeeded-1", "default", true);
    create("succeeded-2", "other", true);
    create("pending", "default", false);
    RunStateGauges gauges = new RunStateGauges(client, registry);

    gauges.refresh();

    assertThat(count("CustomRun", "succeeded")).isEqualTo(2);
    assertThat(count("CustomRun", "pending")).isEqualTo(1);
    assertThat(count("CustomRun", "running")).isZero();
    assertThat(count("PipelineRun", "succeeded")).isZero();
  }

  @Test
  void aRefreshReplacesTheCounts() {
    create("one", "default", true);
    RunStateGauges gauges = new RunStateGauges(client, registry);
    gauges.refresh();

    client.resources(CustomRun.class).inNamespace("default").withName("one").delete();
    gauges.refresh();

    assertThat(count("CustomRun", "succeeded")).isZero();
  }

  @Test
  void aKindTheServerDoesNotServeHasNoSeries() {
    // The embedded server serves every kind it is asked for; a bare mock answers 404 like a
    // cluster without Tekton's TaskRun CRD.
    KubernetesMockServer withoutTaskRuns = new KubernetesMockServer(false);
    withoutTaskRuns.init();
    try (KubernetesClient bareClient = withoutTaskRuns.createClient()) {
      withoutTaskRuns.expect().get().withPath("/apis/tekton.dev/v1/pipelineruns")
          .andReturn(200, new KubernetesListBuilder().build()).always();
      withoutTaskRuns.expect().get().withPath("/apis/tekton.dev/v1beta1/customruns")
          .andReturn(200, new KubernetesListBuilder().build()).always();
      withoutTaskRuns.expect().get().withPath("/apis/tekton.dev/v1/taskruns")
          .andReturn(404, new StatusBuilder().withCode(404).withReason("NotFound").build()).always();
      RunStateGauges gauges = new RunStateGauges(bareClient, registry);

      gauges.refresh();

      assertThat(registry.find(RunStateGauges.NAME).tag("kind", "TaskRun").gauges()).isEmpty();
      assertThat(registry.find(RunStateGauges.NAME).tag("kind", "PipelineRun").gauges()).hasSize(4);
    } finally {
      withoutTaskRuns.destroy();
    }
  }

  private double count(String kind, String state) {
    return registry.get(RunStateGauges.NAME).tag("kind", kind).tag("state", state).gauge().value();
  }

  private void create(String name, String namespace, boolean succeeded) {
    CustomRun created = client.resource(customRun(name).inNamespace(namespace).ref(WaitTask.KIND)
        .param("duration", "1h").build()).create();
    if (succeeded) {
      CustomRunStatus status = new CustomRunStatus();
      Instant now = Instant.now();
      status.setStartTime(Timestamps.format(now));
      status.markSucceeded("Succeeded", "waited", now);
      created.setStatus(status);
      client.resource(created).updateStatus();
    }
  }
}
