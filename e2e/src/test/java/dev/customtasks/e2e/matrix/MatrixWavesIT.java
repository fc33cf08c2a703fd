package dev.customtasks.e2e.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.controller.Children;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.suite.RandomRestarts;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A Matrix in a pipeline, with Waits as its children: the children's own timestamps show the
 * waves {@code maxParallel} makes. Order and overlap are asserted, never speed.
 */
@E2ETest
class MatrixWavesIT {

  private static final String PIPELINE = """
      metadata: {name: %1$s}
      spec:
        pipelineSpec:
          tasks:
          - name: waves
            taskSpec:
              apiVersion: customtasks.dev/v1alpha1
              kind: Matrix
              spec:
                taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
                matrix:
                  params: [{name: duration, value: %2$s}]
                maxParallel: 2
          - name: after
            runAfter: [waves]
            params: [{name: count, value: $(tasks.waves.results.combinations)}]
            taskSpec:
              params: [{name: count}]
              steps: [{name: run, image: busybox, script: 'echo $(params.count)'}]
      """;

  @Test
  void sixWaitsWithMaxParallelTwoRunInThreeWaves(ClusterTarget target) {
    Runs runs = new Runs(target);
    try (ControllerHarness controllers = Stack.on(target).start()) {
      runs.start(PIPELINE.formatted("waves", "[2s, 2s, 2s, 2s, 2s, 2s]"));

      PipelineRun done = runs.awaitDone("waves", Duration.ofMinutes(2));

      assertThat(done.getStatus().isSuccessful()).as("%s", done.getStatus().succeededCondition()).isTrue();
      CustomRun matrix = runs.customRun("waves-waves");
      assertThat(matrix.getStatus().result("combinations").orElseThrow().getValue()).isEqualTo(ParamValue.of("6"));
      List<CustomRun> waits = children(target, matrix);
      assertThat(waits).extracting(w -> w.getMetadata().getName())
          .containsExactly("waves-waves-0", "waves-waves-1", "waves-waves-2", "waves-waves-3", "waves-waves-4",
              "waves-waves-5");
      assertWaves(waits, 2, Duration.ofSeconds(2));
      assertThat(Runs.started(runs.child("waves", "after"))).isAfterOrEqualTo(matrix.getStatus().completionInstant());
    }
  }

  /** The faults line: controllers restarted at random moments mid-fan-out create no child twice. */
  @Test
  void restartsDuringTheFanOutKeepMaxParallelAndCreateEachChildOnce(ClusterTarget target) {
    Runs runs = new Runs(target);
    Random random = new Random(7);
    int restarts;
    try (ControllerHarness controllers = Stack.on(target).start()) {
      runs.start(PIPELINE.formatted("waves-restarts", "[1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s]"));
      try (RandomRestarts chaos = RandomRestarts.start(controllers, random, 300, 700)) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
          PipelineRun run = runs.pipelineRun("waves-restarts");
          return run != null && run.isDone();
        });
        restarts = chaos.count();
      }
    }
    assertThat(restarts).as("restarts during the run").isGreaterThanOrEqualTo(2);
    PipelineRun done = runs.awaitDone("waves-restarts");
    assertThat(done.getStatus().isSuccessful()).as("%s", done.getStatus().succeededCondition()).isTrue();
    List<CustomRun> waits = children(target, runs.customRun("waves-restarts-waves"));
    assertThat(waits).hasSize(8).allMatch(w -> w.getStatus().isSuccessful());
    assertWaves(waits, 2, Duration.ofSeconds(1));
  }

  /**
   * Never more than {@code max} children between start and completion at once, exactly
   * {@code max} at some moment; each child from the {@code max}-th on starts no earlier than an
   * earlier one's slot freed (the (k-max+1)-th completion); each lasts at least its duration,
   * so the whole takes at least {@code ceil(n/max)} durations.
   */
  private static void assertWaves(List<CustomRun> waits, int max, Duration each) {
    List<Instant> completions = waits.stream().map(w -> w.getStatus().completionInstant()).sorted().toList();
    for (int k = max; k < waits.size(); k++) {
      assertThat(waits.get(k).getStatus().startInstant()).as("child %d starts after a slot freed", k)
          .isAfterOrEqualTo(completions.get(k - max));
    }
    assertThat(maxOverlap(waits)).as("children running at once").isEqualTo(max);
    Instant first = waits.stream().map(w -> w.getStatus().startInstant()).min(Comparator.naturalOrder()).orElseThrow();
    int waves = (waits.size() + max - 1) / max;
    assertThat(Duration.between(first, completions.get(completions.size() - 1)))
        .isGreaterThanOrEqualTo(each.multipliedBy(waves));
  }

  private static int maxOverlap(List<CustomRun> waits) {
    List<long[]> events = new ArrayList<>();
    for (CustomRun w : waits) {
      events.add(new long[] {w.getStatus().startInstant().toEpochMilli(), 1});
      // A completion at the same instant as another start frees its slot first.
      events.add(new long[] {w.getStatus().completionInstant().toEpochMilli(), -1});
    }
    events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
    int now = 0;
    int most = 0;
    for (long[] e : events) {
      now += (int) e[1];
      most = Math.max(most, now);
    }
    return most;
  }

  private static List<CustomRun> children(ClusterTarget target, CustomRun matrix) {
    return target.client().resources(CustomRun.class).inNamespace(target.namespace())
        .withLabel(Children.PARENT_UID_LABEL, matrix.getMetadata().getUid()).list().getItems().stream()
        .sorted(Comparator.comparingInt(w -> Integer.parseInt(w.getMetadata().getLabels()
            .get("customtasks.dev/matrix-index"))))
        .toList();
  }
}
