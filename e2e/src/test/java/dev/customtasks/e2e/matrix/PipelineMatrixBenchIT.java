package dev.customtasks.e2e.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.CustomRunBuilder;
import dev.customtasks.e2e.bench.BenchObjects;
import dev.customtasks.e2e.bench.BenchReport;
import dev.customtasks.e2e.bench.CustomRunWatch;
import dev.customtasks.e2e.bench.ScenarioTargets;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark: a PipelineRun whose one task has Tekton's native {@code matrix} of
 * {@value #COMBINATIONS} Waits of 0 s (Tekton's default limit). The clock runs from just before the
 * PipelineRun is created to the benchmark's watch seeing the first and the last child CustomRun
 * ADDED, and to the PipelineRun seen done (polled every 50 ms). Right after, on the same server with
 * the same objects stored, the API floor: one client creating {@value #COMBINATIONS} CustomRuns one
 * after another, which is what the PipelineRun controller does in the reconcile that fans the task
 * out. Tagged {@code bench}: only {@code -Pbench} runs it; the table goes to stdout and
 * {@code target/bench/pipeline-matrix/}.
 */
@E2ETest
@Tag("bench")
class PipelineMatrixBenchIT {

  static final int COMBINATIONS = 256;
  private static BenchReport report;

  @BeforeAll
  static void openReport(ClusterTarget target) {
    report = new BenchReport(target.name(), ScenarioTargets.isolation(target));
  }

  @AfterAll
  static void publishReport() {
    report.publish(Path.of(System.getProperty("basedir", "."), "target", "bench", "pipeline-matrix"));
  }

  @Test
  void aPipelineTaskMatrixedTo256WaitsAgainstTheApiFloor(ClusterTarget shared) {
    try (ClusterTarget target = ScenarioTargets.forScenario(shared);
        KubernetesClient observer = target.newClient();
        CustomRunWatch watch = CustomRunWatch.open(observer, target.namespace(), false);
        ControllerHarness controllers = Stack.on(target).start()) {
      Runs runs = new Runs(target);
      String name = "native-fan-out";

      long start = System.nanoTime();
      runs.start("""
          metadata: {name: %s, labels: {%s: "true"}}
          spec:
            pipelineSpec:
              tasks:
              - name: fan
                taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
                matrix:
                  params: [{name: duration, value: %s}]
          """.formatted(name, BenchObjects.LABEL_KEY, Collections.nCopies(COMBINATIONS, "0s")));
      await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
          .until(() -> runs.pipelineRun(name).isDone());
      long doneNanos = System.nanoTime();

      PipelineRun done = runs.pipelineRun(name);
      assertThat(done.getStatus().isSuccessful()).as("the PipelineRun succeeded").isTrue();
      assertThat(done.getStatus().getChildReferences()).hasSize(COMBINATIONS);
      List<Long> added = IntStream.range(0, COMBINATIONS)
          .mapToObj(i -> watch.sighting(name + "-fan-" + i).map(CustomRunWatch.Sighting::addedNanos).orElseThrow())
          .toList();
      double firstChildMs = (Collections.min(added) - start) / 1e6;
      double allCreatedMs = (Collections.max(added) - start) / 1e6;
      double finishedMs = (doneNanos - start) / 1e6;

      long floorStart = System.nanoTime();
      for (int i = 0; i < COMBINATIONS; i++) {
        target.client().resource(floorRun(target.namespace(), "floor-" + name + "-" + i)).create();
      }
      double createFloorMs = (System.nanoTime() - floorStart) / 1e6;

      report.add("PipelineRun, one task matrixed to 256 Waits of 0 s: create to first child ADDED",
          String.format(Locale.ROOT, "%.0f ms", firstChildMs));
      report.add("... to all 256 children ADDED", String.format(Locale.ROOT,
          "%.0f ms (floor: 256 CustomRuns created one after another by one client: %.0f ms, %.1fx)",
          allCreatedMs, createFloorMs, allCreatedMs / createFloorMs));
      report.add("... to the PipelineRun seen done (polled every 50 ms)", String.format(Locale.ROOT,
          "%.0f ms (%.1f ms per child)", finishedMs, finishedMs / COMBINATIONS));
    }
  }

  /** A CustomRun of a kind no controller answers: what the API server costs, alone. */
  private static CustomRun floorRun(String namespace, String name) {
    return CustomRunBuilder.customRun(name).inNamespace(namespace)
        .ref(new dev.customtasks.crds.api.TaskKind("floor.customtasks.dev/v1alpha1", "Floor"))
        .param("duration", "0s").label(BenchObjects.LABEL_KEY, "true").build();
  }
}
