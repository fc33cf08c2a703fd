package dev.customtasks.e2e.subpipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pipeline whose middle task is a whole pipeline of Waits, run the way users run it: the
 * outer tasks wait for the inner pipeline, the inner Waits run one after the other inside it, and
 * the inner pipeline's results reach the outer one.
 */
@E2ETest
class SubPipelineE2EIT {

  private static final String WAIT = "{apiVersion: customtasks.dev/v1alpha1, kind: Wait}";
  private static ControllerHarness controllers;
  private static Runs runs;
  private static ClusterTarget target;

  @BeforeAll
  static void start(ClusterTarget clusterTarget) {
    target = clusterTarget;
    controllers = Stack.on(target).start();
    runs = new Runs(target);
    Pipeline waits = Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: subpipeline-waits}
        spec:
          params: [{name: pause}]
          tasks:
          - {name: one, taskRef: %1$s, params: [{name: duration, value: "$(params.pause)"}]}
          - {name: two, runAfter: [one], taskRef: %1$s, params: [{name: duration, value: "$(params.pause)"}]}
          results:
          - {name: fired, type: array, value: ["$(tasks.one.results.firedAt)", "$(tasks.two.results.firedAt)"]}
        """.formatted(WAIT), Pipeline.class);
    waits.getMetadata().setNamespace(target.namespace());
    target.client().resource(waits).create();
  }

  @AfterAll
  static void stop() {
    if (controllers != null) {
      controllers.close();
    }
  }

  @Test
  void theMiddlePipelineOfWaitsRunsBetweenItsNeighboursAndTakesItsTime() {
    runs.start("""
        metadata: {name: subpipeline-middle}
        spec:
          pipelineSpec:
            tasks:
            - {name: before, taskRef: %1$s, params: [{name: duration, value: 0s}]}
            - name: middle
              runAfter: [before]
              taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: subpipeline-waits}
              params: [{name: pause, value: 1s}]
            - {name: after, runAfter: [middle], taskRef: %1$s, params: [{name: duration, value: 0s}]}
            results:
            - {name: fired, type: array, value: "$(tasks.middle.results.fired[*])"}
        """.formatted(WAIT));

    PipelineRun done = runs.awaitDone("subpipeline-middle", Duration.ofMinutes(1));

    assertThat(done.getStatus().isSuccessful()).as("%s", done.getStatus().succeededCondition()).isTrue();
    CustomRun before = runs.customRun("subpipeline-middle-before");
    CustomRun middle = runs.customRun("subpipeline-middle-middle");
    CustomRun after = runs.customRun("subpipeline-middle-after");
    PipelineRun inner = runs.pipelineRun("subpipeline-middle-middle");
    CustomRun one = runs.customRun("subpipeline-middle-middle-one");
    CustomRun two = runs.customRun("subpipeline-middle-middle-two");

    // Order: before < middle (its PipelineRun: one < two) < after.
    assertThat(middle.getStatus().startInstant()).isAfterOrEqualTo(before.getStatus().completionInstant());
    assertThat(inner.getStatus().startInstant()).isAfterOrEqualTo(middle.getStatus().startInstant());
    assertThat(one.getStatus().startInstant()).isAfterOrEqualTo(inner.getStatus().startInstant());
    assertThat(two.getStatus().startInstant()).isAfterOrEqualTo(one.getStatus().completionInstant());
    assertThat(middle.getStatus().completionInstant()).isAfterOrEqualTo(inner.getStatus().completionInstant())
        .isAfterOrEqualTo(two.getStatus().completionInstant());
    assertThat(after.getStatus().startInstant()).isAfterOrEqualTo(middle.getStatus().completionInstant());

    // Timing: two Waits of 1 s in turn; the middle task takes at least that, and not much more.
    Duration middleTook = Duration.between(middle.getStatus().startInstant(), middle.getStatus().completionInstant());
    assertThat(middleTook).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(20));
    List<String> fired = done.getStatus().result("fired").orElseThrow().getValue().asArray();
    assertThat(fired).hasSize(2);
    assertThat(Timestamps.parse(fired.get(1))).isAfterOrEqualTo(Timestamps.parse(fired.get(0)).plusSeconds(1));
    assertThat(middle.getStatus().getResults()).singleElement()
        .satisfies(r -> assertThat(r.getValue().type()).isEqualTo(ParamValue.Type.ARRAY));
  }

  @Test
  void cancellingTheOuterRunStopsTheInnerWaitsAtOnce() {
    runs.start("""
        metadata: {name: subpipeline-cancel}
        spec:
          pipelineSpec:
            tasks:
            - name: middle
              taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: subpipeline-waits}
              params: [{name: pause, value: 1h}]
        """);
    RunAwaits.awaitStarted(target.client(), target.namespace(), "subpipeline-cancel-middle-one");

    Instant cancelledAt = Instant.now();
    runs.setSpecStatus("subpipeline-cancel", "Cancelled");

    PipelineRun done = runs.awaitDone("subpipeline-cancel");
    assertThat(done.getStatus().reason()).contains("Cancelled");
    CustomRun one = RunAwaits.awaitObject(target.client(), CustomRun.class, target.namespace(),
        "subpipeline-cancel-middle-one", CustomRun::isDone);
    assertThat(one.getStatus().reason()).contains("Cancelled");
    assertThat(Duration.between(cancelledAt, one.getStatus().completionInstant())).isLessThan(Duration.ofSeconds(10));
    // The PipelineRun ends as soon as it has cancelled its runs (as Tekton's does); the middle task
    // ends once the PipelineRun it created has stopped.
    CustomRun middle = RunAwaits.awaitObject(target.client(), CustomRun.class, target.namespace(),
        "subpipeline-cancel-middle", CustomRun::isDone);
    assertThat(middle.getStatus().reason()).contains("Cancelled");
    assertThat(middle.getStatus().completionInstant())
        .isAfterOrEqualTo(runs.pipelineRun("subpipeline-cancel-middle").getStatus().completionInstant());
  }
}
