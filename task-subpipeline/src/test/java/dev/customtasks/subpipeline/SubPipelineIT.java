package dev.customtasks.subpipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import dev.customtasks.subpipeline.plan.Nesting;
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
 * Parent and child pipelines on the embedded API server, run by this project's PipelineRun
 * controller (as Tekton's would run them on a cluster), the SubPipeline controller, the example
 * Timer custom task and the TaskRun stand-in.
 */
class SubPipelineIT {

  private static final String NS = "test";
  private static final String TIMER = "{apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}";
  /** Low enough for a test to reach it; three levels of pipelines still fit. */
  private static final int MAX_DEPTH = 2;
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ControllerHarness controllers;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start().installCrds(List.of(SubPipelineModule.CRD));
    client = server.client();
    controllers = new ControllerHarness(server::newClient, operator -> {
      new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator);
      new TaskRunStandIn(Clock.systemUTC(), Duration.ofMillis(100)).registerWith(operator);
      new CustomTaskReconciler<>(new TimerTask(), Clock.systemUTC()).registerWith(operator);
      new CustomTaskReconciler<>(new SubPipelineTask(MAX_DEPTH), Clock.systemUTC()).registerWith(operator);
    }).start();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    server.close();
  }

  @Test
  void aPipelineWhoseMiddleTaskIsAPipelineRunsItInOrderAndGetsItsResults() {
    apply("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: build}
        spec:
          params:
          - {name: revision}
          - {name: targets, type: array}
          tasks:
          - name: compile
            taskRef: %1$s
            params: [{name: duration, value: 300ms}, {name: result, value: "img-$(params.revision)"}]
          results:
          - {name: text, value: "$(tasks.compile.results.echo)"}
          - {name: list, type: array, value: ["$(tasks.compile.results.echo)", "$(params.targets[*])"]}
          - {name: obj, type: object, value: {image: "$(tasks.compile.results.echo)", by: compile}}
        ---
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: release}
        spec:
          tasks:
          - name: first
            taskRef: %1$s
            params: [{name: duration, value: 200ms}, {name: result, value: abc}]
          - name: build-all
            taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: build}
            params:
            - {name: revision, value: "$(tasks.first.results.echo)"}
            - {name: targets, value: [linux, mac]}
          - name: last
            taskRef: %1$s
            params:
            - {name: duration, value: 0s}
            - {name: result, value: "$(tasks.build-all.results.list[2]) $(tasks.build-all.results.obj.image)"}
          results:
          - {name: final, value: "$(tasks.last.results.echo)"}
          - {name: images, type: array, value: "$(tasks.build-all.results.list[*])"}
        ---
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: rel}
        spec:
          pipelineRef: {name: release}
        """.formatted(TIMER));

    PipelineRun parent = awaitDone(PipelineRun.class, "rel");

    assertThat(parent.getStatus().isSuccessful()).as(message(parent)).isTrue();
    assertThat(parent.getStatus().result("final")).map(r -> r.getValue()).contains(ParamValue.of("mac img-abc"));
    assertThat(parent.getStatus().result("images")).map(r -> r.getValue())
        .contains(ParamValue.ofArray(List.of("img-abc", "linux", "mac")));
    // Routed as Tekton routes it: a taskRef with apiVersion and kind is a custom task, a CustomRun.
    CustomRun middle = get(CustomRun.class, "rel-build-all");
    assertThat(middle.getSpec().getCustomRef().getKind()).isEqualTo("Pipeline");
    assertThat(middle.getStatus().getResults()).extracting(r -> r.getName() + "=" + r.getValue())
        .containsExactly("text=img-abc", "list=[img-abc, linux, mac]", "obj={image=img-abc, by=compile}");
    assertThat(middle.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 0");
    assertThat(middle.getStatus().getExtraFields()).isEqualTo(Map.of("pipelineRun", "rel-build-all",
        "pipeline", "build", "chain", List.of("release", "build"), "childReferences",
        List.of(Map.of("apiVersion", "tekton.dev/v1", "kind", "PipelineRun", "name", "rel-build-all"))));
    PipelineRun child = get(PipelineRun.class, "rel-build-all");
    assertThat(child.getMetadata().getLabels())
        .containsEntry("tekton.dev/customRun", "rel-build-all")
        .containsEntry("tekton.dev/pipeline", "build")
        .containsEntry("tekton.dev/pipelineRun", "rel")
        .containsEntry("tekton.dev/pipelineTask", "build-all");
    assertThat(child.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(middle.getMetadata().getUid()));
    // As Tekton's createCustomRun: a run without timeouts gives its CustomRun none, so the child has none either.
    assertThat(middle.getSpec().getTimeout()).isNull();
    assertThat(child.getSpec().getTimeouts()).isNull();
    CustomRun first = get(CustomRun.class, "rel-first");
    CustomRun compile = get(CustomRun.class, "rel-build-all-compile");
    CustomRun last = get(CustomRun.class, "rel-last");
    assertThat(middle.getStatus().startInstant()).isAfterOrEqualTo(first.getStatus().completionInstant());
    assertThat(compile.getStatus().startInstant()).isAfterOrEqualTo(middle.getStatus().startInstant());
    assertThat(last.getStatus().startInstant()).isAfterOrEqualTo(child.getStatus().completionInstant())
        .isAfterOrEqualTo(middle.getStatus().completionInstant());
  }

  @Test
  void aFailedChildFailsTheTaskWithItsReasonAndMessageAndThenTheParent() {
    apply("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: fails}
        spec:
          pipelineSpec:
            tasks:
            - name: sub
              taskSpec:
                apiVersion: tekton.dev/v1
                kind: Pipeline
                spec:
                  tasks:
                  - {name: ok, taskRef: %1$s, params: [{name: duration, value: 0s}]}
                  - {name: boom, taskRef: %1$s, params: [{name: duration, value: 0s}, {name: failAttempts, value: "1"}]}
            - {name: after, runAfter: [sub], taskRef: %1$s, params: [{name: duration, value: 0s}]}
        """.formatted(TIMER));

    PipelineRun parent = awaitDone(PipelineRun.class, "fails");

    assertThat(parent.getStatus().reason()).contains("Failed");
    CustomRun sub = get(CustomRun.class, "fails-sub");
    PipelineRun child = get(PipelineRun.class, "fails-sub");
    assertThat(sub.getStatus().reason()).isEqualTo(child.getStatus().reason()).contains("Failed");
    assertThat(sub.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo(message(child)).startsWith("Tasks Completed: 2 (Failed: 1, Cancelled 0)");
    assertThat(client.resources(CustomRun.class).inNamespace(NS).withName("fails-after").get()).isNull();
  }

  @Test
  void cancellingTheParentCancelsTheChildAndWaitsForIt() {
    apply("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: stop}
        spec:
          pipelineSpec:
            tasks:
            - name: sub
              taskSpec:
                apiVersion: tekton.dev/v1
                kind: Pipeline
                spec:
                  tasks:
                  - {name: long, taskRef: %1$s, params: [{name: duration, value: 1h}]}
        """.formatted(TIMER));
    RunAwaits.awaitObject(client, CustomRun.class, NS, "stop-sub-long", r -> r.getStatus() != null
        && r.getStatus().hasStarted());

    client.resources(PipelineRun.class).inNamespace(NS).withName("stop")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"Cancelled\"}}");

    PipelineRun parent = awaitDone(PipelineRun.class, "stop");
    assertThat(parent.getStatus().reason()).contains("Cancelled");
    CustomRun sub = awaitDone(CustomRun.class, "stop-sub");
    PipelineRun child = get(PipelineRun.class, "stop-sub");
    CustomRun grandchild = get(CustomRun.class, "stop-sub-long");
    assertThat(child.getSpec().getStatus()).isEqualTo("Cancelled");
    assertThat(child.getStatus().reason()).contains("Cancelled");
    assertThat(grandchild.getStatus().reason()).contains("Cancelled");
    assertThat(sub.getStatus().reason()).contains("Cancelled");
    assertThat(sub.getStatus().completionInstant()).as("ended only once its child had stopped")
        .isAfterOrEqualTo(child.getStatus().completionInstant());
  }

  @Test
  void aTimeoutCancelsTheChildAndEndsTimedOut() {
    apply("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: slow}
        spec:
          tasks:
          - {name: long, taskRef: %1$s, params: [{name: duration, value: 1h}]}
        ---
        apiVersion: tekton.dev/v1beta1
        kind: CustomRun
        metadata: {name: slow-run}
        spec:
          customRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: slow}
          timeout: 2s
        """.formatted(TIMER));

    CustomRun run = awaitDone(CustomRun.class, "slow-run");

    assertThat(run.getStatus().reason()).contains("TimedOut");
    PipelineRun child = awaitDone(PipelineRun.class, "slow-run");
    assertThat(dev.customtasks.crds.duration.GoDuration.parse(child.getSpec().getTimeouts().getPipeline()))
        .as("what was left of 2s").isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(run.getStatus().completionInstant()).isAfterOrEqualTo(child.getStatus().completionInstant());
    assertThat(get(CustomRun.class, "slow-run-long").isDone()).isTrue();
  }

  @Test
  void threeLevelsOfPipelinesPassResultsAllTheWayUp() {
    apply("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: leaf}
        spec:
          params: [{name: word}]
          tasks:
          - {name: say, taskRef: %1$s, params: [{name: duration, value: 0s}, {name: result, value: "$(params.word)!"}]}
          results: [{name: said, value: "$(tasks.say.results.echo)"}]
        ---
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: middle}
        spec:
          params: [{name: word}]
          tasks:
          - name: leaf
            taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: leaf}
            params: [{name: word, value: "$(params.word)"}]
          results: [{name: said, value: "$(tasks.leaf.results.said)"}]
        ---
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: top}
        spec:
          tasks:
          - name: middle
            taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: middle}
            params: [{name: word, value: hello}]
          results: [{name: said, value: "$(tasks.middle.results.said)"}]
        ---
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: three}
        spec:
          pipelineRef: {name: top}
        """.formatted(TIMER));

    PipelineRun top = awaitDone(PipelineRun.class, "three");

    assertThat(top.getStatus().isSuccessful()).as(message(top)).isTrue();
    assertThat(top.getStatus().result("said")).map(r -> r.getValue()).contains(ParamValue.of("hello!"));
    PipelineRun grandchild = get(PipelineRun.class, "three-middle-leaf");
    assertThat(grandchild.getMetadata().getAnnotations()).containsEntry(Nesting.CHAIN_ANNOTATION, "top > middle > leaf");
    assertThat(grandchild.getMetadata().getLabels()).containsEntry(Nesting.DEPTH_LABEL, "2")
        .containsEntry("tekton.dev/pipelineRun", "three-middle");
  }

  @Test
  void aPipelineThatIncludesItselfIsRefusedInsteadOfRecursing() {
    apply("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: ping}
        spec:
          tasks:
          - {name: pong, taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: pong}}
        ---
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: pong}
        spec:
          tasks:
          - {name: ping, taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: ping}}
        ---
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: cycle}
        spec:
          pipelineRef: {name: ping}
        """);

    PipelineRun top = awaitDone(PipelineRun.class, "cycle");

    assertThat(top.getStatus().reason()).contains("Failed");
    CustomRun refused = get(CustomRun.class, "cycle-pong-ping");
    assertThat(refused.getStatus().reason()).contains("PipelineCycle");
    assertThat(refused.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("Pipeline \"ping\" includes itself: ping -> pong -> ping");
    assertThat(client.resources(PipelineRun.class).inNamespace(NS).withName("cycle-pong-ping").get()).isNull();
    assertThat(get(CustomRun.class, "cycle-pong").getStatus().reason()).contains("Failed");
  }

  @Test
  void nestingPastTheLimitStopsWithNestingTooDeep() {
    apply("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: d3}
        spec:
          tasks:
          - {name: t, taskRef: %1$s, params: [{name: duration, value: 0s}]}
        ---
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: d2}
        spec:
          tasks:
          - {name: d3, taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: d3}}
        ---
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: d1}
        spec:
          tasks:
          - {name: d2, taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: d2}}
        ---
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: deep}
        spec:
          pipelineSpec:
            tasks:
            - {name: d1, taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: d1}}
        """.formatted(TIMER));

    PipelineRun top = awaitDone(PipelineRun.class, "deep");

    assertThat(top.getStatus().reason()).contains("Failed");
    CustomRun refused = get(CustomRun.class, "deep-d1-d2-d3");
    assertThat(refused.getStatus().reason()).contains("NestingTooDeep");
    assertThat(refused.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("running d3 here would nest pipelines 3 deep, more than the limit of 2: deep -> d1 -> d2 -> d3");
  }

  @Test
  void aRestartMidChildFindsTheChildAgainAndNeverCreatesItTwice() {
    apply("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: steady}
        spec:
          tasks:
          - {name: wait, taskRef: %1$s, params: [{name: duration, value: 2s}, {name: result, value: done}]}
          results: [{name: out, value: "$(tasks.wait.results.echo)"}]
        ---
        apiVersion: tekton.dev/v1beta1
        kind: CustomRun
        metadata: {name: restarted}
        spec:
          customRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: steady}
        """.formatted(TIMER));
    RunAwaits.awaitObject(client, CustomRun.class, NS, "restarted-wait", r -> r.getStatus() != null
        && r.getStatus().hasStarted());

    controllers.restart();

    CustomRun run = awaitDone(CustomRun.class, "restarted");
    assertThat(run.getStatus().isSuccessful()).isTrue();
    assertThat(run.getStatus().getResults()).extracting(r -> r.getName() + "=" + r.getValue())
        .containsExactly("out=done");
    assertThat(client.resources(PipelineRun.class).inNamespace(NS).withLabel("tekton.dev/customRun", "restarted")
        .list().getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("restarted");
  }

  @Test
  void missingPipelinesAndBadParamsFailAtOnce() {
    apply("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: needs-revision}
        spec:
          params: [{name: revision}]
          tasks:
          - {name: t, taskRef: %1$s, params: [{name: duration, value: 0s}]}
        ---
        apiVersion: tekton.dev/v1beta1
        kind: CustomRun
        metadata: {name: not-found}
        spec:
          customRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: nowhere}
        ---
        apiVersion: tekton.dev/v1beta1
        kind: CustomRun
        metadata: {name: undeclared}
        spec:
          customRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: needs-revision}
          params: [{name: revision, value: a}, {name: colour, value: red}]
        ---
        apiVersion: tekton.dev/v1beta1
        kind: CustomRun
        metadata: {name: missing}
        spec:
          customRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: needs-revision}
        """.formatted(TIMER));

    assertThat(awaitDone(CustomRun.class, "not-found").getStatus().reason()).contains("PipelineNotFound");
    CustomRun undeclared = awaitDone(CustomRun.class, "undeclared");
    assertThat(undeclared.getStatus().reason()).contains("InvalidParams");
    assertThat(undeclared.getStatus().succeededCondition().orElseThrow().getMessage()).contains("param \"colour\"");
    CustomRun missing = awaitDone(CustomRun.class, "missing");
    assertThat(missing.getStatus().reason()).contains("InvalidParams");
    assertThat(missing.getStatus().succeededCondition().orElseThrow().getMessage()).contains("param \"revision\"");
    assertThat(client.resources(PipelineRun.class).inNamespace(NS).withName("missing").get()).isNull();
  }

  @Test
  void aRetryRunsANewChild() {
    apply("""
        apiVersion: tekton.dev/v1beta1
        kind: CustomRun
        metadata: {name: again}
        spec:
          retries: 1
          customSpec:
            apiVersion: tekton.dev/v1
            kind: Pipeline
            spec:
              tasks:
              - {name: flaky, taskRef: %1$s, params: [{name: duration, value: 0s}, {name: failAttempts, value: "1"}]}
        """.formatted(TIMER));

    CustomRun run = awaitDone(CustomRun.class, "again");

    // The Timer counts its failures per CustomRun name, so the second child's Timer fails again.
    assertThat(run.getStatus().getRetriesStatus()).hasSize(1);
    assertThat(get(PipelineRun.class, "again").isDone()).isTrue();
    assertThat(get(PipelineRun.class, "again-r1").isDone()).isTrue();
  }

  @Test
  void aSubPipelineObjectMapsWorkspacesAndLabelsTheChild() {
    apply("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: uses-src}
        spec:
          workspaces: [{name: src}]
          tasks:
          - {name: t, taskRef: %1$s, params: [{name: duration, value: 0s}, {name: result, value: ok}]}
          results: [{name: out, value: "$(tasks.t.results.echo)"}]
        ---
        apiVersion: customtasks.dev/v1alpha1
        kind: SubPipeline
        metadata: {name: with-source}
        spec:
          pipelineRef: {name: uses-src}
          workspaces: [{name: src, workspace: shared, subPath: app}]
          labels: {tier: nested}
          taskRunTemplate: {serviceAccountName: robot}
        ---
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: ws}
        spec:
          workspaces: [{name: shared, emptyDir: {}}]
          pipelineSpec:
            workspaces: [{name: shared}]
            tasks:
            - name: sub
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: SubPipeline, name: with-source}
              workspaces: [{name: shared, workspace: shared}]
            results: [{name: out, value: "$(tasks.sub.results.out)"}]
        """.formatted(TIMER));

    PipelineRun parent = awaitDone(PipelineRun.class, "ws");

    assertThat(parent.getStatus().isSuccessful()).as(message(parent)).isTrue();
    assertThat(parent.getStatus().result("out")).map(r -> r.getValue()).contains(ParamValue.of("ok"));
    PipelineRun child = get(PipelineRun.class, "ws-sub");
    assertThat(child.getMetadata().getLabels()).containsEntry("tier", "nested");
    assertThat(child.getSpec().getTaskRunTemplate().getServiceAccountName()).isEqualTo("robot");
    assertThat(child.getSpec().getPipelineRef().getName()).isEqualTo("uses-src");
    assertThat(child.getSpec().getWorkspaces()).as("the run's workspace under the child's name")
        .containsExactly(Map.of("name", "src", "emptyDir", Map.of(), "subPath", "app"));
  }

  /** The experimental project's documented examples, with Pipelines written as v1 (this server serves v1). */
  @Test
  void theExperimentalProjectsExamplesRun() {
    apply("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: hello-world}
        spec:
          results:
          - {name: message, value: $(tasks.generate-hello-world.results.message)}
          tasks:
          - name: generate-hello-world
            taskSpec:
              metadata:
                annotations: {"customtasks.dev/stand-in-result.message": "Hello World!"}
              results: [{name: message}]
              steps:
              - {name: generate-message, image: alpine, script: 'echo -n "Hello World!" > $(results.message.path)'}
        ---
        apiVersion: tekton.dev/v1beta1
        kind: CustomRun
        metadata: {name: piprun}
        spec:
          customRef: {apiVersion: tekton.dev/v1beta1, kind: Pipeline, name: hello-world}
        ---
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: good-morning-good-afternoon}
        spec:
          tasks:
          - name: echo-good-morning
            taskSpec: {steps: [{name: echo, image: ubuntu, script: 'echo "Good Morning!"'}]}
          - name: echo-good-afternoon
            taskSpec: {steps: [{name: echo, image: ubuntu, script: 'echo "Good Afternoon!"'}]}
        ---
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: pr}
        spec:
          pipelineSpec:
            tasks:
            - name: hello
              taskSpec: {steps: [{name: echo, image: ubuntu, script: 'echo "Hello World!"'}]}
            - name: greeting
              taskRef: {apiVersion: tekton.dev/v1beta1, kind: Pipeline, name: good-morning-good-afternoon}
              runAfter: [hello]
            - name: bye
              taskSpec: {steps: [{name: echo, image: ubuntu, script: 'echo "Bye World!"'}]}
              runAfter: [greeting]
        """);

    CustomRun piprun = awaitDone(CustomRun.class, "piprun");
    assertThat(piprun.getStatus().isSuccessful()).isTrue();
    assertThat(piprun.getStatus().getResults()).extracting(r -> r.getName() + "=" + r.getValue())
        .containsExactly("message=Hello World!");
    assertThat(get(PipelineRun.class, "piprun").getMetadata().getLabels())
        .containsEntry("tekton.dev/pipeline", "hello-world").containsEntry("tekton.dev/customRun", "piprun");

    PipelineRun pr = awaitDone(PipelineRun.class, "pr");
    assertThat(pr.getStatus().isSuccessful()).as(message(pr)).isTrue();
    assertThat(message(pr)).isEqualTo("Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 0");
    // As the experimental README shows: two PipelineRuns and four TaskRuns.
    assertThat(client.resources(PipelineRun.class).inNamespace(NS).list().getItems())
        .extracting(p -> p.getMetadata().getName()).contains("pr", "pr-greeting");
    assertThat(client.resources(TaskRun.class).inNamespace(NS).list().getItems())
        .extracting(t -> t.getMetadata().getName())
        .contains("pr-hello", "pr-greeting-echo-good-morning", "pr-greeting-echo-good-afternoon", "pr-bye");
    assertThat(get(PipelineRun.class, "pr-greeting").getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 0");
  }

  private static void apply(String yaml) {
    for (String document : yaml.split("(?m)^---$")) {
      if (document.isBlank()) {
        continue;
      }
      HasMetadata object = Serialization.unmarshal(document);
      object.getMetadata().setNamespace(NS);
      client.resource(object).create();
    }
  }

  private static <T extends HasMetadata> T get(Class<T> type, String name) {
    T object = client.resources(type).inNamespace(NS).withName(name).get();
    assertThat(object).as(type.getSimpleName() + " " + name).isNotNull();
    return object;
  }

  private static <T extends HasMetadata> T awaitDone(Class<T> type, String name) {
    return RunAwaits.awaitObject(client, type, NS, name, o -> o instanceof CustomRun c ? c.isDone()
        : o instanceof PipelineRun p && p.isDone());
  }

  private static String message(PipelineRun run) {
    return run.getStatus().succeededCondition().map(c -> c.getMessage()).orElse("");
  }
}
