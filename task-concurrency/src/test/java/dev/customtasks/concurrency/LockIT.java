package dev.customtasks.concurrency;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static dev.customtasks.crds.testkit.RunAwaits.doneWithReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.concurrency.LockPipelines.Section;
import dev.customtasks.concurrency.api.KeyEntry;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lock and Unlock in PipelineRuns on the embedded API server, with the PipelineRun controller and
 * the TaskRun stand-in: who is inside the guarded section is read from the deploy TaskRuns' start
 * and completion times.
 */
class LockIT {

  private static final String NS = "test";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;
  private static LockPipelines pipelines;

  static void registerAll(Operator operator) {
    new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator);
    new TaskRunStandIn(Clock.systemUTC(), Duration.ofMillis(100)).registerWith(operator);
    new CustomTaskReconciler<>(new LockTask(), Clock.systemUTC()).registerWith(operator);
    new CustomTaskReconciler<>(new UnlockTask(), Clock.systemUTC()).registerWith(operator);
  }

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(List.of(LockModule.CRD));
    client = server.client();
    controllers = new ControllerHarness(server::newClient, LockIT::registerAll).start();
    pipelines = new LockPipelines(client, NS);
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  private static List<String> names(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + "-%02d".formatted(i)).toList();
  }

  @Test
  void tenPipelineRunsOnAMutexNeverOverlapAndRunInCreationOrder() {
    List<String> runs = names("ten", 10);
    for (String run : runs) {
      pipelines.guarded(run, "ten", "150ms", "Succeeded");
      pipelines.awaitInLine("ten", run);
    }

    runs.forEach(pipelines::awaitDone);

    List<Section> sections = pipelines.sections(runs);
    assertThat(sections).extracting(Section::pipelineRun).containsExactlyElementsOf(runs);
    for (int i = 1; i < sections.size(); i++) {
      assertThat(sections.get(i).start()).as("%s starts after %s ends", sections.get(i), sections.get(i - 1))
          .isAfterOrEqualTo(sections.get(i - 1).end());
    }
    assertThat(pipelines.lock("ten-09").getStatus().result("position")).isPresent();
    await().atMost(Duration.ofSeconds(30)).until(() -> pipelines.holders("ten").isEmpty() || pipelines
        .holders("ten").stream().allMatch(h -> h.pipelineRun().equals("ten-09")));
  }

  @Test
  void aLimitOfThreeLetsAtMostThreeIn() {
    List<String> runs = names("three", 7);
    for (String run : runs) {
      pipelines.guarded(run, "three", "600ms", "Succeeded", "limit", "3");
    }

    runs.forEach(pipelines::awaitDone);

    List<Section> sections = pipelines.sections(runs);
    assertThat(sections).hasSize(7);
    assertThat(LockPipelines.mostAtOnce(sections)).isBetween(2, 3);
  }

  @Test
  void aWaitingLockSaysWhereItStandsAndGetsInWhenTheHolderFails() {
    pipelines.guarded("fail-a", "fail", "2s", "Failed");
    pipelines.awaitInLine("fail", "fail-a");
    pipelines.guarded("fail-b", "fail", "100ms", "Succeeded");

    CustomRun waiting = pipelines.awaitLock("fail-b", r -> r.hasStarted() && message(r).startsWith("waiting"));
    assertThat(message(waiting)).matches("waiting for fail: position 1 of 1, held by fail-a \\(since \\d\\d:\\d\\d\\)");
    assertThat(waiting.isDone()).isFalse();

    PipelineRun failed = pipelines.awaitDone("fail-a");
    PipelineRun next = pipelines.awaitDone("fail-b");
    assertThat(failed.getStatus().reason()).contains(PipelineRunReason.FAILED);
    assertThat(next.getStatus().isSuccessful()).isTrue();
    assertThat(pipelines.sections(List.of("fail-b")).get(0).start())
        .isAfterOrEqualTo(failed.getStatus().completionInstant().minusMillis(1));
  }

  @Test
  void cancellingTheHoldersPipelineRunLetsTheNextIn() {
    pipelines.guarded("cancel-a", "cancel", "1h", "Succeeded");
    pipelines.awaitInLine("cancel", "cancel-a");
    pipelines.guarded("cancel-b", "cancel", "100ms", "Succeeded");
    pipelines.awaitInLine("cancel", "cancel-b");

    pipelines.cancel("cancel-a");

    assertThat(pipelines.awaitDone("cancel-b").getStatus().isSuccessful()).isTrue();
    assertThat(pipelines.awaitDone("cancel-a").getStatus().isSuccessful()).isFalse();
  }

  @Test
  void aPipelineRunTimingOutGivesItsSlotBack() {
    pipelines.create("""
        metadata: {name: timeout-a}
        spec:
          timeouts: {pipeline: 2s}
          pipelineSpec:
            tasks:
            - {name: take, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}, params: [{name: key, value: timeout}]}
            - name: deploy
              runAfter: [take]
              taskSpec:
                metadata: {annotations: {customtasks.dev/stand-in-duration: 1h}}
                steps: [{name: deploy, image: busybox, script: 'echo'}]
        """);
    pipelines.awaitInLine("timeout", "timeout-a");
    pipelines.guarded("timeout-b", "timeout", "100ms", "Succeeded");

    assertThat(pipelines.awaitDone("timeout-b").getStatus().isSuccessful()).isTrue();
    assertThat(pipelines.awaitDone("timeout-a").getStatus().reason()).contains(PipelineRunReason.TIMED_OUT);
  }

  @Test
  void deletingTheHoldersPipelineRunLetsTheNextIn() {
    pipelines.guarded("delete-a", "delete", "1h", "Succeeded");
    pipelines.awaitLock("delete-a", CustomRun::isDone);
    pipelines.guarded("delete-b", "delete", "100ms", "Succeeded");
    pipelines.awaitInLine("delete", "delete-b");

    pipelines.delete("delete-a");

    assertThat(pipelines.awaitDone("delete-b").getStatus().isSuccessful()).isTrue();
  }

  @Test
  void cancellingAWaitingPipelineRunTakesItsLockOutOfLine() {
    pipelines.guarded("leave-a", "leave", "1h", "Succeeded");
    pipelines.awaitInLine("leave", "leave-a");
    pipelines.guarded("leave-b", "leave", "100ms", "Succeeded");
    pipelines.awaitInLine("leave", "leave-b");

    pipelines.cancel("leave-b");

    assertThat(pipelines.awaitLock("leave-b", CustomRun::isDone).getStatus().reason()).contains(Reasons.CANCELLED);
    await().atMost(Duration.ofSeconds(30)).until(() -> pipelines.queue("leave").isEmpty());
    assertThat(pipelines.holders("leave")).extracting(KeyEntry::pipelineRun).containsExactly("leave-a");
    pipelines.cancel("leave-a");
  }

  @Test
  void unlockInFinallyGivesTheSlotBackBeforeThePipelineRunEnds() {
    pipelines.create("""
        metadata: {name: unlock-a}
        spec:
          pipelineSpec:
            tasks:
            - {name: take, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}, params: [{name: key, value: unlock}]}
            - name: deploy
              runAfter: [take]
              taskSpec: {steps: [{name: deploy, image: busybox, script: 'echo'}]}
            finally:
            - {name: give-back, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Unlock}, params: [{name: key, value: unlock}]}
            - name: slow-report
              taskSpec:
                metadata: {annotations: {customtasks.dev/stand-in-duration: 1h}}
                steps: [{name: report, image: busybox, script: 'echo'}]
        """);
    pipelines.awaitInLine("unlock", "unlock-a");
    pipelines.guarded("unlock-b", "unlock", "100ms", "Succeeded");

    assertThat(pipelines.awaitDone("unlock-b").getStatus().isSuccessful()).isTrue();
    assertThat(client.resources(PipelineRun.class).inNamespace(NS).withName("unlock-a").get().isDone()).isFalse();
    CustomRun giveBack = RunAwaits.awaitDone(client, NS, "unlock-a-give-back");
    assertThat(giveBack.getStatus().result("released").orElseThrow().getValue().asString()).isEqualTo("true");
    pipelines.cancel("unlock-a");
  }

  @Test
  void aStandaloneLockHoldsUntilItIsDeleted() {
    client.resource(customRun("solo-a").ref(LockTask.KIND).param("key", "solo").build()).create();
    RunAwaits.awaitObject(client, CustomRun.class, NS, "solo-a", CustomRun::isSuccessful);
    client.resource(customRun("solo-b").ref(LockTask.KIND).param("key", "solo").build()).create();
    CustomRun waiting = RunAwaits.awaitObject(client, CustomRun.class, NS, "solo-b",
        r -> r.hasStarted() && message(r).startsWith("waiting"));
    assertThat(message(waiting)).contains("held by solo-a");

    client.resources(CustomRun.class).inNamespace(NS).withName("solo-a").delete();

    assertThat(RunAwaits.awaitObject(client, CustomRun.class, NS, "solo-b", CustomRun::isDone).isSuccessful()).isTrue();
  }

  @Test
  void locksArrivingTogetherGetInByCreationThenNameWhicheverIsSeenFirst() {
    // Seen all at once by a starting controller, in whatever order it lists them: the first created
    // (a second before the others) gets in first, then the others of one second by name.
    controllers.stop();
    List<String> names = List.of("same-z", "same-c", "same-a", "same-b");
    try {
      CustomRun first = client.resource(customRun(names.get(0)).ref(LockTask.KIND).param("key", "same").build())
          .create();
      Instant created = Instant.parse(first.getMetadata().getCreationTimestamp());
      await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(created.plusSeconds(1)));
      names.subList(1, names.size()).forEach(n -> client.resource(customRun(n).ref(LockTask.KIND).param("key", "same")
          .build()).create());
    } finally {
      controllers.start();
    }
    List<String> expected = names.stream().map(n -> client.resources(CustomRun.class).inNamespace(NS).withName(n)
        .get()).sorted(java.util.Comparator.comparing((CustomRun r) -> Instant.parse(r.getMetadata()
        .getCreationTimestamp())).thenComparing(r -> r.getMetadata().getName()))
        .map(r -> r.getMetadata().getName()).toList();

    List<String> order = new java.util.ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      CustomRun holder = await().atMost(Duration.ofSeconds(60)).until(() -> names.stream()
          .filter(n -> !order.contains(n)).map(n -> client.resources(CustomRun.class).inNamespace(NS).withName(n).get())
          .filter(CustomRun::isDone).findFirst(), java.util.Optional::isPresent).orElseThrow();
      assertThat(holder.getStatus().isSuccessful()).as(holder.getMetadata().getName()).isTrue();
      order.add(holder.getMetadata().getName());
      client.resource(holder).delete();
    }

    assertThat(order).isEqualTo(expected);
  }

  @Test
  void aHolderWhosePipelineRunEndsIsReleasedThoughNobodyWaits() {
    pipelines.guarded("prompt-a", "prompt", "200ms", "Succeeded");
    pipelines.awaitLock("prompt-a", CustomRun::isDone);
    assertThat(pipelines.holders("prompt")).extracting(KeyEntry::pipelineRun).containsExactly("prompt-a");

    pipelines.awaitDone("prompt-a");

    await().atMost(Duration.ofSeconds(30)).until(() -> pipelines.holders("prompt").isEmpty());
  }

  @Test
  void theSameKeyInTwoNamespacesIsTwoKeys() {
    for (String namespace : List.of("team-a", "team-b")) {
      client.resource(customRun("prod-" + namespace).inNamespace(namespace).ref(LockTask.KIND)
          .param("key", "deploy-prod").build()).create();
    }

    for (String namespace : List.of("team-a", "team-b")) {
      assertThat(RunAwaits.awaitObject(client, CustomRun.class, namespace, "prod-" + namespace, CustomRun::isDone)
          .isSuccessful()).as("the Lock in %s holds its own deploy-prod", namespace).isTrue();
      assertThat(client.resources(dev.customtasks.concurrency.api.ConcurrencyKey.class).inNamespace(namespace)
          .withName("deploy-prod").get().getStatus().holders()).extracting(KeyEntry::name)
          .containsExactly("prod-" + namespace);
    }
  }

  @Test
  void skipNewerFailsWithBusyWhileTheKeyIsHeld() {
    pipelines.guarded("skip-a", "skip", "1h", "Succeeded");
    pipelines.awaitLock("skip-a", CustomRun::isDone);
    pipelines.guarded("skip-b", "skip", "100ms", "Succeeded", "onNewer", "skip-newer");

    CustomRun busy = pipelines.awaitLock("skip-b", CustomRun::isDone);
    assertThat(busy.getStatus().reason()).contains(LockTask.BUSY);
    assertThat(pipelines.awaitDone("skip-b").getStatus().isSuccessful()).isFalse();
    assertThat(pipelines.sections(List.of("skip-b"))).isEmpty();
    pipelines.cancel("skip-a");
  }

  @Test
  void cancelOlderCancelsTheHolderAndTheQueuedAndTheNewestGetsIn() {
    pipelines.guarded("older-a", "older", "1h", "Succeeded");
    pipelines.awaitLock("older-a", CustomRun::isDone);
    pipelines.guarded("older-b", "older", "100ms", "Succeeded");
    pipelines.awaitInLine("older", "older-b");
    pipelines.guarded("older-c", "older", "100ms", "Succeeded", "onNewer", "cancel-older");

    assertThat(pipelines.awaitDone("older-c").getStatus().isSuccessful()).isTrue();
    assertThat(pipelines.awaitDone("older-a").getStatus().reason()).contains(PipelineRunReason.CANCELLED);
    assertThat(pipelines.awaitDone("older-b").getStatus().isSuccessful()).isFalse();
    assertThat(pipelines.sections(List.of("older-b"))).isEmpty();
  }

  @Test
  void aRestartWithHoldersAndALineLosesNoPlace() {
    pipelines.guarded("restart-a", "restart", "1h", "Succeeded");
    pipelines.awaitLock("restart-a", CustomRun::isDone);
    List<String> waiting = List.of("restart-b", "restart-c", "restart-d");
    for (String run : waiting) {
      pipelines.guarded(run, "restart", "200ms", "Succeeded");
      pipelines.awaitInLine("restart", run);
    }

    controllers.restart();
    pipelines.cancel("restart-a");

    waiting.forEach(pipelines::awaitDone);
    List<Section> sections = pipelines.sections(waiting);
    assertThat(sections).extracting(Section::pipelineRun).containsExactlyElementsOf(waiting);
    assertThat(LockPipelines.mostAtOnce(sections)).isEqualTo(1);
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "bad-empty-key  | ''          | 1    | queue  | param \"key\": is required and must not be empty",
      "bad-key        | deploy prod | 1    | queue  | param \"key\": \"deploy prod\" is not a valid key",
      "bad-limit-zero | k           | 0    | queue  | param \"limit\": must be a whole number of at least 1, got \"0\"",
      "bad-limit-word | k           | one  | queue  | param \"limit\": must be a whole number of at least 1, got \"one\"",
      "bad-on-newer   | k           | 1    | later  | param \"onNewer\": must be one of queue, cancel-older, skip-newer"})
  void badInputFailsAtOnceNamingTheField(String name, String key, String limit, String onNewer, String message) {
    client.resource(customRun(name).ref(LockTask.KIND).param("key", key).param("limit", limit)
        .param("onNewer", onNewer).build()).create();

    CustomRun done = RunAwaits.awaitObject(client, CustomRun.class, NS, name, doneWithReason(Reasons.INVALID_PARAMS));

    assertThat(message(done)).startsWith(message);
  }

  @Test
  void unlockOfAKeyThePipelineRunDoesNotHoldSucceedsSayingSo() {
    pipelines.create("""
        metadata: {name: unheld}
        spec:
          pipelineSpec:
            tasks:
            - {name: give-back, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Unlock}, params: [{name: key, value: never-held}]}
        """);

    assertThat(pipelines.awaitDone("unheld").getStatus().isSuccessful()).isTrue();
    CustomRun unlock = client.resources(CustomRun.class).inNamespace(NS).withName("unheld-give-back").get();
    assertThat(message(unlock)).isEqualTo("unheld does not hold never-held: nothing to release");
    assertThat(unlock.getStatus().result("released").orElseThrow().getValue().asString()).isEqualTo("false");
  }

  private static String message(CustomRun run) {
    return run.getStatus().succeededCondition().map(c -> c.getMessage() == null ? "" : c.getMessage()).orElse("");
  }
}
