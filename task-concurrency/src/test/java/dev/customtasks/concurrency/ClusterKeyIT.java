package dev.customtasks.concurrency;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.concurrency.LockPipelines.Section;
import dev.customtasks.concurrency.api.ConcurrencyKey;
import dev.customtasks.concurrency.api.KeyEntry;
import dev.customtasks.concurrency.slots.KeyNames;
import dev.customtasks.concurrency.slots.Scope;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster key ({@code scope: cluster}) on the embedded API server: PipelineRuns of two namespaces
 * share one line, kept in the cluster keys namespace ({@code customtasks} by default).
 */
class ClusterKeyIT {

  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;
  private static Map<String, LockPipelines> pipelines;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(List.of(LockModule.CRD));
    client = server.client();
    controllers = new ControllerHarness(server::newClient, LockIT::registerAll).start();
    pipelines = Map.of("team-a", new LockPipelines(client, "team-a"), "team-b", new LockPipelines(client, "team-b"));
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  private static Optional<ConcurrencyKey> clusterKey(String key) {
    return Optional.ofNullable(client.resources(ConcurrencyKey.class).inNamespace(LockTask.DEFAULT_CLUSTER_KEYS_NAMESPACE)
        .withName(KeyNames.objectName(key, Scope.CLUSTER)).get());
  }

  private static Stream<KeyEntry> entries(String key) {
    return clusterKey(key).filter(k -> k.getStatus() != null).stream().flatMap(k -> Stream.concat(
        Optional.ofNullable(k.getStatus().holders()).orElse(List.of()).stream(),
        Optional.ofNullable(k.getStatus().queue()).orElse(List.of()).stream()));
  }

  @Test
  void pipelineRunsOfTwoNamespacesTakeAClusterKeyOneAtATimeInCreationOrder() {
    List<String[]> order = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String namespace = i % 2 == 0 ? "team-a" : "team-b";
      String name = "shared-%02d".formatted(i);
      pipelines.get(namespace).guarded(name, "shared", "200ms", "Succeeded", "scope", "cluster");
      order.add(new String[] {namespace, name});
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
          .until(() -> entries("shared").anyMatch(e -> namespace.equals(e.namespace()) && name.equals(e.pipelineRun())));
    }

    List<Section> sections = new ArrayList<>();
    for (String[] run : order) {
      pipelines.get(run[0]).awaitDone(run[1]);
      sections.addAll(pipelines.get(run[0]).sections(List.of(run[1])));
    }
    sections.sort(Comparator.comparing(Section::start));

    // First come, first served by the Lock CustomRun's creation (whole seconds), ties broken by
    // namespace and name: runs created in one second go team-a before team-b.
    List<String> expected = order.stream().map(r -> client.resources(CustomRun.class).inNamespace(r[0])
        .withName(r[1] + "-take").get()).sorted(Comparator.comparing((CustomRun r) -> r.getMetadata().getCreationTimestamp())
        .thenComparing(r -> r.getMetadata().getNamespace()).thenComparing(r -> r.getMetadata().getName()))
        .map(r -> r.getMetadata().getLabels().get(dev.customtasks.crds.api.pipeline.TektonLabels.PIPELINE_RUN)).toList();
    assertThat(sections).extracting(Section::pipelineRun).containsExactlyElementsOf(expected);
    assertThat(LockPipelines.mostAtOnce(sections)).as("never two holders with limit 1").isEqualTo(1);
    assertThat(clusterKey("shared").orElseThrow().getSpec().scope()).isEqualTo("cluster");
    assertThat(client.resources(ConcurrencyKey.class).inNamespace("team-a").withName("shared").get())
        .as("a cluster key lives in the cluster keys namespace only").isNull();
  }

  @Test
  void anUnknownScopeIsRefusedNamingTheField() {
    client.resource(customRun("bad-scope").inNamespace("team-a").ref(LockTask.KIND).param("key", "k")
        .param("scope", "global").build()).create();

    CustomRun done = RunAwaits.awaitObject(client, CustomRun.class, "team-a", "bad-scope", CustomRun::isDone);

    assertThat(done.getStatus().reason()).contains(Reasons.INVALID_PARAMS);
    assertThat(done.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("param \"scope\": must be one of namespace, cluster, got \"global\"");
  }

  @Test
  void anUnlockInFinallyGivesTheClusterSlotToARunOfAnotherNamespace() {
    pipelines.get("team-a").create("""
        metadata: {name: unlock-a}
        spec:
          pipelineSpec:
            tasks:
            - name: take
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}
              params: [{name: key, value: give}, {name: scope, value: cluster}]
            - name: deploy
              runAfter: [take]
              taskSpec: {steps: [{name: deploy, image: busybox, script: 'echo'}]}
            finally:
            - name: give-back
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Unlock}
              params: [{name: key, value: give}, {name: scope, value: cluster}]
            - name: slow-report
              taskSpec:
                metadata: {annotations: {customtasks.dev/stand-in-duration: 1h}}
                steps: [{name: report, image: busybox, script: 'echo'}]
        """);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> entries("give").anyMatch(e -> "unlock-a".equals(e.pipelineRun())));
    pipelines.get("team-b").guarded("unlock-b", "give", "100ms", "Succeeded", "scope", "cluster");

    assertThat(pipelines.get("team-b").awaitDone("unlock-b").getStatus().isSuccessful()).isTrue();
    assertThat(client.resources(dev.customtasks.crds.api.pipeline.PipelineRun.class).inNamespace("team-a")
        .withName("unlock-a").get().isDone()).as("given back by Unlock, not by the PipelineRun's end").isFalse();
    CustomRun giveBack = RunAwaits.awaitDone(client, "team-a", "unlock-a-give-back");
    assertThat(giveBack.getStatus().result("released").orElseThrow().getValue().asString()).isEqualTo("true");
    pipelines.get("team-a").cancel("unlock-a");
  }

  @Test
  void cancelOlderCancelsTheHolderOfAnotherNamespace() {
    pipelines.get("team-a").guarded("older-a", "older", "1h", "Succeeded", "scope", "cluster");
    pipelines.get("team-a").awaitLock("older-a", CustomRun::isDone);
    pipelines.get("team-b").guarded("older-b", "older", "100ms", "Succeeded", "scope", "cluster",
        "onNewer", "cancel-older");

    assertThat(pipelines.get("team-b").awaitDone("older-b").getStatus().isSuccessful()).isTrue();
    assertThat(pipelines.get("team-a").awaitDone("older-a").getStatus().reason())
        .contains(dev.customtasks.crds.api.pipeline.PipelineRunReason.CANCELLED);
  }

  @Test
  void skipNewerIsBusyWhileARunOfAnotherNamespaceHolds() {
    pipelines.get("team-a").guarded("skip-a", "skip", "1h", "Succeeded", "scope", "cluster");
    pipelines.get("team-a").awaitLock("skip-a", CustomRun::isDone);
    pipelines.get("team-b").guarded("skip-b", "skip", "100ms", "Succeeded", "scope", "cluster",
        "onNewer", "skip-newer");

    assertThat(pipelines.get("team-b").awaitLock("skip-b", CustomRun::isDone).getStatus().reason())
        .contains(LockTask.BUSY);
    pipelines.get("team-a").cancel("skip-a");
  }
}
