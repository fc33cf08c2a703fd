package dev.customtasks.matrix;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static dev.customtasks.crds.testkit.RunAwaits.awaitDone;
import static dev.customtasks.matrix.MatrixTaskTest.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.api.pipeline.Task;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.child.ChildRuns;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.matrix.api.Matrix;
import dev.customtasks.matrix.plan.ChildLabels;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Matrix controller against the embedded API server, with the example {@code Timer} custom
 * task as a child and ordinary TaskRuns completed by the executor stand-in. Parallelism is
 * checked by watching the children from outside the controller.
 */
class MatrixTaskIT {

  static final String MATRIX_CRD = MatrixModule.CRD;
  private static final String NS = "test";
  private static final String TIMER = "taskRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}\n";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;
  private static ChildWatch watch;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(List.of(MATRIX_CRD));
    client = server.client();
    watch = new ChildWatch(client, NS);
    controllers = new ControllerHarness(server::newClient, operator -> {
      new CustomTaskReconciler<>(new MatrixTask(), Clock.systemUTC()).registerWith(operator);
      new CustomTaskReconciler<>(new TimerTask(), Clock.systemUTC()).registerWith(operator);
      new TaskRunStandIn(Clock.systemUTC(), Duration.ofMillis(100)).registerWith(operator);
    }).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    watch.close();
    server.close();
  }

  @Test
  void customChildrenResultsGatherInCombinationOrderAndMaxParallelHolds() {
    CustomRun run = create(customRun("timers").embedded(MatrixTask.KIND, spec(TIMER + """
        params: [{name: duration, value: 300ms}]
        matrix: {params: [{name: result, value: [a, b, c, d, e, f]}]}
        maxParallel: 2
        """)).build());

    CustomRun done = awaitDone(client, NS, "timers");

    assertThat(done.getStatus().isSuccessful()).as(message(done)).isTrue();
    assertThat(result(done, "echo")).isEqualTo(ParamValue.ofArray(List.of("a", "b", "c", "d", "e", "f")));
    assertThat(result(done, "combinations")).isEqualTo(ParamValue.of("6"));
    assertThat(done.getStatus().result("failed")).isEmpty();
    assertThat(watch.maxActive(uid(run))).isEqualTo(2);
    assertThat(watch.created(uid(run))).containsExactly("timers-0", "timers-1", "timers-2", "timers-3", "timers-4",
        "timers-5");
    MatrixState state = MatrixTaskTest.state(done);
    assertThat(state.children()).extracting(MatrixState.Entry::child, MatrixState.Entry::state)
        .first().isEqualTo(org.assertj.core.groups.Tuple.tuple("timers-0", "Succeeded"));
    assertThat(state.children()).extracting(MatrixState.Entry::state).containsOnly("Succeeded");
  }

  @Test
  void ordinaryTaskRunsRunTheIssueExampleFromANamedMatrix() {
    client.resource(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: Task
        metadata:
          name: run-tests
          namespace: test
          annotations: {customtasks.dev/stand-in-result.report: "passed", customtasks.dev/stand-in-duration: 200ms}
        spec:
          params: [{name: os}, {name: jdk}, {name: revision}, {name: arch, default: amd64}]
          results: [{name: report}]
          steps: [{name: test, image: maven, script: mvn verify}]
        """, Task.class)).create();
    Matrix matrix = new Matrix();
    matrix.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("test-on-platforms")
        .withNamespace(NS).build());
    matrix.setSpec(Serialization.jsonMapper().convertValue(spec(MatrixTaskTest.PLATFORMS.replace("maxParallel: 2",
        "maxParallel: 3")), dev.customtasks.matrix.api.MatrixSpec.class));
    client.resource(matrix).create();
    CustomRun run = create(customRun("platforms").ref(MatrixTask.KIND, "test-on-platforms")
        .param("revision", "abc123").build());

    CustomRun done = awaitDone(client, NS, "platforms");

    assertThat(done.getStatus().isSuccessful()).as(message(done)).isTrue();
    assertThat(result(done, "report")).isEqualTo(ParamValue.ofArray(List.of("passed", "passed", "passed", "passed",
        "passed")));
    assertThat(result(done, "combinations")).isEqualTo(ParamValue.of("5"));
    assertThat(watch.maxActive(uid(run))).isBetween(1, 3);
    TaskRun windows21 = client.resources(TaskRun.class).inNamespace(NS).withName("platforms-3").get();
    assertThat(windows21.getSpec().getParams()).extracting(p -> p.getName() + "=" + p.getValue())
        .containsExactly("revision=abc123", "jdk=21", "os=windows");
    assertThat(windows21.getMetadata().getLabels()).containsEntry(ChildLabels.INDEX, "3")
        .containsEntry("matrix.customtasks.dev/os", "windows");
    assertThat(client.resources(TaskRun.class).inNamespace(NS).withLabel("matrix.customtasks.dev/arch", "arm64")
        .list().getItems()).extracting(t -> t.getMetadata().getName()).containsExactlyInAnyOrder("platforms-0",
            "platforms-2");
  }

  @Test
  void failFastCancelsTheRunningChildAndStartsNoMore() {
    CustomRun run = create(customRun("fast").embedded(MatrixTask.KIND, spec(TIMER + """
        params: [{name: duration, value: 1h}]
        matrix:
          params: [{name: result, value: [a, b, c, d]}]
          include: [{name: broken, params: [{name: result, value: b}, {name: failAttempts, value: "1"}]}]
        maxParallel: 2
        failFast: true
        """)).build());

    CustomRun done = awaitDone(client, NS, "fast");

    assertThat(done.getStatus().reason()).contains(Reasons.FAILED);
    assertThat(message(done)).startsWith("1 of 4 combinations failed (failFast: 1 running cancelled")
        .contains("#1 (failAttempts=1, result=b) \"broken\": attempt 1 fails on purpose");
    assertThat(result(done, "failed")).isEqualTo(ParamValue.ofArray(List.of("1")));
    assertThat(watch.created(uid(run))).containsExactly("fast-0", "fast-1");
    CustomRun first = await().atMost(Duration.ofSeconds(30)).until(() -> child("fast-0"), CustomRun::isDone);
    assertThat(ChildRuns.observe(first).phase()).isEqualTo(dev.customtasks.crds.child.ChildOutcome.Phase.CANCELLED);
    assertThat(first.getSpec().getStatusMessage()).contains("cancelled by failFast: #1");
  }

  @Test
  void withoutFailFastEveryCombinationRunsAndTheFailureIsNamedAtTheEnd() {
    CustomRun run = create(customRun("slow").embedded(MatrixTask.KIND, spec(TIMER + """
        params: [{name: duration, value: 100ms}]
        matrix:
          params: [{name: result, value: [a, b, c, d]}]
          include: [{params: [{name: result, value: b}, {name: failAttempts, value: "1"}]}]
        maxParallel: 2
        """)).build());

    CustomRun done = awaitDone(client, NS, "slow");

    assertThat(done.getStatus().reason()).contains(Reasons.FAILED);
    assertThat(message(done)).isEqualTo("1 of 4 combinations failed: #1 (failAttempts=1, result=b): "
        + "attempt 1 fails on purpose");
    assertThat(result(done, "echo")).isEqualTo(ParamValue.ofArray(List.of("a", "c", "d")));
    assertThat(result(done, "failed")).isEqualTo(ParamValue.ofArray(List.of("1")));
    assertThat(watch.created(uid(run))).hasSize(4);
    assertThat(watch.maxActive(uid(run))).isLessThanOrEqualTo(2);
  }

  @Test
  void moreCombinationsThanTheLimitEndsInvalidSpecWithNoChild() {
    String values = java.util.stream.IntStream.range(0, 17).mapToObj(i -> "v" + i).toList().toString();
    CustomRun run = create(customRun("too-many").embedded(MatrixTask.KIND, spec(TIMER
        + "matrix: {params: [{name: a, value: " + values + "}, {name: b, value: " + values + "}]}")).build());

    CustomRun done = awaitDone(client, NS, "too-many");

    assertThat(done.getStatus().reason()).contains(Reasons.INVALID_SPEC);
    assertThat(message(done)).isEqualTo("customSpec.spec.matrix: 289 combinations, more than the limit of 256");
    assertThat(watch.created(uid(run))).isEmpty();
  }

  @Test
  void cancelCancelsEveryRunningChild() {
    CustomRun run = create(customRun("cancel-me").embedded(MatrixTask.KIND, spec(TIMER + """
        params: [{name: duration, value: 1h}]
        matrix: {params: [{name: result, value: [a, b, c]}]}
        maxParallel: 2
        """)).build());
    await().atMost(Duration.ofSeconds(30)).until(() -> watch.created(uid(run)).size() == 2);

    client.resources(CustomRun.class).inNamespace(NS).withName("cancel-me")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"RunCancelled\"}}");
    CustomRun done = awaitDone(client, NS, "cancel-me");

    assertThat(done.getStatus().reason()).contains(Reasons.CANCELLED);
    for (String name : List.of("cancel-me-0", "cancel-me-1")) {
      CustomRun child = await().atMost(Duration.ofSeconds(30)).until(() -> child(name), CustomRun::isDone);
      assertThat(child.getStatus().reason()).contains(Reasons.CANCELLED);
    }
    assertThat(watch.created(uid(run))).hasSize(2);
  }

  @Test
  void timeoutCancelsEveryRunningChild() {
    CustomRun run = create(customRun("time-me").embedded(MatrixTask.KIND, spec(TIMER + """
        params: [{name: duration, value: 1h}]
        matrix: {params: [{name: result, value: [a, b]}]}
        """)).timeout("1s").build());

    CustomRun done = awaitDone(client, NS, "time-me");

    assertThat(done.getStatus().reason()).contains(Reasons.TIMED_OUT);
    for (String name : List.of("time-me-0", "time-me-1")) {
      assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> child(name), CustomRun::isDone).isCancelled())
          .isTrue();
    }
    assertThat(watch.created(uid(run))).hasSize(2);
  }

  @Test
  void aRestartMidFanOutCreatesNoDuplicateAndKeepsMaxParallel() {
    CustomRun run = create(customRun("restart").embedded(MatrixTask.KIND, spec(TIMER + """
        params: [{name: duration, value: 400ms}]
        matrix: {params: [{name: result, value: [a, b, c, d, e, f, g, h]}]}
        maxParallel: 3
        """)).build());
    await().atMost(Duration.ofSeconds(30)).until(() -> watch.created(uid(run)).size() >= 4);

    controllers.restart();
    CustomRun done = awaitDone(client, NS, "restart");

    assertThat(done.getStatus().isSuccessful()).as(message(done)).isTrue();
    assertThat(result(done, "echo")).isEqualTo(ParamValue.ofArray(List.of("a", "b", "c", "d", "e", "f", "g", "h")));
    assertThat(watch.maxActive(uid(run))).isLessThanOrEqualTo(3);
    assertThat(watch.created(uid(run))).hasSize(8).doesNotHaveDuplicates();
    assertThat(client.resources(CustomRun.class).inNamespace(NS).withLabel("customtasks.dev/parent-uid", uid(run))
        .list().getItems()).hasSize(8).allMatch(c -> c.getStatus().isSuccessful());
  }

  @Test
  void aDimensionComesFromAnArrayParamOfTheRun() {
    CustomRun run = create(customRun("from-param").embedded(MatrixTask.KIND, spec(TIMER + """
        params: [{name: duration, value: 100ms}]
        matrix: {params: [{name: result, value: $(params.platforms)}]}
        """)).param("platforms", List.of("linux", "mac", "windows")).build());

    CustomRun done = awaitDone(client, NS, "from-param");

    assertThat(result(done, "echo")).isEqualTo(ParamValue.ofArray(List.of("linux", "mac", "windows")));
    assertThat(watch.created(uid(run))).hasSize(3);
  }

  private static CustomRun create(CustomRun run) {
    return client.resource(run).create();
  }

  private static CustomRun child(String name) {
    return client.resources(CustomRun.class).inNamespace(NS).withName(name).get();
  }

  private static String uid(HasMetadata run) {
    return run.getMetadata().getUid();
  }

  private static ParamValue result(CustomRun run, String name) {
    return run.getStatus().result(name).map(CustomRunResult::getValue)
        .orElseThrow(() -> new AssertionError("no result " + name + " in " + run.getStatus().getResults()
            + "; " + message(run)));
  }

  private static String message(CustomRun run) {
    return run.getStatus().succeededCondition().map(c -> c.getMessage()).orElse("");
  }

}
