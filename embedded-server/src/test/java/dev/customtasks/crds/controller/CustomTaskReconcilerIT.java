package dev.customtasks.crds.controller;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static dev.customtasks.crds.testkit.RunAwaits.awaitDone;
import static dev.customtasks.crds.testkit.RunAwaits.awaitObject;
import static dev.customtasks.crds.testkit.RunAwaits.awaitStarted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.examples.ParentTask;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.LogCapture;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TEP-0002 contract, kept by the base reconciler, checked against the embedded API server. */
class CustomTaskReconcilerIT {

  private static final String NS = "test";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  @BeforeAll
  static void startServerAndControllers() {
    server = EmbeddedApiServer.start();
    client = server.client();
    controllers = new ControllerHarness(server::newClient, operator -> {
      new CustomTaskReconciler<>(new TimerTask(), Clock.systemUTC()).registerWith(operator);
      new CustomTaskReconciler<>(new ParentTask(), Clock.systemUTC()).registerWith(operator);
    }).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  private static CustomRun create(CustomRun run) {
    return client.resource(run).create();
  }

  @Test
  void runGoesFromRunningToSucceededWithResults() {
    create(customRun("timer-ok").ref(TimerTask.KIND).param("duration", "300ms").param("result", "hi").build());

    CustomRun started = awaitStarted(client, NS, "timer-ok");
    CustomRun done = awaitDone(client, NS, "timer-ok");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(done.getStatus().reason()).contains(Reasons.SUCCEEDED);
    assertThat(done.getStatus().getStartTime()).isEqualTo(started.getStatus().getStartTime());
    assertThat(Duration.between(done.getStatus().startInstant(), done.getStatus().completionInstant()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(done.getStatus().result("echo")).map(CustomRunResult::getValue).contains(ParamValue.of("hi"));
    assertThat(done.getStatus().getObservedGeneration()).isEqualTo(done.getMetadata().getGeneration());
  }

  @Test
  void timeoutFailsTheRunWithTimedOut() {
    create(customRun("timer-timeout").ref(TimerTask.KIND).param("duration", "1h").timeout("300ms").build());

    CustomRun done = awaitDone(client, NS, "timer-timeout");

    assertThat(done.getStatus().reason()).contains(Reasons.TIMED_OUT);
    assertThat(done.getStatus().succeededCondition().orElseThrow().getMessage()).contains("300ms");
    assertThat(Duration.between(done.getStatus().startInstant(), done.getStatus().completionInstant()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void cancelWhileRunningEndsTheRunWithCancelled() {
    create(customRun("timer-cancel").ref(TimerTask.KIND).param("duration", "1h").build());
    awaitStarted(client, NS, "timer-cancel");

    cancel("timer-cancel");
    CustomRun done = awaitDone(client, NS, "timer-cancel");

    assertThat(done.getStatus().reason()).contains(Reasons.CANCELLED);
    assertThat(done.getStatus().succeededCondition().orElseThrow().getMessage()).contains("stop now");
  }

  @Test
  void failedAttemptsAreRetriedIntoRetriesStatus() {
    create(customRun("timer-retry").ref(TimerTask.KIND).param("duration", "0s")
        .param("failAttempts", "2").retries(2).build());

    CustomRun done = awaitDone(client, NS, "timer-retry");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(done.getStatus().getRetriesStatus()).hasSize(2)
        .allSatisfy(attempt -> assertThat(attempt.reason()).contains("ExampleFailure"));
    assertThat(done.getStatus().result("attempt")).map(CustomRunResult::getValue).contains(ParamValue.of("3"));
  }

  @Test
  void conflictStormFromASecondWriterNeitherLosesNorDoublesAnAttempt() {
    create(customRun("timer-conflicts").ref(TimerTask.KIND).param("duration", "1s")
        .param("failAttempts", "2").retries(2).build());
    java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();

    // A write every 25 ms keeps conflicts coming without starving the controller on a loaded
    // 2-core machine, where one reconcile can take longer than the gap between two writes.
    CustomRun done = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(25))
        .until(() -> {
          client.resources(CustomRun.class).inNamespace(NS).withName("timer-conflicts")
              .patch(PatchContext.of(PatchType.JSON_MERGE),
                  "{\"metadata\":{\"annotations\":{\"second-writer\":\"" + writes.incrementAndGet() + "\"}}}");
          return client.resources(CustomRun.class).inNamespace(NS).withName("timer-conflicts").get();
        }, CustomRun::isDone);

    // How many writes land depends on the machine's speed; that some landed mid-run is what matters.
    assertThat(writes.get()).as("second writer's writes while the run went on").isGreaterThanOrEqualTo(5);
    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(done.getStatus().getRetriesStatus()).hasSize(2);
    assertThat(done.getStatus().getConditions()).hasSize(1);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> eventsFor("timer-conflicts", Reasons.SUCCEEDED).size() >= 1);
    assertThat(eventsFor("timer-conflicts", "Retrying")).hasSize(2);
  }

  @Test
  void retriesRunOutAndTheRunFails() {
    create(customRun("timer-retry-spent").ref(TimerTask.KIND).param("duration", "0s")
        .param("failAttempts", "5").retries(1).build());

    CustomRun done = awaitDone(client, NS, "timer-retry-spent");

    assertThat(done.getStatus().isFailed()).isTrue();
    assertThat(done.getStatus().reason()).contains("ExampleFailure");
    assertThat(done.getStatus().getRetriesStatus()).hasSize(1);
  }

  @Test
  void badParamsEndTheRunAtOnceWithoutRetries() {
    create(customRun("timer-bad-duration").ref(TimerTask.KIND).param("duration", "soon").retries(3).build());
    create(customRun("timer-unknown-param").ref(TimerTask.KIND).param("duration", "1s").param("colour", "red")
        .build());
    create(customRun("timer-array-param").ref(TimerTask.KIND).param("duration", List.of("1s", "2s")).build());
    create(customRun("timer-bad-timeout").ref(TimerTask.KIND).param("duration", "1s").timeout("-5s").build());

    CustomRun badDuration = awaitDone(client, NS, "timer-bad-duration");
    assertThat(badDuration.getStatus().reason()).contains(Reasons.INVALID_PARAMS);
    assertThat(message(badDuration)).contains("param \"duration\"").contains("soon");
    assertThat(badDuration.getStatus().getRetriesStatus()).isNullOrEmpty();

    CustomRun unknown = awaitDone(client, NS, "timer-unknown-param");
    assertThat(unknown.getStatus().reason()).contains(Reasons.INVALID_PARAMS);
    assertThat(message(unknown)).contains("unknown param \"colour\"").contains("duration");

    CustomRun array = awaitDone(client, NS, "timer-array-param");
    assertThat(message(array)).isEqualTo("param \"duration\": expected a string");

    CustomRun badTimeout = awaitDone(client, NS, "timer-bad-timeout");
    assertThat(badTimeout.getStatus().reason()).contains(Reasons.INVALID_RUN_SPEC);
    assertThat(message(badTimeout)).startsWith("spec.timeout:").contains("-5s");
  }

  @Test
  void malformedParamValueFailsOnlyThatRun() {
    client.resource("""
        apiVersion: tekton.dev/v1beta1
        kind: CustomRun
        metadata: {name: timer-nested-param, namespace: test}
        spec:
          customRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}
          params:
          - name: duration
            value: [{nested: object}]
        """).create();
    create(customRun("timer-after-nested").ref(TimerTask.KIND).param("duration", "0s").build());

    CustomRun bad = awaitDone(client, NS, "timer-nested-param");
    assertThat(bad.getStatus().reason()).contains(Reasons.INVALID_PARAMS);
    assertThat(message(bad)).isEqualTo("param \"duration\": an array item must be a string, not an object");
    assertThat(awaitDone(client, NS, "timer-after-nested").getStatus().isSuccessful()).isTrue();
  }

  @Test
  void oversizedResultFailsTheRun() {
    create(customRun("timer-big-result").ref(TimerTask.KIND).param("duration", "0s")
        .param("result", "x".repeat(5000)).build());

    CustomRun done = awaitDone(client, NS, "timer-big-result");

    assertThat(done.getStatus().reason()).contains(Reasons.RESULTS_TOO_LARGE);
    assertThat(message(done)).contains("\"echo\"").contains("5000 bytes").contains("4096");
  }

  @Test
  void runsOfOtherKindsAreLeftUntouched() {
    create(customRun("not-ours").ref(new dev.customtasks.crds.api.TaskKind("other.dev/v1", "Timer"))
        .param("duration", "0s").build());
    create(customRun("timer-after-not-ours").ref(TimerTask.KIND).param("duration", "0s").build());

    awaitDone(client, NS, "timer-after-not-ours");

    CustomRun other = client.resources(CustomRun.class).inNamespace(NS).withName("not-ours").get();
    assertThat(other.getStatus()).isNull();
  }

  @Test
  void deletingARunDropsItsWakeUp() {
    create(customRun("timer-deleted").ref(TimerTask.KIND).param("duration", "1h").build());
    awaitStarted(client, NS, "timer-deleted");
    String key = WakeUpEventSource.key(new ResourceID("timer-deleted", NS));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> WakeUpScheduler.shared().nextWakeUp("timer", key).isPresent());

    client.resources(CustomRun.class).inNamespace(NS).withName("timer-deleted").delete();

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> WakeUpScheduler.shared().nextWakeUp("timer", key).isEmpty());
  }

  @Test
  void noPeriodicReconcileIsScheduled() {
    // JOSDK's timer would keep a task per reconcile for hours: see Operators.standard.
    assertThat(controllers.configurationOf("timer").maxReconciliationInterval()).isEmpty();
    assertThat(controllers.configurationOf("parent").maxReconciliationInterval()).isEmpty();
  }

  @Test
  void deletingAFinishedRunReleasesTheControllersStateForIt() {
    create(customRun("timer-forgotten").ref(TimerTask.KIND).param("duration", "0s").build());
    awaitDone(client, NS, "timer-forgotten");
    assertThat(controllers.holdsStateFor("timer", NS, "timer-forgotten")).as("state while the run exists").isTrue();

    client.resources(CustomRun.class).inNamespace(NS).withName("timer-forgotten").delete();

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> !controllers.holdsStateFor("timer", NS, "timer-forgotten"));
  }

  @Test
  void restartMidRunFinishesOnceWithTheOriginalStartTime() {
    create(customRun("timer-restart").ref(TimerTask.KIND).param("duration", "2s").build());
    CustomRun started = awaitStarted(client, NS, "timer-restart");

    controllers.stop();
    Instant whileDown = Instant.now();
    controllers.start();
    CustomRun done = awaitDone(client, NS, "timer-restart");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(done.getStatus().getStartTime()).isEqualTo(started.getStatus().getStartTime());
    assertThat(done.getStatus().completionInstant())
        .isAfterOrEqualTo(started.getStatus().startInstant().plusSeconds(2));
    assertThat(whileDown).isBefore(done.getStatus().completionInstant());
    // Events are recorded just after the status write that they announce.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> eventsFor("timer-restart", Reasons.SUCCEEDED).size() >= 1);
    assertThat(eventsFor("timer-restart", Reasons.SUCCEEDED)).hasSize(1);
    assertThat(eventsFor("timer-restart", "Started")).hasSize(1);
  }

  @Test
  void parentRunsAChildAndPassesOnItsResult() {
    create(customRun("parent-ok").ref(ParentTask.KIND).param("childDuration", "200ms")
        .param("message", "hello").label("team", "blue").build());

    CustomRun done = awaitDone(client, NS, "parent-ok");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(done.getStatus().result("childEcho")).map(CustomRunResult::getValue).contains(ParamValue.of("hello"));
    CustomRun child = client.resources(CustomRun.class).inNamespace(NS).withName("parent-ok-timer").get();
    assertThat(child.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(done.getMetadata().getUid()));
    assertThat(child.getMetadata().getLabels()).containsEntry("team", "blue")
        .containsEntry(Children.PARENT_UID_LABEL, done.getMetadata().getUid());
  }

  @Test
  void cancellingAParentCancelsItsChild() {
    create(customRun("parent-cancel").ref(ParentTask.KIND).param("childDuration", "1h").build());
    awaitStarted(client, NS, "parent-cancel-timer");

    cancel("parent-cancel");

    assertThat(awaitDone(client, NS, "parent-cancel").getStatus().reason()).contains(Reasons.CANCELLED);
    CustomRun child = awaitObject(client, CustomRun.class, NS, "parent-cancel-timer", CustomRun::isDone);
    assertThat(child.isCancelled()).isTrue();
    assertThat(child.getStatus().reason()).contains(Reasons.CANCELLED);
  }

  @Test
  void parentRestartedMidRunDoesNotCreateItsChildTwice() {
    create(customRun("parent-restart").ref(ParentTask.KIND).param("childDuration", "1s").build());
    awaitStarted(client, NS, "parent-restart-timer");

    controllers.restart();
    CustomRun done = awaitDone(client, NS, "parent-restart");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(client.resources(CustomRun.class).inNamespace(NS)
        .withLabel(Children.PARENT_UID_LABEL, done.getMetadata().getUid()).list().getItems()).hasSize(1);
  }

  @Test
  void aStartTimeEditedToNoTimeEndsTheRunOnceNamingTheField() {
    // A status edit changes no generation, yet it is seen at once, not at the run's wake-up an hour on.
    create(customRun("timer-yesterday").ref(TimerTask.KIND).param("duration", "1h").build());
    awaitStarted(client, NS, "timer-yesterday");

    client.resources(CustomRun.class).inNamespace(NS).withName("timer-yesterday").subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"startTime\":\"yesterday\"}}");
    CustomRun done = awaitDone(client, NS, "timer-yesterday");

    assertThat(done.getStatus().reason()).contains(Reasons.INVALID_STATUS);
    assertThat(message(done)).isEqualTo("status.startTime: \"yesterday\" is not a time in RFC 3339 form, such as "
        + "2026-03-01T12:00:00Z");
    assertThat(done.getStatus().getCompletionTime()).isNotNull();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> eventsFor("timer-yesterday", Reasons.INVALID_STATUS).size() == 1);
    assertThat(eventsFor("timer-yesterday", "ReconcileError")).isEmpty();
  }

  @Test
  void aSucceededConditionEditedToAnUnreadableStatusIsEndedWithACompletionTime() {
    create(customRun("timer-maybe").ref(TimerTask.KIND).param("duration", "1h").build());
    awaitStarted(client, NS, "timer-maybe");

    client.resources(CustomRun.class).inNamespace(NS).withName("timer-maybe").subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"conditions\":[{\"type\":\"Succeeded\","
            + "\"status\":\"Maybe\",\"reason\":\"Edited\"}]}}");

    CustomRun ended = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
        () -> client.resources(CustomRun.class).inNamespace(NS).withName("timer-maybe").get(),
        r -> r.getStatus().isFailed());
    assertThat(ended.getStatus().reason()).contains(Reasons.INVALID_STATUS);
    assertThat(message(ended)).isEqualTo("status.conditions[type=Succeeded].status: \"Maybe\" is neither True, "
        + "False nor Unknown");
    assertThat(ended.getStatus().getCompletionTime()).isNotNull();
  }

  @Test
  void aStatusEditedIntoSomethingThatDoesNotReadEndsTheRunInvalidStatusNamingTheField() {
    create(customRun("timer-retries-word").ref(TimerTask.KIND).param("duration", "1h").build());
    awaitStarted(client, NS, "timer-retries-word");

    CustomRun done;
    try (LogCapture log = LogCapture.start()) {
      client.resources(CustomRun.class).inNamespace(NS).withName("timer-retries-word").subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"retriesStatus\":\"lots\"}}");
      done = awaitDone(client, NS, "timer-retries-word");
      // One WARN line and no stack trace: the status that does not read is no failed reconcile.
      org.awaitility.Awaitility.await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(10))
          .until(() -> log.linesWith("timer-retries-word").size() == 1);
      assertThat(log.linesWith("timer-retries-word")).singleElement().asString().contains(" WARN ")
          .endsWith("CustomRun " + NS + "/timer-retries-word ends InvalidStatus: its status cannot be read: "
              + "status.retriesStatus: expected an array but got a string");
      assertThat(log.stackTraceLines()).as("stack trace lines in:%n%s", String.join("\n", log.lines())).isEmpty();
    }

    assertThat(done.getStatus().reason()).contains(Reasons.INVALID_STATUS);
    assertThat(message(done)).isEqualTo("status.retriesStatus: expected an array but got a string");
    assertThat(done.getStatus().getCompletionTime()).isNotNull();
    assertThat(done.getStatus().startInstant()).isNotNull();
  }

  @Test
  void controlAndBidiCharactersInAParamAreEscapedInTheMessageAndTheEvent() {
    create(customRun("timer-hostile").ref(TimerTask.KIND).param("duration", "1\u0000s\u202e\u001b[31m").build());
    CustomRun done = awaitDone(client, NS, "timer-hostile");

    assertThat(done.getStatus().reason()).contains(Reasons.INVALID_PARAMS);
    assertThat(message(done)).contains("1\\u0000s\\u202e\\u001b[31m").doesNotContain("\u0000", "\u202e", "\u001b");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> !eventsFor("timer-hostile", Reasons.INVALID_PARAMS).isEmpty());
    assertThat(eventsFor("timer-hostile", Reasons.INVALID_PARAMS).get(0).getMessage())
        .contains("\\u202e").doesNotContain("\u202e");
  }

  private static void cancel(String name) {
    client.resources(CustomRun.class).inNamespace(NS).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"status\":\"RunCancelled\",\"statusMessage\":\"stop now\"}}");
  }

  private static String message(CustomRun run) {
    return run.getStatus().succeededCondition().orElseThrow().getMessage();
  }

  private static List<Event> eventsFor(String run, String reason) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> run.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
  }
}
