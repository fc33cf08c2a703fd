package dev.customtasks.e2e.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Loop in a pipeline that polls until a condition on its iterations' results holds, with an
 * interval between iterations: the iterations run one after another, each starting no earlier
 * than the interval after the last one ended, and the next pipeline task starts after the loop.
 * Lower bounds are exact (from the objects' own timestamps); upper bounds are generous so that a
 * loaded 2-core machine cannot flake.
 */
@E2ETest
class LoopTimingIT {

  /** Far above the tens of milliseconds a wake-up takes, far below a wrong order. */
  static final Duration SLACK = Duration.ofSeconds(5);
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  private static ClusterTarget target;
  private static ControllerHarness controllers;
  private static Runs runs;

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
  void aLoopUntilItsConditionHoldsSpacesItsIterationsByTheInterval() {
    runs.start("""
        metadata: {name: poll-until}
        spec:
          pipelineSpec:
            tasks:
            - name: poll
              taskSpec:
                apiVersion: customtasks.dev/v1alpha1
                kind: Loop
                spec:
                  taskSpec:
                    metadata:
                      annotations: {customtasks.dev/stand-in-result.status: pending}
                    params: [{name: attempt}]
                    results: [{name: status}]
                    steps: [{name: check, image: busybox, script: 'echo -n pending > $(results.status.path)'}]
                  iterationNumberParam: attempt
                  until: "results.status == 'ready' || iteration >= 3"
                  interval: 1s
                  maxIterations: 10
            - name: after
              runAfter: [poll]
              taskSpec: {steps: [{name: run, image: busybox, script: 'echo ok'}]}
        """);

    PipelineRun done = runs.awaitDone("poll-until");

    assertThat(done.getStatus().isSuccessful()).as(done.getStatus().succeededCondition().toString()).isTrue();
    CustomRun loop = (CustomRun) runs.child("poll-until", "poll");
    assertThat(loop.getStatus().result("iterations").map(CustomRunResult::getValue)).contains(ParamValue.of("3"));
    List<TaskRun> iterations = target.client().resources(TaskRun.class).inNamespace(target.namespace()).list()
        .getItems().stream().filter(t -> t.getMetadata().getName().startsWith(loop.getMetadata().getName() + "-0"))
        .sorted(Comparator.comparing(t -> t.getMetadata().getName())).toList();
    assertThat(iterations).hasSize(3);
    assertThat(Runs.started(iterations.get(0))).isAfterOrEqualTo(loop.getStatus().startInstant());
    for (int i = 1; i < iterations.size(); i++) {
      Instant previousEnd = Runs.finished(iterations.get(i - 1));
      Instant next = Runs.started(iterations.get(i));
      assertThat(next).as("iteration %d starts an interval after %d ended", i + 1, i)
          .isAfterOrEqualTo(previousEnd.plus(INTERVAL))
          .isBefore(previousEnd.plus(INTERVAL).plus(SLACK));
    }
    Instant lastEnd = Runs.finished(iterations.get(2));
    assertThat(loop.getStatus().completionInstant()).isAfterOrEqualTo(lastEnd).isBefore(lastEnd.plus(SLACK));
    assertThat(Runs.started(runs.child("poll-until", "after"))).isAfterOrEqualTo(loop.getStatus().completionInstant());
  }
}
