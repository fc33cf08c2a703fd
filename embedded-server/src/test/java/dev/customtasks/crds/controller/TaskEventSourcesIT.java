package dev.customtasks.crds.controller;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static dev.customtasks.crds.testkit.RunAwaits.awaitDone;
import static dev.customtasks.crds.testkit.RunAwaits.awaitStarted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.crds.testkit.ControllerHarness;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A task's own event sources ({@link CustomTask#eventSources}): a gate that waits for a ConfigMap
 * it does not own is woken by the ConfigMap's change, with no wake-up instant, and reads it with
 * the controller's client.
 */
class TaskEventSourcesIT {

  private static final String NS = "test";
  private static final String GATE_LABEL = "example.customtasks.dev/gate-for";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  /** Succeeds once the ConfigMap its param {@code gate} names says {@code open: "true"}. */
  static final class GateTask implements CustomTask<GateTask.Spec, Void> {

    static final TaskKind KIND = new TaskKind("example.customtasks.dev/v1alpha1", "Gate");

    record Spec(String gate) {
    }

    private volatile KubernetesClient client;

    @Override
    public String name() {
      return "gate";
    }

    @Override
    public List<TaskKind> kinds() {
      return List.of(KIND);
    }

    @Override
    public Class<Void> stateType() {
      return Void.class;
    }

    @Override
    public Spec decode(TaskInput input) {
      return input.decode(Spec.class);
    }

    @Override
    public List<EventSource<?, CustomRun>> eventSources(EventSourceContext<CustomRun> context) {
      client = context.getClient();
      return List.of(new InformerEventSource<>(InformerEventSourceConfiguration.from(ConfigMap.class, CustomRun.class)
          .withName("gates")
          .withLabelSelector(GATE_LABEL)
          .withSecondaryToPrimaryMapper(cm -> Set.of(new ResourceID(cm.getMetadata().getLabels().get(GATE_LABEL),
              cm.getMetadata().getNamespace())))
          .build(), context));
    }

    @Override
    public Step<Void> progress(Spec spec, Attempt<Void> attempt) {
      ConfigMap gate = client.configMaps().inNamespace(attempt.run().getMetadata().getNamespace())
          .withName(spec.gate()).get();
      boolean open = gate != null && "true".equals(gate.getData().get("open"));
      return open ? Step.succeeded("gate open", Map.of()) : Step.running("gate closed");
    }
  }

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start();
    client = server.client();
    controllers = new ControllerHarness(server::newClient,
        operator -> new CustomTaskReconciler<>(new GateTask(), Clock.systemUTC()).registerWith(operator)).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void aChangeToAnObjectTheTaskWatchesWakesTheRunItConcerns() {
    client.resource(customRun("gated").ref(GateTask.KIND).param("gate", "the-gate").build()).create();
    awaitStarted(client, NS, "gated");
    client.resource(gate("the-gate", "gated", "false")).create();

    Instant opened = Instant.now();
    client.resource(gate("the-gate", "gated", "true")).update();
    CustomRun done = awaitDone(client, NS, "gated");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    // Woken by the event: no wake-up instant was armed, and the run had no other change.
    assertThat(Duration.between(opened, done.getStatus().completionInstant())).isLessThan(Duration.ofSeconds(20));
    assertThat(done.getStatus().succeededCondition().orElseThrow().getMessage()).isEqualTo("gate open");
  }

  private static ConfigMap gate(String name, String run, String open) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .addToLabels(GATE_LABEL, run).endMetadata().addToData("open", open).build();
  }
}
