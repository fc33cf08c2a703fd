package dev.customtasks.e2e.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.CustomRunBuilder;
import dev.customtasks.e2e.bench.BenchObjects;
import dev.customtasks.e2e.bench.BenchReport;
import dev.customtasks.e2e.bench.CustomRunWatch;
import dev.customtasks.e2e.bench.Percentiles;
import dev.customtasks.e2e.bench.PingPongFloor;
import dev.customtasks.e2e.bench.ScenarioTargets;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.suite.Stack;
import dev.customtasks.matrix.MatrixTask;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark: a Matrix of {@value #COMBINATIONS} Waits of 0 s (Tekton's default limit). The clock
 * runs from just before the Matrix CustomRun is created to the benchmark's watch seeing the last
 * child ADDED, and to it seeing the Matrix {@code Succeeded=True}; without a limit and with
 * {@code maxParallel: 16}. Right after, on the same server with the same objects stored, the API
 * floor: one client creating {@value #COMBINATIONS} CustomRuns one after another (what the
 * controller does in one reconcile), and a write seen by a watch and answered by a write (the
 * hop every freed slot costs). Tagged {@code bench}: only {@code -Pbench} runs it; the table goes
 * to stdout and {@code target/bench/matrix/}.
 */
@E2ETest
@Tag("bench")
class MatrixFanOutBenchIT {

  static final int COMBINATIONS = 256;
  private static BenchReport report;

  @BeforeAll
  static void openReport(ClusterTarget target) {
    report = new BenchReport(target.name(), ScenarioTargets.isolation(target));
  }

  @AfterAll
  static void publishReport() {
    report.publish(Path.of(System.getProperty("basedir", "."), "target", "bench", "matrix"));
  }

  @Test
  void aMatrixOf256WaitsAgainstTheApiFloor(ClusterTarget shared) {
    for (Integer maxParallel : java.util.Arrays.asList(null, 16)) {
      String label = maxParallel == null ? "no maxParallel" : "maxParallel " + maxParallel;
      try (ClusterTarget target = ScenarioTargets.forScenario(shared);
          KubernetesClient observer = target.newClient();
          CustomRunWatch watch = CustomRunWatch.open(observer, target.namespace(), false);
          ControllerHarness controllers = Stack.on(target).start();
          PingPongFloor floor = new PingPongFloor(target.client(), observer, target.newClient(),
              target.namespace())) {
        String name = maxParallel == null ? "fan-out" : "fan-out-" + maxParallel;
        CustomRun matrix = matrixOfWaits(target.namespace(), name, maxParallel);

        long start = System.nanoTime();
        target.client().resource(matrix).create();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
            .until(() -> watch.sighting(name).map(CustomRunWatch.Sighting::isFinished).orElse(false));

        CustomRunWatch.Sighting done = watch.sighting(name).orElseThrow();
        assertThat(done.succeededNanos()).as("the matrix succeeded").isNotEqualTo(CustomRunWatch.UNSEEN);
        List<Long> added = IntStream.range(0, COMBINATIONS)
            .mapToObj(i -> watch.sighting(name + "-" + i).map(CustomRunWatch.Sighting::addedNanos).orElseThrow())
            .toList();
        double firstChildMs = (Collections.min(added) - start) / 1e6;
        double allCreatedMs = (Collections.max(added) - start) / 1e6;
        double finishedMs = (done.succeededNanos() - start) / 1e6;

        long floorStart = System.nanoTime();
        for (int i = 0; i < COMBINATIONS; i++) {
          target.client().resource(floorRun(target.namespace(), "floor-" + name + "-" + i)).create();
        }
        double createFloorMs = (System.nanoTime() - floorStart) / 1e6;
        floor.oneAtATime("warm-up-" + name, 20);
        Percentiles hop = floor.oneAtATime("hop-" + name, 100);

        report.add("Matrix of 256 Waits of 0 s, " + label + ": create to first child ADDED",
            String.format(Locale.ROOT, "%.0f ms", firstChildMs));
        report.add("... to all 256 children ADDED", String.format(Locale.ROOT,
            "%.0f ms (floor: 256 CustomRuns created one after another by one client: %.0f ms, %.1fx)",
            allCreatedMs, createFloorMs, allCreatedMs / createFloorMs));
        report.add("... to the Matrix Succeeded", String.format(Locale.ROOT, "%.0f ms (%.1f ms per child)",
            finishedMs, finishedMs / COMBINATIONS));
        report.add("API floor after it (" + label + "): a write seen by a watch, answered by a write",
            hop.describe());
      }
    }
  }

  private static CustomRun matrixOfWaits(String namespace, String name, Integer maxParallel) {
    String spec = """
        taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
        matrix:
          params: [{name: duration, value: %s}]
        """.formatted(Collections.nCopies(COMBINATIONS, "0s"))
        + (maxParallel == null ? "" : "maxParallel: " + maxParallel + "\n");
    @SuppressWarnings("unchecked")
    Map<String, Object> map = Serialization.unmarshal(spec, Map.class);
    return CustomRunBuilder.customRun(name).inNamespace(namespace).embedded(MatrixTask.KIND, map)
        .label(BenchObjects.LABEL_KEY, "true").build();
  }

  /** A CustomRun of a kind no controller answers: what the API server costs, alone. */
  private static CustomRun floorRun(String namespace, String name) {
    return CustomRunBuilder.customRun(name).inNamespace(namespace)
        .ref(new dev.customtasks.crds.api.TaskKind("floor.customtasks.dev/v1alpha1", "Floor"))
        .param("duration", "0s").label(BenchObjects.LABEL_KEY, "true").build();
  }
}
