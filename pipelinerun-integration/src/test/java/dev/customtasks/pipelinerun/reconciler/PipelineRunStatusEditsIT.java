package dev.customtasks.pipelinerun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.child.ChildRuns;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.LogCapture;
import dev.customtasks.crds.testkit.ReconcileCounter;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A PipelineRun whose status is edited by hand: a change the controller did not write reaches it
 * at once (not at the run's next wake-up), and a status it cannot read ends the run once,
 * {@code InvalidStatus}, naming the field, with its children cancelled and a completion time, and
 * one log line without a stack trace; and the controller's own writes (its status, its children)
 * cause no reconcile of their own.
 */
class PipelineRunStatusEditsIT {

  private static final String NS = "test";
  private static final String TIMER = "{apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}";
  /** How long a count must stay put to show that no reconcile followed. */
  private static final Duration QUIET = Duration.ofMillis(700);
  private static final ReconcileCounter RECONCILES = new ReconcileCounter();
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start();
    client = server.client();
    controllers = new ControllerHarness(server::newClient, operator -> {
      new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator);
      new CustomTaskReconciler<>(new TimerTask(), Clock.systemUTC()).registerWith(operator);
    }, o -> o.withMetrics(RECONCILES)).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "pr-yesterday | {\"status\":{\"startTime\":\"yesterday\"}} "
          + "| status.startTime: \"yesterday\" is not a time in RFC 3339 form, such as 2026-03-01T12:00:00Z",
      "pr-maybe | {\"status\":{\"conditions\":[{\"type\":\"Succeeded\",\"status\":\"Maybe\",\"reason\":\"Edited\"}]}} "
          + "| status.conditions[type=Succeeded].status: \"Maybe\" is neither True, False nor Unknown",
      "pr-children-word | {\"status\":{\"childReferences\":\"all of them\"}} "
          + "| status.childReferences: expected an array but got a string",
      "pr-spec-word | {\"status\":{\"pipelineSpec\":{\"tasks\":\"build, then deploy\"}}} "
          + "| status.pipelineSpec.tasks: expected an array but got a string",
      "pr-completion-soon | {\"status\":{\"completionTime\":\"soon\"}} "
          + "| status.completionTime: \"soon\" is not a time in RFC 3339 form, such as 2026-03-01T12:00:00Z",
      "pr-finally-later | {\"status\":{\"finallyStartTime\":\"later\"}} "
          + "| status.finallyStartTime: \"later\" is not a time in RFC 3339 form, such as 2026-03-01T12:00:00Z",
  })
  void aStatusEditedIntoSomethingUnreadableEndsTheRunAtOnceNamingTheField(String name, String edit, String message) {
    run(name, "1h");
    RunAwaits.awaitStarted(client, NS, name + "-a");

    client.resources(PipelineRun.class).inNamespace(NS).withName(name).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), edit);
    // Bounded well below the task's hour: the edit is seen when made, not at the next wake-up.
    PipelineRun ended = RunAwaits.awaitObject(client, PipelineRun.class, NS, name, PipelineRun::isFailure);

    assertThat(ended.getStatus().reason()).contains(PipelineRunReason.INVALID_STATUS);
    assertThat(ended.getStatus().succeededCondition().orElseThrow().getMessage()).isEqualTo(message);
    assertThat(ended.getStatus().completionInstant()).as("a completion time, for retention").isNotNull();
    assertThat(ended.getStatus().startInstant()).isNotNull();
    CustomRun child = RunAwaits.awaitDone(client, NS, name + "-a");
    assertThat(child.getSpec().getStatusMessage()).isEqualTo(ChildRuns.CUSTOM_RUN_CANCELLED_BY_PIPELINE);
    assertThat(child.getStatus().reason()).contains(Reasons.CANCELLED);
    await().during(QUIET).atMost(QUIET.multipliedBy(10))
        .until(() -> events(name).equals(List.of("Warning Failed " + message)));
  }

  /**
   * One WARN line, no stack trace, and no more lines once the run has ended: neither for a field
   * that reads but is no time, nor for one of the wrong shape, which does not read at all (it used
   * to fail the reconcile again and again, each failure logged with its stack trace).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "pr-log-yesterday | {\"status\":{\"startTime\":\"yesterday\"}} "
          + "| status.startTime: \"yesterday\" is not a time in RFC 3339 form, such as 2026-03-01T12:00:00Z",
      "pr-log-children-word | {\"status\":{\"childReferences\":\"all of them\"}} "
          + "| status.childReferences: expected an array but got a string",
  })
  void anUnreadableStatusIsLoggedInOneLineWithoutAStackTrace(String name, String edit, String message) {
    run(name, "1h");
    RunAwaits.awaitStarted(client, NS, name + "-a");

    try (LogCapture log = LogCapture.start()) {
      client.resources(PipelineRun.class).inNamespace(NS).withName(name).subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), edit);
      RunAwaits.awaitObject(client, PipelineRun.class, NS, name, PipelineRun::isFailure);
      RunAwaits.awaitDone(client, NS, name + "-a");
      await().during(QUIET).atMost(QUIET.multipliedBy(10)).until(() -> log.linesWith(name).size() == 1);

      assertThat(log.linesWith(name)).singleElement().asString().contains(" WARN ")
          .endsWith("PipelineRun " + NS + "/" + name + " ends InvalidStatus: its status cannot be read: " + message);
      assertThat(log.stackTraceLines()).as("stack trace lines in:%n%s", String.join("\n", log.lines())).isEmpty();
    }
  }

  @Test
  void aPendingRunIsReconciledOnceAndAgainWhenItsStatusIsEdited() {
    client.resource(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: pending, namespace: test}
        spec:
          status: PipelineRunPending
          pipelineSpec:
            tasks: [{name: a, taskRef: %s, params: [{name: duration, value: 0s}]}]
        """.formatted(TIMER), PipelineRun.class)).create();
    RunAwaits.awaitObject(client, PipelineRun.class, NS, "pending",
        r -> r.getStatus() != null && r.getStatus().reason().filter(PipelineRunReason.PENDING::equals).isPresent());
    // Its label and its status written once; neither write is an event that reconciles it again.
    await().during(QUIET).atMost(QUIET.multipliedBy(10))
        .until(() -> RECONCILES.of(PipelineRunReconciler.NAME, NS, "pending") == 1);

    client.resources(PipelineRun.class).inNamespace(NS).withName("pending").subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"annotations\":{\"note\":\"by hand\"}}}");

    await().atMost(Duration.ofSeconds(30)).until(() -> RECONCILES.of(PipelineRunReconciler.NAME, NS, "pending") == 2);
    await().during(QUIET).atMost(QUIET.multipliedBy(10))
        .until(() -> RECONCILES.of(PipelineRunReconciler.NAME, NS, "pending") == 2);
  }

  @Test
  void aChildItCreatedCostsNoReconcileWhenItsAddedEventArrives() {
    run("one-child", "1h");
    RunAwaits.awaitStarted(client, NS, "one-child-a");
    // Once for the run itself (it starts and creates the child), once for the child's start; the
    // child's ADDED event shows the very object the create returned, which the reconcile had.
    await().during(QUIET).atMost(QUIET.multipliedBy(10))
        .until(() -> RECONCILES.of(PipelineRunReconciler.NAME, NS, "one-child"), n -> n == 2);
  }

  private static void run(String name, String duration) {
    client.resource(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: %s, namespace: test}
        spec:
          pipelineSpec:
            tasks: [{name: a, taskRef: %s, params: [{name: duration, value: %s}]}]
        """.formatted(name, TIMER, duration), PipelineRun.class)).create();
  }

  /** The Events recorded once the run was edited, as {@code type reason message}. */
  private static List<String> events(String run) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> run.equals(e.getInvolvedObject().getName()) && "PipelineRun".equals(e.getInvolvedObject().getKind()))
        .map(e -> e.getType() + " " + e.getReason() + " " + e.getMessage())
        .filter(e -> !e.startsWith("Normal ")).toList();
  }
}
