package dev.customtasks.crds.controller;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static dev.customtasks.crds.testkit.RunAwaits.awaitDone;
import static dev.customtasks.crds.testkit.RunAwaits.awaitStarted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.examples.ParentTask;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.ReconcileCounter;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A status changed by someone else reaches the reconciler at once; the controller's own status
 * writes do not come back as reconciles ({@link OwnStatusWrites}), nor do the children it creates
 * ({@link ChildInformers}). Counted with JOSDK's metrics hook.
 */
class OwnStatusWritesIT {

  private static final String NS = "test";
  private static final String TIMER = "timer";
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
    // Two controllers watching CustomRuns, as in one ctk process: each sees the other's writes.
    controllers = new ControllerHarness(server::newClient, operator -> {
      new CustomTaskReconciler<>(new TimerTask(), Clock.systemUTC()).registerWith(operator);
      new CustomTaskReconciler<>(new ParentTask(), Clock.systemUTC()).registerWith(operator);
    }, o -> o.withMetrics(RECONCILES)).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void aRunOfOneWakeUpIsReconciledTwiceNotOncePerStatusWrite() {
    // First sight (start, one status write, a wake-up armed), then the wake-up (finish, one more
    // write): 2, as with JOSDK's generation-aware filter. Were our own writes events, the first
    // would be one more reconcile (the last finishes the run, which no filter passes): 3.
    client.resource(customRun("two-ticks").ref(TimerTask.KIND).param("duration", "300ms").build()).create();

    CustomRun done = awaitDone(client, NS, "two-ticks");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    await().during(QUIET).atMost(QUIET.multipliedBy(10)).until(() -> RECONCILES.of(TIMER, NS, "two-ticks") == 2);
    assertThat(OwnStatusWrites.pending(TIMER, done)).as("every write's event was seen and consumed").isFalse();
  }

  @Test
  void aChildTheControllerCreatedIsNotReconciledAgainWhenItsAddedEventArrives() {
    // First sight (start, the child created), then the child's start: 2. Were the child's ADDED
    // event passed on, it would be one more reconcile that learns nothing (3).
    client.resource(customRun("parent").ref(ParentTask.KIND).param("childDuration", "1h").build()).create();
    awaitStarted(client, NS, "parent-timer");

    await().during(QUIET).atMost(QUIET.multipliedBy(10))
        .until(() -> RECONCILES.of("parent", NS, "parent"), n -> n == 2);
  }

  @Test
  void aStatusChangeBySomeoneElseIsReconciledAtOnce() {
    client.resource(customRun("edited").ref(TimerTask.KIND).param("duration", "1h").build()).create();
    awaitStarted(client, NS, "edited");
    await().during(QUIET).atMost(QUIET.multipliedBy(10)).until(() -> RECONCILES.of(TIMER, NS, "edited") == 1);

    client.resources(CustomRun.class).inNamespace(NS).withName("edited").subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"annotations\":{\"note\":\"by hand\"}}}");

    await().atMost(Duration.ofSeconds(30)).until(() -> RECONCILES.of(TIMER, NS, "edited") == 2);
    CustomRun run = client.resources(CustomRun.class).inNamespace(NS).withName("edited").get();
    assertThat(run.isDone()).isFalse();
    assertThat(run.getStatus().getAnnotations()).containsEntry("note", "by hand");
  }

  @Test
  void aChangeOfLabelsOnlyIsNotReconciled() {
    client.resource(customRun("relabelled").ref(TimerTask.KIND).param("duration", "1h").build()).create();
    awaitStarted(client, NS, "relabelled");
    await().during(QUIET).atMost(QUIET.multipliedBy(10)).until(() -> RECONCILES.of(TIMER, NS, "relabelled") == 1);

    client.resources(CustomRun.class).inNamespace(NS).withName("relabelled")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"team\":\"blue\"}}}");

    await().during(QUIET).atMost(QUIET.multipliedBy(10)).until(() -> RECONCILES.of(TIMER, NS, "relabelled") == 1);
  }

  @Test
  void aSpecChangeIsReconciledAsBefore() {
    client.resource(customRun("cancelled").ref(TimerTask.KIND).param("duration", "1h").build()).create();
    awaitStarted(client, NS, "cancelled");

    client.resources(CustomRun.class).inNamespace(NS).withName("cancelled")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"RunCancelled\"}}");

    assertThat(awaitDone(client, NS, "cancelled").getStatus().reason()).contains(Reasons.CANCELLED);
  }
}
