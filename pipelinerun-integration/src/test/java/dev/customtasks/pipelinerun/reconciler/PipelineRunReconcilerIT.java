package dev.customtasks.pipelinerun.reconciler;

import dev.customtasks.crds.child.ChildRuns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.SkippedTask;
import dev.customtasks.crds.api.pipeline.SkippingReason;
import dev.customtasks.crds.api.pipeline.Task;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskRunReason;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.embedded.standin.TaskRunStandIn;
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
 * The PipelineRun controller against the embedded API server, with the example Timer custom task
 * and the TaskRun stand-in running beside it.
 */
class PipelineRunReconcilerIT {

  private static final String NS = "test";
  private static final String TIMER = "{apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start();
    client = server.client();
    controllers = new ControllerHarness(server::newClient, operator -> {
      new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator);
      new TaskRunStandIn(Clock.systemUTC(), Duration.ofMillis(100)).registerWith(operator);
      new CustomTaskReconciler<>(new TimerTask(), Clock.systemUTC()).registerWith(operator);
    }).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void chainOfCustomTasksRunsInOrderPassingResults() {
    run("""
        metadata: {name: chain, labels: {team: blue}}
        spec:
          pipelineSpec:
            tasks:
            - name: a
              taskRef: %1$s
              params: [{name: duration, value: 200ms}, {name: result, value: from-a}]
            - name: b
              taskRef: %1$s
              params: [{name: duration, value: 200ms}, {name: result, value: "$(tasks.a.results.echo)+b"}]
            - name: c
              runAfter: [b]
              taskRef: %1$s
              params: [{name: duration, value: 0s}, {name: result, value: "$(tasks.b.results.echo)"}]
            results:
            - {name: final, value: "$(tasks.c.results.echo)"}
        """.formatted(TIMER));

    PipelineRun done = awaitDone("chain");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.SUCCEEDED);
    assertThat(message(done)).isEqualTo("Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 0");
    assertThat(done.getStatus().result("final")).map(r -> r.getValue()).contains(ParamValue.of("from-a+b"));
    assertThat(done.getStatus().getChildReferences()).extracting(r -> r.getName())
        .containsExactly("chain-a", "chain-b", "chain-c");
    CustomRun a = customRun("chain-a");
    CustomRun b = customRun("chain-b");
    CustomRun c = customRun("chain-c");
    assertThat(b.getStatus().startInstant()).isAfterOrEqualTo(a.getStatus().completionInstant());
    assertThat(c.getStatus().startInstant()).isAfterOrEqualTo(b.getStatus().completionInstant());
    assertThat(b.getMetadata().getLabels())
        .containsEntry(TektonLabels.PIPELINE_RUN, "chain")
        .containsEntry(TektonLabels.PIPELINE_TASK, "b")
        .containsEntry(TektonLabels.PIPELINE, "chain")
        .containsEntry(TektonLabels.MEMBER_OF, TektonLabels.MEMBER_OF_TASKS)
        .containsEntry("team", "blue");
    assertThat(b.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(done.getMetadata().getUid()));
    assertThat(b.getSpec().getCustomRef().getKind()).isEqualTo("Timer");
    assertThat(b.getSpec().getTimeout()).as("no timeouts given: Tekton leaves the CustomRun's unset").isNull();
    assertThat(b.getSpec().getServiceAccountName()).isEqualTo("default");
  }

  @Test
  void fanOutStartsEveryReadyTaskInOneGo() {
    run("""
        metadata: {name: fan}
        spec:
          pipelineSpec:
            tasks:
            - {name: a, taskRef: %1$s, params: [{name: duration, value: 300ms}]}
            - {name: b, taskRef: %1$s, params: [{name: duration, value: 300ms}]}
            - {name: c, taskRef: %1$s, params: [{name: duration, value: 300ms}]}
            - {name: join, runAfter: [a, b, c], taskRef: %1$s, params: [{name: duration, value: 0s}]}
        """.formatted(TIMER));

    PipelineRun done = awaitDone("fan");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    var starts = List.of("fan-a", "fan-b", "fan-c").stream().map(n -> customRun(n).getStatus().startInstant()).toList();
    var latestEnd = List.of("fan-a", "fan-b", "fan-c").stream().map(n -> customRun(n).getStatus().completionInstant())
        .max(java.time.Instant::compareTo).orElseThrow();
    assertThat(starts).allSatisfy(s -> assertThat(s).isBefore(customRun("fan-a").getStatus().completionInstant()));
    assertThat(customRun("fan-join").getStatus().startInstant()).isAfterOrEqualTo(latestEnd);
  }

  @Test
  void mixedPipelinePassesTaskRunResultsToCustomTasksAndBack() {
    client.resource(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: Task
        metadata: {name: deploy-task, namespace: test}
        spec:
          params: [{name: image}]
          steps: [{name: deploy, image: kubectl, script: "kubectl set image deploy/app app=$(params.image)"}]
        """, Task.class)).create();
    run("""
        metadata: {name: mixed}
        spec:
          pipelineSpec:
            tasks:
            - name: build
              taskSpec:
                metadata:
                  annotations: {customtasks.dev/stand-in-result.image: "registry/app:1.2"}
                results: [{name: image}]
                steps: [{name: build, image: busybox, script: "echo build"}]
            - name: gate
              taskRef: %1$s
              params: [{name: duration, value: 100ms}, {name: result, value: "$(tasks.build.results.image)"}]
            - name: deploy
              taskRef: {name: deploy-task}
              params: [{name: image, value: "$(tasks.gate.results.echo)"}]
        """.formatted(TIMER));

    PipelineRun done = awaitDone("mixed");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    TaskRun deploy = client.resources(TaskRun.class).inNamespace(NS).withName("mixed-deploy").get();
    assertThat(deploy.getSpec().getParams()).singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo(ParamValue.of("registry/app:1.2")));
    assertThat(deploy.getSpec().getTaskRef().getName()).isEqualTo("deploy-task");
    assertThat(done.getStatus().getChildReferences()).extracting(r -> r.getKind())
        .containsExactly("TaskRun", "CustomRun", "TaskRun");
    assertThat(customRun("mixed-gate").getStatus().startInstant())
        .isAfterOrEqualTo(client.resources(TaskRun.class).inNamespace(NS).withName("mixed-build").get()
            .getStatus().completionInstant());
  }

  @Test
  void aReferencedTaskGivesItsRunsItsAnnotationsAndResults() {
    client.resource(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: Task
        metadata:
          name: compile
          namespace: test
          annotations:
            customtasks.dev/stand-in-duration: 300ms
            customtasks.dev/stand-in-result.artifact: "app-1.2.jar"
        spec:
          results: [{name: artifact}]
          steps: [{name: compile, image: maven, script: "mvn package"}]
        """, Task.class)).create();
    run("""
        metadata: {name: task-by-ref}
        spec:
          pipelineSpec:
            tasks:
            - {name: compile, taskRef: {name: compile}}
            - name: gate
              taskRef: %1$s
              params: [{name: duration, value: 0s}, {name: result, value: "$(tasks.compile.results.artifact)"}]
        """.formatted(TIMER));

    PipelineRun done = awaitDone("task-by-ref");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    TaskRun compile = client.resources(TaskRun.class).inNamespace(NS).withName("task-by-ref-compile").get();
    assertThat(Duration.between(compile.getStatus().startInstant(), compile.getStatus().completionInstant()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(customRun("task-by-ref-gate").getStatus().result("echo")).map(r -> r.getValue())
        .contains(ParamValue.of("app-1.2.jar"));
  }

  @Test
  void aPipelineNamingAMissingTaskIsRefusedBeforeAnyTaskStarts() {
    run("""
        metadata: {name: no-such-task}
        spec:
          pipelineSpec:
            tasks:
            - {name: first, taskRef: %1$s, params: [{name: duration, value: 0s}]}
            - {name: build, runAfter: [first], taskRef: {name: not-there}}
        """.formatted(TIMER));

    PipelineRun done = awaitDone("no-such-task");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.COULDNT_GET_TASK);
    assertThat(done.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("Pipeline test/no-such-task can't be Run; it contains Tasks that don't exist: "
            + "Couldn't retrieve Task \"not-there\": tasks.tekton.dev \"not-there\" not found");
    assertThat(done.getStatus().getChildReferences()).isNullOrEmpty();
  }

  @Test
  void aTaskRunNamingAMissingTaskFailsWithCouldntGetTask() {
    client.resource(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: {name: lone-run, namespace: test}
        spec:
          taskRef: {name: not-there-either}
        """, TaskRun.class)).create();

    TaskRun done = RunAwaits.awaitObject(client, TaskRun.class, NS, "lone-run", TaskRun::isDone,
        Duration.ofSeconds(30));

    assertThat(done.getStatus().reason()).contains(TaskRunReason.COULDNT_GET_TASK);
    assertThat(done.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("Couldn't retrieve Task \"not-there-either\": tasks.tekton.dev \"not-there-either\" not found");
  }

  @Test
  void noPeriodicReconcileIsScheduled() {
    assertThat(controllers.configurationOf(PipelineRunReconciler.NAME).maxReconciliationInterval()).isEmpty();
    assertThat(controllers.configurationOf(TaskRunStandIn.NAME).maxReconciliationInterval()).isEmpty();
  }

  @Test
  void deletingAFinishedPipelineRunReleasesTheControllersStateForItAndItsTaskRun() {
    run("""
        metadata: {name: forgotten}
        spec:
          pipelineSpec:
            tasks:
            - {name: only, taskSpec: {steps: [{name: run, image: busybox, script: 'echo ok'}]}}
        """);
    awaitDone("forgotten");
    assertThat(controllers.holdsStateFor(PipelineRunReconciler.NAME, NS, "forgotten")).isTrue();
    assertThat(controllers.holdsStateFor(TaskRunStandIn.NAME, NS, "forgotten-only")).isTrue();

    client.resources(PipelineRun.class).inNamespace(NS).withName("forgotten").delete();
    client.resources(TaskRun.class).inNamespace(NS).withName("forgotten-only").delete();

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
        !controllers.holdsStateFor(PipelineRunReconciler.NAME, NS, "forgotten")
            && !controllers.holdsStateFor(TaskRunStandIn.NAME, NS, "forgotten-only"));
  }

  @Test
  void aFalseWhenSkipsItsTaskOnlyAndIsRecordedResolved() {
    run("""
        metadata: {name: when}
        spec:
          params: [{name: env, value: staging}]
          pipelineSpec:
            params: [{name: env, type: string}]
            tasks:
            - {name: a, taskRef: %1$s, params: [{name: duration, value: 0s}]}
            - name: prod-only
              runAfter: [a]
              when: [{input: "$(params.env)", operator: in, values: [production]}]
              taskRef: %1$s
              params: [{name: duration, value: 0s}]
            - {name: after-prod, runAfter: [prod-only], taskRef: %1$s, params: [{name: duration, value: 0s}]}
            - name: not-prod
              runAfter: [a]
              when: [{input: "$(params.env)", operator: notin, values: [production]}]
              taskRef: %1$s
              params: [{name: duration, value: 0s}]
        """.formatted(TIMER));

    PipelineRun done = awaitDone("when");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.COMPLETED);
    assertThat(message(done)).isEqualTo("Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 1");
    assertThat(done.getStatus().getSkippedTasks()).singleElement().satisfies(s -> {
      assertThat(s.getName()).isEqualTo("prod-only");
      assertThat(s.getReason()).isEqualTo(SkippingReason.WHEN_EXPRESSIONS);
      assertThat(s.getWhenExpressions()).singleElement().satisfies(w -> {
        assertThat(w.getInput()).as("resolved, as Tekton records it").isEqualTo("staging");
        assertThat(w.getValues()).containsExactly("production");
      });
    });
    assertThat(client.resources(CustomRun.class).inNamespace(NS).withName("when-prod-only").get()).isNull();
    assertThat(customRun("when-after-prod").getStatus().isSuccessful()).as("its runAfter was only skipped").isTrue();
  }

  @Test
  void failingCustomTaskFailsThePipelineAfterFinallyRuns() {
    run("""
        metadata: {name: failing}
        spec:
          pipelineSpec:
            tasks:
            - {name: a, taskRef: %1$s, params: [{name: duration, value: 0s}, {name: failAttempts, value: "1"}]}
            - {name: b, runAfter: [a], taskRef: %1$s, params: [{name: duration, value: 0s}]}
            finally:
            - name: report
              taskRef: %1$s
              params:
              - {name: duration, value: 0s}
              - {name: result, value: "$(tasks.status)/$(tasks.a.status)"}
        """.formatted(TIMER));

    PipelineRun done = awaitDone("failing");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.FAILED);
    assertThat(message(done)).isEqualTo("Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1");
    assertThat(customRun("failing-report").getStatus().result("echo")).map(r -> r.getValue())
        .contains(ParamValue.of("Failed/Failed"));
    assertThat(customRun("failing-report").getMetadata().getLabels())
        .containsEntry(TektonLabels.MEMBER_OF, TektonLabels.MEMBER_OF_FINALLY);
    assertThat(done.getStatus().getSkippedTasks()).singleElement()
        .satisfies(s -> assertThat(s.getReason()).isEqualTo(SkippingReason.STOPPING));
  }

  @Test
  void pipelineTimeoutCancelsRunningCustomRunsAndFailsTheRun() {
    run("""
        metadata: {name: timeout}
        spec:
          timeouts: {pipeline: 1s}
          pipelineSpec:
            tasks:
            - {name: slow, taskRef: %1$s, params: [{name: duration, value: 1h}]}
            finally:
            - {name: cleanup, taskRef: %1$s, params: [{name: duration, value: 0s}]}
        """.formatted(TIMER));

    PipelineRun done = awaitDone("timeout");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.TIMED_OUT);
    assertThat(message(done)).isEqualTo("PipelineRun \"timeout\" failed to finish within \"1s\"");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events("timeout"))
        .contains("Warning Failed PipelineRun \"timeout\" failed to finish within \"1s\""));
    CustomRun slow = RunAwaits.awaitDone(client, NS, "timeout-slow");
    assertThat(slow.isCancelled()).isTrue();
    assertThat(slow.getSpec().getStatusMessage()).isEqualTo(ChildRuns.CUSTOM_RUN_CANCELLED_BY_PIPELINE_TIMEOUT);
    assertThat(slow.getStatus().reason()).contains(Reasons.CANCELLED);
    assertThat(slow.getSpec().getTimeout()).as("the pipeline timeout is the PipelineRun's to enforce").isNull();
    assertThat(Duration.between(done.getStatus().startInstant(), done.getStatus().completionInstant()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(client.resources(CustomRun.class).inNamespace(NS).withName("timeout-cleanup").get()).isNull();
  }

  @Test
  void tasksTimeoutCancelsTheTasksThenRunsFinally() {
    run("""
        metadata: {name: tasks-timeout}
        spec:
          timeouts: {pipeline: 1m, tasks: 1s}
          pipelineSpec:
            tasks:
            - {name: slow, taskRef: %1$s, params: [{name: duration, value: 1h}]}
            finally:
            - {name: cleanup, taskRef: %1$s, params: [{name: duration, value: 0s}]}
        """.formatted(TIMER));

    PipelineRun done = awaitDone("tasks-timeout");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.TIMED_OUT);
    assertThat(message(done)).isEqualTo("PipelineRun \"tasks-timeout\" failed due to tasks failed to finish within \"1s\"");
    CustomRun slow = customRun("tasks-timeout-slow");
    assertThat(slow.isCancelled()).isTrue();
    assertThat(slow.getSpec().getStatusMessage()).isEqualTo(ChildRuns.CUSTOM_RUN_CANCELLED_BY_PIPELINE_TIMEOUT);
    assertThat(customRun("tasks-timeout-cleanup").getStatus().isSuccessful()).isTrue();
    assertThat(done.getStatus().finallyStartInstant()).as("finally starts once the cancelled task reported it stopped")
        .isAfterOrEqualTo(slow.getStatus().completionInstant());
  }

  @Test
  void finallyTimeoutCancelsFinallyTasks() {
    run("""
        metadata: {name: finally-timeout}
        spec:
          timeouts: {pipeline: 1m, tasks: 50s, finally: 1s}
          pipelineSpec:
            tasks:
            - {name: quick, taskRef: %1$s, params: [{name: duration, value: 0s}]}
            finally:
            - {name: slow-cleanup, taskRef: %1$s, params: [{name: duration, value: 1h}]}
        """.formatted(TIMER));

    PipelineRun done = awaitDone("finally-timeout");

    assertThat(done.getStatus().reason()).as("Tekton: a task cancelled by a timeout counts as failed")
        .contains(PipelineRunReason.FAILED);
    assertThat(message(done)).isEqualTo("Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 0");
    assertThat(customRun("finally-timeout-slow-cleanup").isCancelled()).isTrue();
    assertThat(done.getStatus().getFinallyStartTime()).isNotNull();
  }

  @Test
  void cancelledRunCancelsEveryChildAndSkipsFinally() {
    run("""
        metadata: {name: cancel}
        spec:
          pipelineSpec:
            tasks:
            - {name: slow, taskRef: %1$s, params: [{name: duration, value: 1h}]}
            finally:
            - {name: cleanup, taskRef: %1$s, params: [{name: duration, value: 0s}]}
        """.formatted(TIMER));
    RunAwaits.awaitStarted(client, NS, "cancel-slow");

    setSpecStatus("cancel", "Cancelled");
    PipelineRun done = awaitDone("cancel");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.CANCELLED);
    assertThat(message(done)).isEqualTo("PipelineRun \"cancel\" was cancelled");
    CustomRun slow = RunAwaits.awaitDone(client, NS, "cancel-slow");
    assertThat(slow.getSpec().getStatusMessage()).isEqualTo(ChildRuns.CUSTOM_RUN_CANCELLED_BY_PIPELINE);
    assertThat(slow.getStatus().reason()).contains(Reasons.CANCELLED);
    assertThat(client.resources(CustomRun.class).inNamespace(NS).withName("cancel-cleanup").get()).isNull();
  }

  @Test
  void cancelledRunFinallyCancelsTasksButRunsFinally() {
    run("""
        metadata: {name: cancel-finally}
        spec:
          pipelineSpec:
            tasks:
            - {name: slow, taskRef: %1$s, params: [{name: duration, value: 1h}]}
            - {name: next, runAfter: [slow], taskRef: %1$s, params: [{name: duration, value: 0s}]}
            finally:
            - {name: cleanup, taskRef: %1$s, params: [{name: duration, value: 0s}]}
        """.formatted(TIMER));
    RunAwaits.awaitStarted(client, NS, "cancel-finally-slow");

    setSpecStatus("cancel-finally", "CancelledRunFinally");
    PipelineRun done = awaitDone("cancel-finally");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.CANCELLED);
    assertThat(customRun("cancel-finally-slow").isCancelled()).isTrue();
    assertThat(customRun("cancel-finally-cleanup").getStatus().isSuccessful()).isTrue();
    assertThat(done.getStatus().getSkippedTasks()).extracting(SkippedTask::getReason)
        .containsExactly(SkippingReason.GRACEFULLY_CANCELLED);
  }

  @Test
  void stoppedRunFinallyLetsRunningTasksEndThenRunsFinally() {
    run("""
        metadata: {name: stop-finally}
        spec:
          pipelineSpec:
            tasks:
            - {name: current, taskRef: %1$s, params: [{name: duration, value: 1s}]}
            - {name: next, runAfter: [current], taskRef: %1$s, params: [{name: duration, value: 0s}]}
            finally:
            - {name: cleanup, taskRef: %1$s, params: [{name: duration, value: 0s}]}
        """.formatted(TIMER));
    RunAwaits.awaitStarted(client, NS, "stop-finally-current");

    setSpecStatus("stop-finally", "StoppedRunFinally");
    PipelineRun done = awaitDone("stop-finally");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.CANCELLED);
    CustomRun current = customRun("stop-finally-current");
    assertThat(current.isCancelled()).isFalse();
    assertThat(current.getStatus().isSuccessful()).isTrue();
    assertThat(client.resources(CustomRun.class).inNamespace(NS).withName("stop-finally-next").get()).isNull();
    assertThat(customRun("stop-finally-cleanup").getStatus().isSuccessful()).isTrue();
  }

  @Test
  void restartMidPipelineCarriesOnWithoutDuplicates() {
    run("""
        metadata: {name: restart}
        spec:
          pipelineSpec:
            tasks:
            - {name: a, taskRef: %1$s, params: [{name: duration, value: 1s}]}
            - {name: b, runAfter: [a], taskRef: %1$s, params: [{name: duration, value: 1s}]}
        """.formatted(TIMER));
    RunAwaits.awaitStarted(client, NS, "restart-a");

    controllers.restart();
    PipelineRun done = awaitDone("restart");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(client.resources(CustomRun.class).inNamespace(NS)
        .withLabel(TektonLabels.PIPELINE_RUN, "restart").list().getItems()).hasSize(2);
    assertThat(done.getStatus().getChildReferences()).hasSize(2);
  }

  @Test
  void pipelineRefWithDefaultsAndBadPipelinesFailAtOnce() {
    client.resource(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: greet, namespace: test}
        spec:
          params: [{name: who, default: world}]
          tasks:
          - {name: hello, taskRef: %1$s, params: [{name: duration, value: 0s}, {name: result, value: "hello $(params.who)"}]}
          results: [{name: greeting, value: "$(tasks.hello.results.echo)"}]
        """.formatted(TIMER), Pipeline.class)).create();
    run("""
        metadata: {name: by-ref}
        spec: {pipelineRef: {name: greet}}
        """);
    run("""
        metadata: {name: missing-pipeline}
        spec: {pipelineRef: {name: nope}}
        """);
    run("""
        metadata: {name: cycle}
        spec:
          pipelineSpec:
            tasks:
            - {name: a, runAfter: [b], taskRef: %1$s}
            - {name: b, runAfter: [a], taskRef: %1$s}
        """.formatted(TIMER));
    run("""
        metadata: {name: missing-param}
        spec:
          pipelineSpec:
            params: [{name: required}]
            tasks:
            - {name: a, taskRef: %1$s, params: [{name: duration, value: "$(params.required)"}]}
        """.formatted(TIMER));

    assertThat(awaitDone("by-ref").getStatus().result("greeting")).map(r -> r.getValue())
        .contains(ParamValue.of("hello world"));
    PipelineRun missing = awaitDone("missing-pipeline");
    assertThat(missing.getStatus().reason()).contains(PipelineRunReason.COULDNT_GET_PIPELINE);
    assertThat(message(missing)).contains("pipelines.tekton.dev \"nope\" not found");
    PipelineRun cycle = awaitDone("cycle");
    assertThat(cycle.getStatus().reason()).contains(PipelineRunReason.INVALID_GRAPH);
    assertThat(message(cycle)).contains("a -> b -> a");
    PipelineRun missingParam = awaitDone("missing-param");
    assertThat(missingParam.getStatus().reason()).contains(PipelineRunReason.PARAMETER_MISSING);
    assertThat(message(missingParam)).contains("required");
  }

  @Test
  void failingCustomTaskInputFailsThatTaskWithItsOwnReason() {
    run("""
        metadata: {name: bad-child}
        spec:
          pipelineSpec:
            tasks:
            - {name: a, taskRef: %1$s, params: [{name: duration, value: soon}]}
        """.formatted(TIMER));

    PipelineRun done = awaitDone("bad-child");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.FAILED);
    assertThat(customRun("bad-child-a").getStatus().reason()).contains(Reasons.INVALID_PARAMS);
  }

  @Test
  void customRunsGetTheTasksWorkspaceBindingsFromTheRun() {
    run("""
        metadata: {name: ws}
        spec:
          workspaces:
          - {name: shared, persistentVolumeClaim: {claimName: src}, subPath: repo}
          - {name: unused, emptyDir: {}}
          pipelineSpec:
            workspaces: [{name: shared}, {name: unused}]
            tasks:
            - name: a
              taskRef: %1$s
              params: [{name: duration, value: 0s}]
              workspaces: [{name: source, workspace: shared, subPath: app}]
        """.formatted(TIMER));

    awaitDone("ws");

    assertThat(customRun("ws-a").getSpec().getWorkspaces()).containsExactly(
        Map.of("name", "source", "persistentVolumeClaim", Map.of("claimName", "src"), "subPath", "repo/app"));
    // Tekton's affinity assistant for workspace "shared" of run "ws": sha256("sharedws") starts 8a4e24b6ef.
    assertThat(customRun("ws-a").getMetadata().getAnnotations())
        .containsEntry("pipeline.tekton.dev/affinity-assistant", "affinity-assistant-8a4e24b6ef");
  }

  @Test
  void theRunGetsTektonsPipelineLabelAndTektonsEvents() {
    client.resource(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: p, namespace: test}
        spec:
          tasks:
          - {name: c, taskRef: %1$s, params: [{name: duration, value: 100ms}]}
        """.formatted(TIMER), Pipeline.class)).create();
    run("""
        metadata: {name: labelled}
        spec: {pipelineRef: {name: p}}
        """);

    PipelineRun done = awaitDone("labelled");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(client.resources(PipelineRun.class).inNamespace(NS).withName("labelled").get().getMetadata()
          .getLabels()).containsEntry(TektonLabels.PIPELINE, "p");
      assertThat(events("labelled")).containsExactly(
          "Normal Started ",
          "Normal Running Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0",
          "Normal Succeeded Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 0");
    });
    assertThat(customRun("labelled-c").getMetadata().getLabels()).containsEntry(TektonLabels.PIPELINE, "p");
  }

  @Test
  void anOnErrorContinueConsumerOfAMissingResultIsSkippedAndTheRunCarriesOn() {
    run("""
        metadata: {name: missing}
        spec:
          pipelineSpec:
            tasks:
            - {name: a, onError: continue, taskRef: %1$s, params: [{name: duration, value: 0s}, {name: failAttempts, value: "1"}]}
            - name: b
              onError: continue
              taskRef: %1$s
              params: [{name: duration, value: 0s}, {name: result, value: "$(tasks.a.results.x)"}]
            - {name: c, runAfter: [a], taskRef: %1$s, params: [{name: duration, value: 0s}]}
        """.formatted(TIMER));

    PipelineRun done = awaitDone("missing");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.COMPLETED);
    assertThat(message(done)).isEqualTo("Tasks Completed: 2 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 1");
    assertThat(done.getStatus().getSkippedTasks()).singleElement()
        .satisfies(s -> assertThat(s.getReason()).isEqualTo(SkippingReason.MISSING_RESULTS));
    assertThat(customRun("missing-c").getStatus().isSuccessful()).isTrue();
    assertThat(client.resources(CustomRun.class).inNamespace(NS).withName("missing-b").get()).isNull();
  }

  @Test
  void retriesWithOnErrorContinueAreRefusedBeforeAnythingRuns() {
    run("""
        metadata: {name: retry-continue}
        spec:
          pipelineSpec:
            tasks:
            - {name: flaky, retries: 2, onError: continue, taskRef: %1$s, params: [{name: duration, value: 0s}]}
        """.formatted(TIMER));

    PipelineRun done = awaitDone("retry-continue");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.FAILED_VALIDATION);
    assertThat(message(done)).contains("PipelineTask OnError cannot be set to \"continue\" when Retries is greater than 0");
    assertThat(client.resources(CustomRun.class).inNamespace(NS).withName("retry-continue-flaky").get()).isNull();
  }

  /** The run's Events as {@code type reason message}, oldest first. */
  private static List<String> events(String run) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> run.equals(e.getInvolvedObject().getName()) && "PipelineRun".equals(e.getInvolvedObject().getKind()))
        .sorted(java.util.Comparator.comparing(e -> sequence(e.getMetadata().getName())))
        .map(e -> e.getType() + " " + e.getReason() + " " + e.getMessage()).toList();
  }

  /** An event's name ends in the hex milliseconds (11 digits today) and the hex sequence number. */
  private static java.math.BigInteger sequence(String eventName) {
    String suffix = eventName.substring(eventName.lastIndexOf('.') + 1);
    return java.math.BigInteger.valueOf(Long.parseLong(suffix.substring(0, 11), 16)).shiftLeft(64)
        .add(java.math.BigInteger.valueOf(Long.parseLong(suffix.substring(11), 16)));
  }

  private static void run(String yaml) {
    PipelineRun run = Serialization.unmarshal("apiVersion: tekton.dev/v1\nkind: PipelineRun\n" + yaml, PipelineRun.class);
    run.getMetadata().setNamespace(NS);
    client.resource(run).create();
  }

  private static PipelineRun awaitDone(String name) {
    return RunAwaits.awaitObject(client, PipelineRun.class, NS, name, PipelineRun::isDone);
  }

  private static CustomRun customRun(String name) {
    return client.resources(CustomRun.class).inNamespace(NS).withName(name).get();
  }

  private static void setSpecStatus(String name, String status) {
    client.resources(PipelineRun.class).inNamespace(NS).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"" + status + "\"}}");
  }

  private static String message(PipelineRun run) {
    return run.getStatus().succeededCondition().orElseThrow().getMessage();
  }
}
