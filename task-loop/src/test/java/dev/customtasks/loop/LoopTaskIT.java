package dev.customtasks.loop;

import static dev.customtasks.crds.testkit.RunAwaits.awaitDone;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.loop.api.TaskLoop;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Loop controller against the embedded API server, with the example Timer custom task as a
 * loop body, the TaskRun stand-in completing ordinary Tasks, and the PipelineRun controller for
 * pipeline bodies and loops inside pipelines.
 */
class LoopTaskIT {

  private static final String NS = "test";
  private static final String TIMER = "{apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(new LoopModule().crds());
    client = server.client();
    controllers = new ControllerHarness(server::newClient, operator -> {
      new CustomTaskReconciler<>(new LoopTask(), Clock.systemUTC()).registerWith(operator);
      new CustomTaskReconciler<>(new TimerTask(), Clock.systemUTC()).registerWith(operator);
      new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator);
      new TaskRunStandIn(Clock.systemUTC(), Duration.ofMillis(100)).registerWith(operator);
    }).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void itemsRunSequentiallyEachAfterTheLastEnded() {
    create("""
        metadata: {name: seq}
        spec:
          customSpec:
            apiVersion: customtasks.dev/v1alpha1
            kind: Loop
            spec:
              taskRef: %s
              iterateParam: result
              items: [eu, us, ap]
          params: [{name: duration, value: 100ms}]
        """.formatted(TIMER));

    CustomRun done = awaitDone(client, NS, "seq");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(result(done, "echo")).isEqualTo(ParamValue.ofArray(List.of("eu", "us", "ap")));
    assertThat(result(done, "iterations")).isEqualTo(ParamValue.of("3"));
    List<CustomRun> children = children(CustomRun.class, "seq");
    assertThat(children).extracting(c -> c.getMetadata().getName()).containsExactly("seq-00001", "seq-00002", "seq-00003");
    for (int i = 1; i < children.size(); i++) {
      assertThat(children.get(i).getStatus().startInstant())
          .isAfterOrEqualTo(children.get(i - 1).getStatus().completionInstant());
    }
    assertThat(children.get(1).getMetadata().getLabels()).containsEntry(LoopTask.ITERATION_LABEL, "2")
        .containsEntry(LoopTask.ITEM_LABEL, "us");
  }

  @Test
  void concurrencyThreeRunsThreeAtATimeAsTheChildrenShow() {
    create("""
        metadata: {name: three}
        spec:
          customSpec:
            apiVersion: customtasks.dev/v1alpha1
            kind: Loop
            spec:
              taskRef: %s
              iterateParam: result
              items: [a, b, c, d, e, f, g]
              concurrency: 3
          params: [{name: duration, value: 1500ms}]
        """.formatted(TIMER));

    CustomRun done = awaitDone(client, NS, "three");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    List<CustomRun> children = children(CustomRun.class, "three");
    assertThat(children).hasSize(7);
    int most = mostAtOnce(children);
    assertThat(most).isLessThanOrEqualTo(3).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aRangeRunsOncePerNumber() {
    create("""
        metadata: {name: range}
        spec:
          customSpec:
            apiVersion: customtasks.dev/v1alpha1
            kind: Loop
            spec:
              taskRef: %s
              iterateParam: result
              range: {from: 10, to: 2, step: -4}
              concurrency: 0
          params: [{name: duration, value: 0s}]
        """.formatted(TIMER));

    CustomRun done = awaitDone(client, NS, "range");

    assertThat(result(done, "echo")).isEqualTo(ParamValue.ofArray(List.of("10", "6", "2")));
  }

  @Test
  void untilThatHoldsOnTheThirdIterationStopsThere() {
    create("""
        metadata: {name: until3}
        spec:
          customSpec:
            apiVersion: customtasks.dev/v1alpha1
            kind: Loop
            spec:
              taskRef: %s
              until: "results.echo == '3'"
              iterationNumberParam: result
              interval: 200ms
              maxIterations: 10
          params: [{name: duration, value: 0s}]
        """.formatted(TIMER));

    CustomRun done = awaitDone(client, NS, "until3");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(result(done, "echo")).isEqualTo(ParamValue.of("3"));
    assertThat(result(done, "iterations")).isEqualTo(ParamValue.of("3"));
    List<CustomRun> children = children(CustomRun.class, "until3");
    assertThat(children).hasSize(3);
    for (int i = 1; i < children.size(); i++) {
      assertThat(children.get(i).getStatus().startInstant())
          .isAfterOrEqualTo(children.get(i - 1).getStatus().completionInstant().plusMillis(200));
    }
  }

  @Test
  void untilThatNeverHoldsFailsWithMaxIterationsReached() {
    create("""
        metadata: {name: never}
        spec:
          customSpec:
            apiVersion: customtasks.dev/v1alpha1
            kind: Loop
            spec:
              taskRef: %s
              until: "results.echo == 'done'"
              iterateParam: result
              maxIterations: 3
          params: [{name: duration, value: 0s}]
        """.formatted(TIMER));

    CustomRun done = awaitDone(client, NS, "never");

    assertThat(done.getStatus().reason()).contains(LoopTask.MAX_ITERATIONS_REACHED);
    assertThat(children(CustomRun.class, "never")).hasSize(3);
  }

  @Test
  void onFailureStopStartsNoIterationAfterTheFailedOne() {
    create("""
        metadata: {name: stop}
        spec:
          customSpec:
            apiVersion: customtasks.dev/v1alpha1
            kind: Loop
            spec:
              taskRef: %s
              iterateParam: duration
              items: [0s, soon, 0s]
        """.formatted(TIMER));

    CustomRun done = awaitDone(client, NS, "stop");

    assertThat(done.getStatus().reason()).contains(Reasons.FAILED);
    assertThat(message(done)).startsWith("One or more CustomRuns have failed: iteration 2 (stop-00002, InvalidParams: ")
        .contains("duration").contains("soon");
    assertThat(children(CustomRun.class, "stop")).hasSize(2);
  }

  @Test
  void onFailureContinueRunsEveryIterationAndFailsAtTheEnd() {
    create("""
        metadata: {name: cont}
        spec:
          customSpec:
            apiVersion: customtasks.dev/v1alpha1
            kind: Loop
            spec:
              taskRef: %s
              iterateParam: duration
              items: [0s, soon, 0s]
              onFailure: continue
        """.formatted(TIMER));

    CustomRun done = awaitDone(client, NS, "cont");

    assertThat(done.getStatus().reason()).contains(Reasons.FAILED);
    assertThat(message(done)).contains("iteration 2 (cont-00002");
    assertThat(children(CustomRun.class, "cont")).hasSize(3).allMatch(CustomRun::isDone);
  }

  @Test
  void theTaskLoopReadmeExampleRunsUnchanged() {
    // tektoncd/experimental task-loops README: a TaskLoop over an embedded Task, items in the run's param.
    TaskLoop loop = Serialization.unmarshal("""
        apiVersion: custom.tekton.dev/v1alpha1
        kind: TaskLoop
        metadata:
          name: echoloop
        spec:
          taskSpec:
            params:
              - name: message
                type: string
            steps:
              - name: echo
                image: ubuntu
                script: |
                  #!/usr/bin/env bash
                  echo "$(params.message)"
          iterateParam: message
        """, TaskLoop.class);
    loop.getMetadata().setNamespace(NS);
    client.resource(loop).create();
    create("""
        metadata: {name: echoloop-run, annotations: {myRunAnnotation: myRunAnnotationValue}}
        spec:
          customRef: {apiVersion: custom.tekton.dev/v1alpha1, kind: TaskLoop, name: echoloop}
          params:
          - name: message
            value: [I am the first one, I am the second one, I am the third one]
        """);

    CustomRun done = awaitDone(client, NS, "echoloop-run");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(message(done)).isEqualTo("All TaskRuns completed successfully");
    List<TaskRun> children = children(TaskRun.class, "echoloop-run");
    assertThat(children).extracting(c -> c.getSpec().getParams().get(0).getValue().asString())
        .containsExactly("I am the first one", "I am the second one", "I am the third one");
    assertThat(children.get(0).getMetadata().getLabels())
        .containsEntry("custom.tekton.dev/taskLoop", "echoloop")
        .containsEntry("tekton.dev/run", "echoloop-run")
        .containsEntry("custom.tekton.dev/taskLoopIteration", "1");
    assertThat(children.get(0).getMetadata().getAnnotations()).containsEntry("myRunAnnotation", "myRunAnnotationValue");
    assertThat(done.getMetadata().getLabels()).containsEntry("custom.tekton.dev/taskLoop", "echoloop");
    // TaskLoop's events, as its reconciler's tests list them.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.v1().events().inNamespace(NS).list()
        .getItems().stream().filter(e -> "echoloop-run".equals(e.getInvolvedObject().getName()))
        .sorted(Comparator.comparing(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
        .map(e -> e.getType() + " " + e.getReason() + " " + e.getMessage()).toList())
        .containsExactly("Normal Started ", "Normal Running Iterations completed: 0",
            "Normal Running Iterations completed: 1", "Normal Running Iterations completed: 2",
            "Normal Succeeded All TaskRuns completed successfully"));
  }

  @Test
  void aTaskLoopInAPipelineIsFedAMultiLineStringResult() {
    client.resource(Serialization.unmarshal("""
        apiVersion: custom.tekton.dev/v1alpha1
        kind: TaskLoop
        metadata: {name: testloop, namespace: test}
        spec:
          taskSpec:
            params: [{name: test-type, type: string}]
            steps: [{name: run-test, image: busybox}]
          iterateParam: test-type
        """, TaskLoop.class)).create();
    PipelineRun pipelineRun = Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: with-tests, namespace: test}
        spec:
          pipelineSpec:
            tasks:
            - name: test-selector
              taskSpec:
                metadata:
                  annotations:
                    customtasks.dev/stand-in-result.listoftests: "codeanalysis\\nunittests\\n"
                results: [{name: listoftests}]
                steps: [{name: producer, image: busybox}]
            - name: loop
              taskRef: {apiVersion: custom.tekton.dev/v1alpha1, kind: TaskLoop, name: testloop}
              params:
              - name: test-type
                value: $(tasks.test-selector.results.listoftests)
        """, PipelineRun.class);
    client.resource(pipelineRun).create();

    PipelineRun done = RunAwaits.awaitObject(client, PipelineRun.class, NS, "with-tests", PipelineRun::isDone);

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.SUCCEEDED);
    List<TaskRun> iterations = client.resources(TaskRun.class).inNamespace(NS).list().getItems().stream()
        .filter(t -> t.getMetadata().getLabels() != null
            && "testloop".equals(t.getMetadata().getLabels().get("custom.tekton.dev/taskLoop")))
        .sorted(Comparator.comparing(t -> t.getMetadata().getName())).toList();
    assertThat(iterations).extracting(t -> t.getSpec().getParams().get(0).getValue().asString())
        .containsExactly("codeanalysis", "unittests");
  }

  @Test
  void aPipelineLoopRunsATwoTaskPipelineOverNumbersTwoAtATime() {
    create("""
        metadata: {name: ploop}
        spec:
          customSpec:
            apiVersion: custom.tekton.dev/v1alpha1
            kind: PipelineLoop
            spec:
              iterateNumeric: iteration-item
              parallelism: 2
              pipelineSpec:
                params: [{name: iteration-item, type: string}]
                tasks:
                - name: first
                  taskRef: %1$s
                  params: [{name: duration, value: 300ms}, {name: result, value: $(params.iteration-item)}]
                - name: second
                  taskRef: %1$s
                  params: [{name: duration, value: 0s}, {name: result, value: "$(tasks.first.results.echo)!"}]
                results: [{name: shout, value: $(tasks.second.results.echo)}]
          params: [{name: from, value: "1"}, {name: to, value: "4"}, {name: step, value: "1"}]
        """.formatted(TIMER));

    CustomRun done = awaitDone(client, NS, "ploop");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(message(done)).isEqualTo("All PipelineRuns completed successfully");
    assertThat(result(done, "shout")).isEqualTo(ParamValue.ofArray(List.of("1!", "2!", "3!", "4!")));
    List<PipelineRun> children = children(PipelineRun.class, "ploop");
    assertThat(children).hasSize(4);
    assertThat(mostAtOnce(children)).isLessThanOrEqualTo(2);
    assertThat(children.get(0).getMetadata().getLabels()).containsEntry("custom.tekton.dev/pipelineLoopIteration", "1");
  }

  @Test
  void cancelStopsTheRunningIterationAndStartsNoNewOne() {
    create("""
        metadata: {name: cancelme}
        spec:
          customSpec:
            apiVersion: customtasks.dev/v1alpha1
            kind: Loop
            spec:
              taskRef: %s
              iterateParam: result
              items: [a, b, c]
          params: [{name: duration, value: 1h}]
        """.formatted(TIMER));
    RunAwaits.awaitObject(client, CustomRun.class, NS, "cancelme-00001", CustomRun::hasStarted);

    client.resources(CustomRun.class).inNamespace(NS).withName("cancelme")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"RunCancelled\"}}");

    CustomRun done = awaitDone(client, NS, "cancelme");
    assertThat(done.getStatus().reason()).contains(Reasons.CANCELLED);
    CustomRun child = awaitDone(client, NS, "cancelme-00001");
    assertThat(child.getStatus().reason()).contains(Reasons.CANCELLED);
    assertThat(children(CustomRun.class, "cancelme")).hasSize(1);
  }

  @Test
  void aRestartBetweenIterationsRunsEachIterationOnce() {
    create("""
        metadata: {name: restart}
        spec:
          customSpec:
            apiVersion: customtasks.dev/v1alpha1
            kind: Loop
            spec:
              taskRef: %s
              iterateParam: result
              items: [a, b, c]
              interval: 1s
          params: [{name: duration, value: 0s}]
        """.formatted(TIMER));
    RunAwaits.awaitObject(client, CustomRun.class, NS, "restart-00001", CustomRun::isDone);

    controllers.restart();
    CustomRun done = awaitDone(client, NS, "restart");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertThat(result(done, "echo")).isEqualTo(ParamValue.ofArray(List.of("a", "b", "c")));
    List<CustomRun> children = children(CustomRun.class, "restart");
    assertThat(children).extracting(c -> c.getMetadata().getName())
        .containsExactly("restart-00001", "restart-00002", "restart-00003");
    for (int i = 1; i < children.size(); i++) {
      assertThat(children.get(i).getStatus().startInstant())
          .isAfterOrEqualTo(children.get(i - 1).getStatus().completionInstant().plusSeconds(1));
    }
  }

  @Test
  void anIterateParamIsCheckedAgainstTheTaskTheLoopNames() {
    client.resource(Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: Task
        metadata: {name: greet, namespace: test}
        spec:
          params: [{name: who, type: string}]
          steps: [{name: say, image: busybox}]
        """, dev.customtasks.crds.api.pipeline.Task.class)).create();
    create("""
        metadata: {name: greet-wrong}
        spec:
          customSpec: {apiVersion: customtasks.dev/v1alpha1, kind: Loop, spec: {taskRef: {name: greet}, iterateParam: whom, items: [a, b]}}
        """);
    create("""
        metadata: {name: greet-right}
        spec:
          customSpec: {apiVersion: customtasks.dev/v1alpha1, kind: Loop, spec: {taskRef: {name: greet}, iterateParam: who, items: [a, b]}}
        """);

    CustomRun wrong = awaitDone(client, NS, "greet-wrong");
    assertThat(message(wrong)).isEqualTo(
        "\"iterateParam\": names param \"whom\", which Task \"greet\" does not declare; it declares: who");
    assertThat(children(TaskRun.class, "greet-wrong")).isEmpty();
    assertThat(awaitDone(client, NS, "greet-right").getStatus().isSuccessful()).isTrue();
    assertThat(children(TaskRun.class, "greet-right")).hasSize(2);
  }

  @Test
  void badInputEndsTheRunWithInvalidSpecAndTheControllerServesOn() {
    Map<String, String> bad = Map.of(
        "bad-empty", "{taskRef: %s, iterateParam: result, items: []}",
        "bad-step", "{taskRef: %s, iterateParam: result, range: {from: 1, to: 3, step: 0}}",
        "bad-undeclared", "{taskSpec: {params: [{name: message}], steps: [{name: s, image: busybox}]},"
            + " iterateParam: msg, items: [a]}",
        "bad-both", "{taskRef: %s, iterateParam: result, items: [a], range: {from: 1, to: 2}}",
        "bad-until", "{taskRef: %s, until: 'true'}",
        "bad-concurrency", "{taskRef: %s, iterateParam: result, items: [a], concurrency: -2}");
    bad.forEach((name, spec) -> create("""
        metadata: {name: %s}
        spec:
          customSpec:
            apiVersion: customtasks.dev/v1alpha1
            kind: Loop
            spec: %s
        """.formatted(name, spec.replace("%s", TIMER))));
    Map<String, String> fields = Map.of("bad-empty", "\"items\"", "bad-step", "\"range.step\"",
        "bad-undeclared", "\"iterateParam\"", "bad-both", "\"range\"", "bad-until", "\"maxIterations\"",
        "bad-concurrency", "\"concurrency\"");

    fields.forEach((name, field) -> {
      CustomRun done = awaitDone(client, NS, name);
      assertThat(done.getStatus().reason()).as(name).contains(Reasons.INVALID_SPEC);
      assertThat(message(done)).as(name).startsWith(field);
      assertThat(children(CustomRun.class, name)).as(name).isEmpty();
    });
    create("""
        metadata: {name: after-bad}
        spec:
          customSpec: {apiVersion: customtasks.dev/v1alpha1, kind: Loop, spec: {taskRef: %s, iterateParam: result, items: [x]}}
          params: [{name: duration, value: 0s}]
        """.formatted(TIMER));
    assertThat(awaitDone(client, NS, "after-bad").getStatus().isSuccessful()).isTrue();
  }

  private static void create(String yaml) {
    CustomRun run = Serialization.unmarshal("apiVersion: tekton.dev/v1beta1\nkind: CustomRun\n" + yaml, CustomRun.class);
    run.getMetadata().setNamespace(NS);
    client.resource(run).create();
  }

  private static <T extends HasMetadata> List<T> children(Class<T> type, String parent) {
    return client.resources(type).inNamespace(NS).list().getItems().stream()
        .filter(c -> c.getMetadata().getName().startsWith(parent + "-0"))
        .sorted(Comparator.comparing(c -> c.getMetadata().getName())).toList();
  }

  /** The most children running at one instant, from their own start and completion times. */
  private static int mostAtOnce(List<? extends HasMetadata> children) {
    List<Instant[]> spans = new ArrayList<>();
    for (HasMetadata child : children) {
      dev.customtasks.crds.api.RunStatus status = child instanceof CustomRun c ? c.getStatus()
          : ((PipelineRun) child).getStatus();
      spans.add(new Instant[] {status.startInstant(), status.completionInstant()});
    }
    int most = 0;
    for (Instant[] span : spans) {
      Instant at = span[0];
      int running = (int) spans.stream().filter(s -> !s[0].isAfter(at) && s[1].isAfter(at)).count();
      most = Math.max(most, running);
    }
    return most;
  }

  private static ParamValue result(CustomRun run, String name) {
    return run.getStatus().result(name).map(CustomRunResult::getValue)
        .orElseThrow(() -> new AssertionError("no result " + name + " in " + run.getStatus().getResults()));
  }

  private static String message(CustomRun run) {
    return run.getStatus().getConditions().get(0).getMessage();
  }
}
