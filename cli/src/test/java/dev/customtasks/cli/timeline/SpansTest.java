package dev.customtasks.cli.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpansTest {

  private static final Instant NOW = Instant.parse("2026-06-01T10:05:00Z");

  /** build -> wait-for-window (a Wait with a deadline) -> deploy, and deploy uses build's result. */
  static final String SEQUENTIAL = """
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: release-run, uid: pr-1, creationTimestamp: "2026-06-01T10:00:00Z"}
      status:
        startTime: "2026-06-01T10:00:00.100Z"
        completionTime: "2026-06-01T10:00:20.000Z"
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]
        pipelineSpec:
          tasks:
          - {name: build, taskSpec: {steps: [{name: b, image: go}]}}
          - {name: wait-for-window, runAfter: [build], taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}}
          - name: deploy
            runAfter: [wait-for-window]
            params: [{name: image, value: "$(tasks.build.results.image)"}]
            taskSpec: {steps: [{name: d, image: kubectl}]}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: release-run-build, creationTimestamp: "2026-06-01T10:00:00.300Z",
        labels: {tekton.dev/pipelineTask: build}}
      status:
        startTime: "2026-06-01T10:00:00.500Z"
        completionTime: "2026-06-01T10:00:02.500Z"
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]
      ---
      apiVersion: tekton.dev/v1beta1
      kind: CustomRun
      metadata: {name: release-run-wait-for-window, creationTimestamp: "2026-06-01T10:00:03.000Z",
        labels: {tekton.dev/pipelineTask: wait-for-window}}
      spec: {customRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}}
      status:
        startTime: "2026-06-01T10:00:03.200Z"
        completionTime: "2026-06-01T10:00:15.400Z"
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]
        extraFields: {deadline: "2026-06-01T10:00:15.000Z", scheduledFor: "2026-06-01T10:00:15.000Z"}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: release-run-deploy, creationTimestamp: "2026-06-01T10:00:17.000Z",
        labels: {tekton.dev/pipelineTask: deploy}}
      status:
        startTime: "2026-06-01T10:00:17.100Z"
        completionTime: "2026-06-01T10:00:19.900Z"
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]
      """;

  /** Three checks in parallel, a cool-down after all of them, a skipped publish and a finally. */
  static final String PARALLEL = """
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: fan-in, uid: pr-2, creationTimestamp: "2026-06-01T10:00:00Z"}
      status:
        startTime: "2026-06-01T10:00:00Z"
        completionTime: "2026-06-01T10:00:10Z"
        conditions: [{type: Succeeded, status: "True", reason: Completed}]
        skippedTasks: [{name: publish, reason: When Expressions evaluated to false}]
        childReferences:
        - {apiVersion: tekton.dev/v1, kind: TaskRun, name: fan-in-notify, pipelineTaskName: notify}
        pipelineSpec:
          tasks:
          - {name: unit-tests, taskSpec: {steps: [{name: t, image: maven}]}}
          - {name: lint, taskSpec: {steps: [{name: t, image: maven}]}}
          - {name: cool-down, runAfter: [unit-tests, lint], taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}}
          - name: publish
            runAfter: [cool-down]
            when: [{input: "no", operator: in, values: ["yes"]}]
            taskSpec: {steps: [{name: t, image: maven}]}
          finally:
          - {name: notify, taskSpec: {steps: [{name: t, image: curl}]}}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: fan-in-unit-tests, creationTimestamp: "2026-06-01T10:00:00.200Z",
        labels: {tekton.dev/pipelineTask: unit-tests}}
      status: {startTime: "2026-06-01T10:00:00.300Z", completionTime: "2026-06-01T10:00:03.300Z",
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: fan-in-lint, creationTimestamp: "2026-06-01T10:00:00.250Z",
        labels: {tekton.dev/pipelineTask: lint}}
      status: {startTime: "2026-06-01T10:00:00.300Z", completionTime: "2026-06-01T10:00:01.300Z",
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
      ---
      apiVersion: tekton.dev/v1beta1
      kind: CustomRun
      metadata: {name: fan-in-cool-down, creationTimestamp: "2026-06-01T10:00:03.500Z",
        labels: {tekton.dev/pipelineTask: cool-down}}
      spec: {customRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}}
      status: {startTime: "2026-06-01T10:00:03.600Z", completionTime: "2026-06-01T10:00:08.700Z",
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}],
        extraFields: {deadline: "2026-06-01T10:00:08.600Z"}}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: fan-in-notify, creationTimestamp: "2026-06-01T10:00:09.000Z"}
      status: {startTime: "2026-06-01T10:00:09.100Z", completionTime: "2026-06-01T10:00:10.000Z",
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
      """;

  static final String RETRIED = """
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: flaky, creationTimestamp: "2026-06-01T10:00:00Z"}
      status:
        startTime: "2026-06-01T10:00:00Z"
        conditions: [{type: Succeeded, status: Unknown, reason: Running}]
        pipelineSpec: {tasks: [{name: test, retries: 2, taskSpec: {steps: [{name: t, image: maven}]}}]}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: flaky-test, creationTimestamp: "2026-06-01T10:00:00.100Z",
        labels: {tekton.dev/pipelineTask: test}}
      status:
        startTime: "2026-06-01T10:00:04Z"
        completionTime: "2026-06-01T10:00:06Z"
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]
        retriesStatus:
        - {startTime: "2026-06-01T10:00:00.200Z", completionTime: "2026-06-01T10:00:01Z",
           conditions: [{type: Succeeded, status: "False", reason: Failed}]}
        - {startTime: "2026-06-01T10:00:01.500Z", completionTime: "2026-06-01T10:00:03Z",
           conditions: [{type: Succeeded, status: "False", reason: Failed}]}
      """;

  static final String MATRIX = """
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: platforms, creationTimestamp: "2026-06-01T10:00:00Z"}
      status:
        startTime: "2026-06-01T10:00:00Z"
        completionTime: "2026-06-01T10:00:05Z"
        conditions: [{type: Succeeded, status: "False", reason: Failed}]
        pipelineSpec: {tasks: [{name: test, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Matrix}}]}
      ---
      apiVersion: tekton.dev/v1beta1
      kind: CustomRun
      metadata: {name: platforms-test, creationTimestamp: "2026-06-01T10:00:00.100Z",
        labels: {tekton.dev/pipelineTask: test}}
      spec: {customRef: {apiVersion: customtasks.dev/v1alpha1, kind: Matrix}}
      status: {startTime: "2026-06-01T10:00:00.200Z", completionTime: "2026-06-01T10:00:04.000Z",
        conditions: [{type: Succeeded, status: "False", reason: Failed}]}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: platforms-test-1, creationTimestamp: "2026-06-01T10:00:00.400Z",
        labels: {tekton.dev/pipelineTask: test, customtasks.dev/matrix-index: "1"},
        ownerReferences: [{apiVersion: tekton.dev/v1beta1, kind: CustomRun, name: platforms-test, uid: u}]}
      status: {startTime: "2026-06-01T10:00:00.500Z", completionTime: "2026-06-01T10:00:03.900Z",
        conditions: [{type: Succeeded, status: "False", reason: Failed}]}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: platforms-test-0, creationTimestamp: "2026-06-01T10:00:00.400Z",
        labels: {tekton.dev/pipelineTask: test, customtasks.dev/matrix-index: "0"},
        ownerReferences: [{apiVersion: tekton.dev/v1beta1, kind: CustomRun, name: platforms-test, uid: u}]}
      status: {startTime: "2026-06-01T10:00:00.500Z", completionTime: "2026-06-01T10:00:02.000Z",
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
      """;

  static final String TEKTON_MATRIX = """
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: pr, creationTimestamp: "2026-06-01T10:00:00Z"}
      status:
        startTime: "2026-06-01T10:00:00Z"
        conditions: [{type: Succeeded, status: Unknown, reason: Running}]
        pipelineSpec: {tasks: [{name: test, matrix: {params: [{name: os, value: [a, b]}]}, taskSpec: {steps: []}}]}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: pr-test-0, creationTimestamp: "2026-06-01T10:00:01Z", labels: {tekton.dev/pipelineTask: test}}
      status: {startTime: "2026-06-01T10:00:01Z", completionTime: "2026-06-01T10:00:02Z",
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: pr-test-1, creationTimestamp: "2026-06-01T10:00:01.500Z", labels: {tekton.dev/pipelineTask: test}}
      status: {startTime: "2026-06-01T10:00:01.600Z", conditions: [{type: Succeeded, status: Unknown, reason: Running}]}
      """;

  static final String NESTED = """
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: outer, creationTimestamp: "2026-06-01T10:00:00Z"}
      status:
        startTime: "2026-06-01T10:00:00Z"
        completionTime: "2026-06-01T10:00:06Z"
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]
        pipelineSpec: {tasks: [{name: build-all, taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: build}}]}
      ---
      apiVersion: tekton.dev/v1beta1
      kind: CustomRun
      metadata: {name: outer-build-all, creationTimestamp: "2026-06-01T10:00:00.100Z",
        labels: {tekton.dev/pipelineTask: build-all}}
      spec: {customRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: build}}
      status: {startTime: "2026-06-01T10:00:00.200Z", completionTime: "2026-06-01T10:00:05.900Z",
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
      ---
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: outer-build-all, creationTimestamp: "2026-06-01T10:00:00.300Z",
        ownerReferences: [{apiVersion: tekton.dev/v1beta1, kind: CustomRun, name: outer-build-all, uid: u}]}
      spec: {pipelineRef: {name: build}}
      status:
        startTime: "2026-06-01T10:00:00.400Z"
        completionTime: "2026-06-01T10:00:05.800Z"
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]
        pipelineSpec:
          tasks:
          - {name: compile, taskSpec: {steps: []}}
          - {name: scan, runAfter: [compile], taskSpec: {steps: []}}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: outer-build-all-compile, creationTimestamp: "2026-06-01T10:00:00.500Z",
        labels: {tekton.dev/pipelineTask: compile},
        ownerReferences: [{apiVersion: tekton.dev/v1, kind: PipelineRun, name: outer-build-all, uid: n}]}
      status: {startTime: "2026-06-01T10:00:00.600Z", completionTime: "2026-06-01T10:00:03Z",
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: outer-build-all-scan, creationTimestamp: "2026-06-01T10:00:04.000Z",
        labels: {tekton.dev/pipelineTask: scan},
        ownerReferences: [{apiVersion: tekton.dev/v1, kind: PipelineRun, name: outer-build-all, uid: n}]}
      status: {startTime: "2026-06-01T10:00:04.100Z", completionTime: "2026-06-01T10:00:05.700Z",
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
      """;

  static final String IN_PROGRESS = """
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: going, creationTimestamp: "2026-06-01T10:00:00Z"}
      status:
        startTime: "2026-06-01T10:00:00Z"
        conditions: [{type: Succeeded, status: Unknown, reason: Running}]
        pipelineSpec:
          tasks:
          - {name: hold, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}}
          - {name: after, runAfter: [hold], taskSpec: {steps: []}}
      ---
      apiVersion: tekton.dev/v1beta1
      kind: CustomRun
      metadata: {name: going-hold, creationTimestamp: "2026-06-01T10:00:00.100Z", labels: {tekton.dev/pipelineTask: hold}}
      spec: {customRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}}
      status: {startTime: "2026-06-01T10:00:00.200Z", conditions: [{type: Succeeded, status: Unknown, reason: Running}],
        extraFields: {deadline: "2026-06-01T10:01:00.000Z"}}
      """;

  static final String GATED = """
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: gated, creationTimestamp: "2026-06-01T10:00:00Z"}
      status:
        startTime: "2026-06-01T10:00:00Z"
        completionTime: "2026-06-01T10:01:00Z"
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]
        pipelineSpec:
          tasks:
          - {name: approve, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Approval}}
          - {name: take, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}}
          - {name: free, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}}
      ---
      apiVersion: tekton.dev/v1beta1
      kind: CustomRun
      metadata: {name: gated-approve, creationTimestamp: "2026-06-01T10:00:00Z", labels: {tekton.dev/pipelineTask: approve}}
      spec: {customRef: {apiVersion: customtasks.dev/v1alpha1, kind: Approval}}
      status: {startTime: "2026-06-01T10:00:01Z", completionTime: "2026-06-01T10:00:31Z",
        conditions: [{type: Succeeded, status: "True", reason: Approved}], extraFields: {approvalRequest: gated-approve}}
      ---
      apiVersion: tekton.dev/v1beta1
      kind: CustomRun
      metadata: {name: gated-take, creationTimestamp: "2026-06-01T10:00:00Z", labels: {tekton.dev/pipelineTask: take}}
      spec: {customRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}}
      status: {startTime: "2026-06-01T10:00:01Z", completionTime: "2026-06-01T10:00:21Z",
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}],
        extraFields: {key: deploy, position: 2, arrived: "2026-06-01T10:00:01.500Z"}}
      ---
      apiVersion: tekton.dev/v1beta1
      kind: CustomRun
      metadata: {name: gated-free, creationTimestamp: "2026-06-01T10:00:00Z", labels: {tekton.dev/pipelineTask: free}}
      spec: {customRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}}
      status: {startTime: "2026-06-01T10:00:01Z", completionTime: "2026-06-01T10:00:01.100Z",
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}],
        extraFields: {key: deploy, position: 0, arrived: "2026-06-01T10:00:01.050Z"}}
      """;

  @Test
  void sequentialTasksHaveOneHopPerEdgeAndTheWaitsScheduledTimeIsWaiting() {
    Timeline timeline = Spans.of(Fixtures.tree(SEQUENTIAL), NOW);

    assertThat(timeline.tasks()).extracting(Span::label, Span::kind, Span::custom, Span::state)
        .containsExactly(tuple("build", "TaskRun", false, "Succeeded"), tuple("wait-for-window", "Wait", true,
            "Succeeded"), tuple("deploy", "TaskRun", false, "Succeeded"));
    assertThat(timeline.start()).isEqualTo(Instant.parse("2026-06-01T10:00:00.100Z"));
    assertThat(timeline.end()).isEqualTo(Instant.parse("2026-06-01T10:00:20Z"));
    assertThat(timeline.hops()).extracting(Hop::from, Hop::to, Hop::duration, Hop::released).containsExactly(
        tuple(Hop.START, "build", Duration.ofMillis(200), true),
        tuple("build", "wait-for-window", Duration.ofMillis(500), true),
        // deploy waits for wait-for-window (runAfter) and for build (its result): one hop per edge,
        // and wait-for-window, the last to complete, is the one that released it
        tuple("wait-for-window", "deploy", Duration.ofMillis(1600), true),
        tuple("build", "deploy", Duration.ofMillis(14_500), false));
    assertThat(timeline.longestHop()).map(Hop::from).contains("wait-for-window");
    Span wait = timeline.tasks().get(1);
    assertThat(wait.segments()).containsExactly(
        new Segment(at("10:00:03.200"), at("10:00:15.000"), Segment.Phase.WAITING),
        new Segment(at("10:00:15.000"), at("10:00:15.400"), Segment.Phase.WORKING));
    assertThat(wait.waited()).isEqualTo(Duration.ofMillis(11_800));
    assertThat(timeline.tasks().get(0).segments()).containsExactly(
        new Segment(at("10:00:00.500"), at("10:00:02.500"), Segment.Phase.WORKING));
  }

  @Test
  void parallelBranchesFanInFromEachAndFinallyHopsFromTheLastTask() {
    Timeline timeline = Spans.of(Fixtures.tree(PARALLEL), NOW);

    assertThat(timeline.tasks()).extracting(Span::label, Span::state, Span::reason).containsExactly(
        tuple("unit-tests", "Succeeded", "Succeeded"), tuple("lint", "Succeeded", "Succeeded"),
        tuple("cool-down", "Succeeded", "Succeeded"),
        tuple("publish", "Skipped", "When Expressions evaluated to false"));
    assertThat(timeline.tasks().get(3).segments()).isEmpty();
    assertThat(timeline.tasks().get(3).created()).isNull();
    // notify carries no label: its child reference names its task
    assertThat(timeline.finallyTasks()).extracting(Span::label, Span::state)
        .containsExactly(tuple("notify", "Succeeded"));
    assertThat(timeline.hops()).extracting(Hop::from, Hop::to, Hop::duration, Hop::released).containsExactly(
        tuple(Hop.START, "unit-tests", Duration.ofMillis(200), true),
        tuple(Hop.START, "lint", Duration.ofMillis(250), true),
        tuple("unit-tests", "cool-down", Duration.ofMillis(200), true),
        // lint finished early and waited for unit-tests: its edge's hop is no controller's time
        tuple("lint", "cool-down", Duration.ofMillis(2200), false),
        tuple(Hop.TASKS, "notify", Duration.ofMillis(300), true));
    assertThat(timeline.longestHop()).map(Hop::to).contains("notify");
  }

  @Test
  void aRetriedTaskShowsItsFailedAttemptsBeforeTheLastOne() {
    Timeline timeline = Spans.of(Fixtures.tree(RETRIED), NOW);

    Span test = timeline.tasks().get(0);
    assertThat(test.attempts()).isEqualTo(3);
    assertThat(test.start()).isEqualTo(at("10:00:00.200"));
    assertThat(test.end()).isEqualTo(at("10:00:06"));
    assertThat(test.segments()).extracting(Segment::phase).containsExactly(Segment.Phase.FAILED_ATTEMPT,
        Segment.Phase.WORKING, Segment.Phase.FAILED_ATTEMPT, Segment.Phase.WORKING, Segment.Phase.WORKING);
    assertThat(test.segments().get(3)).isEqualTo(new Segment(at("10:00:03"), at("10:00:04"),
        Segment.Phase.WORKING));
  }

  @Test
  void aMatrixRunsCombinationsAreSubRowsInIndexOrder() {
    Timeline timeline = Spans.of(Fixtures.tree(MATRIX), NOW);

    Span matrix = timeline.tasks().get(0);
    assertThat(matrix.kind()).isEqualTo("Matrix");
    assertThat(matrix.children()).extracting(Span::label, Span::path, Span::depth, Span::state).containsExactly(
        tuple("[0]", "test/[0]", 1, "Succeeded"), tuple("[1]", "test/[1]", 1, "Failed"));
    assertThat(timeline.all()).hasSize(3);
  }

  @Test
  void tektonsOwnMatrixGroupsTheRunsOfOneTask() {
    Timeline timeline = Spans.of(Fixtures.tree(TEKTON_MATRIX), NOW);

    Span group = timeline.tasks().get(0);
    assertThat(group).extracting(Span::state, Span::start, Span::end, Span::created)
        .containsExactly("Running", at("10:00:01"), null, at("10:00:01"));
    assertThat(group.children()).extracting(Span::label).containsExactly("[0]", "[1]");
    assertThat(timeline.hops()).extracting(Hop::to).containsExactly("test");
  }

  @Test
  void aNestedPipelineRunIsAGroupUnderItsTaskWithHopsOfItsOwn() {
    Timeline timeline = Spans.of(Fixtures.tree(NESTED), NOW);

    assertThat(timeline.all()).extracting(Span::path, Span::depth, Span::kind).containsExactly(
        tuple("build-all", 0, "Pipeline"), tuple("build-all/build", 1, "PipelineRun"),
        tuple("build-all/build/compile", 2, "TaskRun"), tuple("build-all/build/scan", 2, "TaskRun"));
    assertThat(timeline.hops()).extracting(Hop::from, Hop::to, Hop::duration).containsExactly(
        tuple(Hop.START, "build-all", Duration.ofMillis(100)),
        tuple("build-all/build", "build-all/build/compile", Duration.ofMillis(100)),
        tuple("build-all/build/compile", "build-all/build/scan", Duration.ofSeconds(1)));
    assertThat(timeline.longestHop()).map(Hop::to).contains("build-all/build/scan");
  }

  @Test
  void aRunStillInProgressEndsItsBarsNow() {
    Instant now = at("10:00:10");
    Timeline timeline = Spans.of(Fixtures.tree(IN_PROGRESS), now);

    assertThat(timeline.end()).isNull();
    assertThat(timeline.axisEnd()).isEqualTo(now);
    Span hold = timeline.tasks().get(0);
    assertThat(hold).extracting(Span::state, Span::end).containsExactly("Running", null);
    assertThat(hold.segments()).containsExactly(new Segment(at("10:00:00.200"), now, Segment.Phase.WAITING));
    assertThat(hold.duration(now)).contains(Duration.ofMillis(9800));
    assertThat(timeline.tasks().get(1)).extracting(Span::state, Span::created).containsExactly("Pending", null);
    assertThat(timeline.hops()).extracting(Hop::to).containsExactly("hold");
  }

  @Test
  void anApprovalWaitsWhileOpenAndALockWhileInLine() {
    Timeline timeline = Spans.of(Fixtures.tree(GATED), NOW);

    List<Span> tasks = timeline.tasks();
    assertThat(tasks.get(0).segments()).containsExactly(new Segment(at("10:00:01"), at("10:00:31"),
        Segment.Phase.WAITING));
    assertThat(tasks.get(1).segments()).containsExactly(
        new Segment(at("10:00:01"), at("10:00:01.500"), Segment.Phase.WORKING),
        new Segment(at("10:00:01.500"), at("10:00:21"), Segment.Phase.WAITING));
    assertThat(tasks.get(2).waited()).isZero();
  }

  @Test
  void aLoopsIterationsAreSubRowsInIterationOrder() {
    Timeline timeline = Spans.of(Fixtures.tree("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: poll, creationTimestamp: "2026-06-01T10:00:00Z"}
        status:
          startTime: "2026-06-01T10:00:00Z"
          completionTime: "2026-06-01T10:00:05Z"
          conditions: [{type: Succeeded, status: "True", reason: Succeeded}]
          pipelineSpec: {tasks: [{name: until-ready, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Loop}}]}
        ---
        apiVersion: tekton.dev/v1beta1
        kind: CustomRun
        metadata: {name: poll-until-ready, creationTimestamp: "2026-06-01T10:00:00.100Z",
          labels: {tekton.dev/pipelineTask: until-ready}}
        spec: {customRef: {apiVersion: customtasks.dev/v1alpha1, kind: Loop}}
        status: {startTime: "2026-06-01T10:00:00.200Z", completionTime: "2026-06-01T10:00:04.900Z",
          conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
        ---
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: {name: poll-until-ready-10, creationTimestamp: "2026-06-01T10:00:02.500Z",
          labels: {customtasks.dev/loop-iteration: "10"},
          ownerReferences: [{apiVersion: tekton.dev/v1beta1, kind: CustomRun, name: poll-until-ready, uid: u}]}
        status: {startTime: "2026-06-01T10:00:02.600Z", completionTime: "2026-06-01T10:00:04.800Z",
          conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
        ---
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: {name: poll-until-ready-9, creationTimestamp: "2026-06-01T10:00:00.300Z",
          labels: {customtasks.dev/loop-iteration: "9"},
          ownerReferences: [{apiVersion: tekton.dev/v1beta1, kind: CustomRun, name: poll-until-ready, uid: u}]}
        status: {startTime: "2026-06-01T10:00:00.400Z", completionTime: "2026-06-01T10:00:02.400Z",
          conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
        """), NOW);

    Span loop = timeline.tasks().get(0);
    assertThat(loop).extracting(Span::kind, Span::custom).containsExactly("Loop", true);
    // in the order of their number, not of their names
    assertThat(loop.children()).extracting(Span::label, Span::path, Span::depth, Span::kind).containsExactly(
        tuple("#9", "until-ready/#9", 1, "TaskRun"), tuple("#10", "until-ready/#10", 1, "TaskRun"));
  }

  /** A Loop with a 3s interval: #1 runs 0.3-2.4, waits, #2 is created at 5.4 and runs to 7.0. */
  static final String LOOP_WITH_INTERVAL = """
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: poll, creationTimestamp: "2026-06-01T10:00:00Z"}
      status:
        startTime: "2026-06-01T10:00:00Z"
        completionTime: "2026-06-01T10:00:07.200Z"
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]
        pipelineSpec: {tasks: [{name: until-ready, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Loop}}]}
      ---
      apiVersion: tekton.dev/v1beta1
      kind: CustomRun
      metadata: {name: poll-until-ready, creationTimestamp: "2026-06-01T10:00:00.100Z",
        labels: {tekton.dev/pipelineTask: until-ready}}
      spec: {customRef: {apiVersion: customtasks.dev/v1alpha1, kind: Loop}}
      status:
        startTime: "2026-06-01T10:00:00.200Z"
        completionTime: "2026-06-01T10:00:07.100Z"
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]
        extraFields:
          iterations:
          - {iteration: 1, name: poll-until-ready-00001, kind: TaskRun, outcome: Succeeded, completionTime: "2026-06-01T10:00:02.400Z"}
          - {iteration: 2, name: poll-until-ready-00002, kind: TaskRun, outcome: Succeeded, completionTime: "2026-06-01T10:00:07.000Z"}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: poll-until-ready-00001, creationTimestamp: "2026-06-01T10:00:00.300Z",
        labels: {customtasks.dev/loop-iteration: "1"},
        ownerReferences: [{apiVersion: tekton.dev/v1beta1, kind: CustomRun, name: poll-until-ready, uid: u}]}
      status: {startTime: "2026-06-01T10:00:00.400Z", completionTime: "2026-06-01T10:00:02.400Z",
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
      ---
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {name: poll-until-ready-00002, creationTimestamp: "2026-06-01T10:00:05.400Z",
        labels: {customtasks.dev/loop-iteration: "2"},
        ownerReferences: [{apiVersion: tekton.dev/v1beta1, kind: CustomRun, name: poll-until-ready, uid: u}]}
      status: {startTime: "2026-06-01T10:00:05.500Z", completionTime: "2026-06-01T10:00:07.000Z",
        conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
      """;

  @Test
  void aLoopsIntervalBetweenIterationsIsWaitingAndItsIterationsWork() {
    Span loop = Spans.of(Fixtures.tree(LOOP_WITH_INTERVAL), NOW).tasks().get(0);

    assertThat(loop.segments()).containsExactly(
        new Segment(at("10:00:00.200"), at("10:00:02.400"), Segment.Phase.WORKING),
        new Segment(at("10:00:02.400"), at("10:00:05.400"), Segment.Phase.WAITING),
        new Segment(at("10:00:05.400"), at("10:00:07.100"), Segment.Phase.WORKING));
    assertThat(loop.waited()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aLoopStillGoingWaitsFromItsLastIterationsEndUntilNowAndNotWhileOneRuns() {
    String going = LOOP_WITH_INTERVAL.replaceAll("(?s)\n---\napiVersion: tekton.dev/v1\nkind: TaskRun\nmetadata: "
        + "\\{name: poll-until-ready-00002.*$", "\n")
        .replace("completionTime: \"2026-06-01T10:00:07.100Z\"", "")
        .replace("completionTime: \"2026-06-01T10:00:07.200Z\"", "")
        .replace("status: \"True\", reason: Succeeded}]\n  extraFields", "status: Unknown, reason: Running}]\n  extraFields")
        .replace("status: \"True\", reason: Succeeded}]\n  pipelineSpec", "status: Unknown, reason: Running}]\n  pipelineSpec");
    Span waiting = Spans.of(Fixtures.tree(going), at("10:00:04")).tasks().get(0);

    assertThat(waiting.end()).isNull();
    assertThat(waiting.segments()).containsExactly(
        new Segment(at("10:00:00.200"), at("10:00:02.400"), Segment.Phase.WORKING),
        new Segment(at("10:00:02.400"), at("10:00:04"), Segment.Phase.WAITING));
    // while an iteration runs, the loop works
    Span running = Spans.of(Fixtures.tree(going), at("10:00:01")).tasks().get(0);
    assertThat(running.segments()).extracting(Segment::phase).containsOnly(Segment.Phase.WORKING);
  }

  @Test
  void aCreationKeptToTheSecondIsNarrowedByTheRunsStartWithinThatSecond() {
    Timeline timeline = Spans.of(Fixtures.tree("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: seconds, creationTimestamp: "2026-06-01T10:00:00Z"}
        status:
          startTime: "2026-06-01T10:00:00.100Z"
          completionTime: "2026-06-01T10:00:09Z"
          conditions: [{type: Succeeded, status: "True", reason: Succeeded}]
          pipelineSpec:
            tasks:
            - {name: a, taskSpec: {steps: []}}
            - {name: b, runAfter: [a], taskSpec: {steps: []}}
            - {name: c, runAfter: [b], taskSpec: {steps: []}}
        ---
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: {name: seconds-a, creationTimestamp: "2026-06-01T10:00:00Z", labels: {tekton.dev/pipelineTask: a}}
        status: {startTime: "2026-06-01T10:00:00.300Z", completionTime: "2026-06-01T10:00:02.600Z",
          conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
        ---
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: {name: seconds-b, creationTimestamp: "2026-06-01T10:00:02Z", labels: {tekton.dev/pipelineTask: b}}
        status: {startTime: "2026-06-01T10:00:02.900Z", completionTime: "2026-06-01T10:00:05.500Z",
          conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
        ---
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: {name: seconds-c, creationTimestamp: "2026-06-01T10:00:05Z", labels: {tekton.dev/pipelineTask: c}}
        status: {startTime: "2026-06-01T10:00:07Z", completionTime: "2026-06-01T10:00:08Z",
          conditions: [{type: Succeeded, status: "True", reason: Succeeded}]}
        """), NOW);

    assertThat(timeline.hops()).extracting(Hop::to, Hop::duration).containsExactly(
        tuple("a", Duration.ofMillis(200)),
        // created "10:00:02" and started 02.900: created between 02.600 (a done) and 02.900
        tuple("b", Duration.ofMillis(300)),
        // started two seconds after the second it was created in: that second's end is the bound
        tuple("c", Duration.ofMillis(500)));
  }

  static Instant at(String time) {
    return Instant.parse("2026-06-01T" + time + "Z");
  }
}
