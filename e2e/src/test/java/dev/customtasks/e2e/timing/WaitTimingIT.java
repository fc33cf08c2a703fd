package dev.customtasks.e2e.timing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's test plan: a Wait between pipeline tasks holds the next task back for exactly its
 * duration, measured from the objects' own timestamps. Lower bounds are exact; upper bounds are
 * generous so that a loaded 2-core machine cannot flake (the benchmarks measure the real gaps).
 */
@E2ETest
class WaitTimingIT {

  /** "Not unreasonably later": far above the tens of milliseconds measured, far below a wrong order. */
  static final Duration SLACK = Duration.ofSeconds(5);
  private static final String STEP = "steps: [{name: run, image: busybox, script: 'echo ok'}]";

  private static ControllerHarness controllers;
  private static Runs runs;

  @BeforeAll
  static void start(ClusterTarget target) {
    controllers = Stack.on(target).start();
    runs = new Runs(target);
  }

  @AfterAll
  static void stop() {
    if (controllers != null) {
      controllers.close();
    }
  }

  @Test
  void secondStartsNoEarlierThanTheWaitAfterFirstFinished() {
    runs.start("""
        metadata: {name: first-wait-second}
        spec:
          pipelineSpec:
            tasks:
            - {name: first, taskSpec: {%1$s}}
            - name: wait
              runAfter: [first]
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
              params: [{name: duration, value: 2s}]
            - {name: second, runAfter: [wait], taskSpec: {%1$s}}
        """.formatted(STEP));

    PipelineRun done = runs.awaitDone("first-wait-second");

    assertThat(done.getStatus().isSuccessful()).as(done.getStatus().succeededCondition().toString()).isTrue();
    Instant firstDone = Runs.finished(runs.child("first-wait-second", "first"));
    CustomRun wait = (CustomRun) runs.child("first-wait-second", "wait");
    Instant secondStart = Runs.started(runs.child("first-wait-second", "second"));
    assertThat(wait.getStatus().startInstant()).isAfterOrEqualTo(firstDone);
    assertThat(Duration.between(wait.getStatus().startInstant(), wait.getStatus().completionInstant()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertGap(firstDone, secondStart, Duration.ofSeconds(2));
  }

  @Test
  void waitInAFanInStartsAfterTheLastParentAndHoldsTheJoin() {
    runs.start("""
        metadata: {name: fan-in}
        spec:
          pipelineSpec:
            tasks:
            - {name: quick, taskSpec: {%1$s}}
            - name: slow
              taskSpec:
                metadata: {annotations: {customtasks.dev/stand-in-duration: 1s}}
                %1$s
            - name: cool-down
              runAfter: [quick, slow]
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
              params: [{name: duration, value: 1s}]
            - {name: join, runAfter: [cool-down], taskSpec: {%1$s}}
        """.formatted(STEP));

    PipelineRun done = runs.awaitDone("fan-in");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    Instant lastParent = Stream.of("quick", "slow").map(t -> Runs.finished(runs.child("fan-in", t)))
        .max(Instant::compareTo).orElseThrow();
    HasMetadata coolDown = runs.child("fan-in", "cool-down");
    assertThat(Runs.started(coolDown)).isAfterOrEqualTo(lastParent);
    assertGap(lastParent, Runs.started(runs.child("fan-in", "join")), Duration.ofSeconds(1));
  }

  @Test
  void customTaskOnlyPipelineChainsItsWaits() {
    runs.start("""
        metadata: {name: waits-only}
        spec:
          pipelineSpec:
            tasks:
            - name: one
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
              params: [{name: duration, value: 1s}]
            - name: two
              runAfter: [one]
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
              params: [{name: duration, value: 1s}]
        """);

    PipelineRun done = runs.awaitDone("waits-only");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    Instant oneDone = Runs.finished(runs.child("waits-only", "one"));
    assertGap(oneDone, Runs.finished(runs.child("waits-only", "two")), Duration.ofSeconds(1));
    assertThat(Duration.between(done.getStatus().startInstant(), done.getStatus().completionInstant()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void tektonsOwnTestWaitFormHoldsTheNextTaskToo() {
    runs.start("""
        metadata: {name: tekton-test-wait}
        spec:
          pipelineSpec:
            tasks:
            - {name: first, taskSpec: {%1$s}}
            - name: wait
              runAfter: [first]
              taskRef: {apiVersion: wait.testing.tekton.dev/v1beta1, kind: Wait}
              params: [{name: duration, value: 1s}]
            - {name: second, runAfter: [wait], taskSpec: {%1$s}}
        """.formatted(STEP));

    PipelineRun done = runs.awaitDone("tekton-test-wait");

    assertThat(done.getStatus().isSuccessful()).isTrue();
    assertGap(Runs.finished(runs.child("tekton-test-wait", "first")),
        Runs.started(runs.child("tekton-test-wait", "second")), Duration.ofSeconds(1));
  }

  /** {@code later} is at least {@code wait} after {@code earlier}, and not unreasonably more. */
  private static void assertGap(Instant earlier, Instant later, Duration wait) {
    Duration gap = Duration.between(earlier, later);
    assertThat(gap).as("gap between %s and %s", earlier, later)
        .isGreaterThanOrEqualTo(wait).isLessThan(wait.plus(SLACK));
  }
}
