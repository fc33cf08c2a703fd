package dev.customtasks.e2e.timing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Timeout and cancellation travelling from a PipelineRun down to its waits. */
@E2ETest
class TimeoutAndCancelIT {

  private static ControllerHarness controllers;
  private static Runs runs;
  private static ClusterTarget target;

  @BeforeAll
  static void start(ClusterTarget clusterTarget) {
    target = clusterTarget;
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
  void pipelineTimeoutShorterThanAWaitCancelsItAndFailsTheRun() {
    runs.start("""
        metadata: {name: wait-outlives-pipeline}
        spec:
          timeouts: {pipeline: 2s}
          pipelineSpec:
            tasks:
            - name: long-wait
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
              params: [{name: duration, value: 1h}]
        """);

    PipelineRun done = runs.awaitDone("wait-outlives-pipeline");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.TIMED_OUT);
    CustomRun wait = RunAwaits.awaitObject(target.client(), CustomRun.class, target.namespace(),
        "wait-outlives-pipeline-long-wait", CustomRun::isDone);
    assertThat(wait.isCancelled()).isTrue();
    // As in Tekton, the child gets no timeout of its own from the pipeline's: the PipelineRun cancels it.
    assertThat(wait.getSpec().getTimeout()).isNull();
    assertThat(wait.getStatus().reason()).contains(Reasons.CANCELLED);
    assertThat(done.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("PipelineRun \"wait-outlives-pipeline\" failed to finish within \"2s\"");
    assertThat(Duration.between(done.getStatus().startInstant(), done.getStatus().completionInstant()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void cancelledPipelineRunCancelsItsWaitsAtOnce() {
    runs.start("""
        metadata: {name: cancel-waits}
        spec:
          pipelineSpec:
            tasks:
            - name: a
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
              params: [{name: duration, value: 1h}]
            - name: b
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
              params: [{name: until, value: "2999-01-01T00:00:00Z"}]
        """);
    RunAwaits.awaitStarted(target.client(), target.namespace(), "cancel-waits-a");
    RunAwaits.awaitStarted(target.client(), target.namespace(), "cancel-waits-b");

    Instant cancelledAt = Instant.now();
    runs.setSpecStatus("cancel-waits", "Cancelled");
    PipelineRun done = runs.awaitDone("cancel-waits");

    assertThat(done.getStatus().reason()).contains(PipelineRunReason.CANCELLED);
    for (String child : new String[] {"cancel-waits-a", "cancel-waits-b"}) {
      CustomRun wait = RunAwaits.awaitObject(target.client(), CustomRun.class, target.namespace(), child,
          CustomRun::isDone);
      assertThat(wait.getStatus().reason()).contains(Reasons.CANCELLED);
      assertThat(Duration.between(cancelledAt, wait.getStatus().completionInstant()))
          .as("%s ended after the cancel", child).isLessThan(Duration.ofSeconds(10));
    }
  }
}
