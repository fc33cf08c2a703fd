package dev.customtasks.e2e.bench;

import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The benchmarks: they measure and report, and fail only on wrong behaviour (a wait fired early,
 * a run that never finished), never on a slow machine. Tagged {@code bench}, so only
 * {@code -Pbench} runs them; the table goes to stdout (Surefire's {@code *-output.txt}) and to
 * {@code target/bench/results.md} and {@code results.json}. Start-up runs first, so that its
 * first start pays the class loading a fresh process would.
 */
@E2ETest
@Tag("bench")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControllerBenchmarksIT {

  private static BenchReport report;
  /**
   * The embedded server's mock logs every request it serves, synchronously, on the thread that
   * serves it; {@code ctk} silences it, and so do the benchmarks, which would measure the console.
   */
  private static final Logger MOCK_WEB_SERVER = Logger.getLogger("io.fabric8.mockwebserver");

  @BeforeAll
  static void openReport(ClusterTarget target) {
    MOCK_WEB_SERVER.setLevel(Level.WARNING);
    report = new BenchReport(target.name(), ScenarioTargets.isolation(target));
  }

  @AfterAll
  static void publishReport() {
    report.publish(Path.of(System.getProperty("basedir", "."), "target", "bench"));
  }

  @Test
  @Order(1)
  void controllerStartUpToFirstReconcile(ClusterTarget target) {
    new StartUpBench(target, report).run();
  }

  @Test
  @Order(2)
  void waitLatenessWithAThousandWaitsAtOnce(ClusterTarget target) {
    new WaitLatenessBench(target, report).run();
  }

  @Test
  @Order(3)
  void customRunsCompletedPerSecond(ClusterTarget target) {
    new ThroughputBench(target, report).run();
  }

  @Test
  @Order(4)
  void pipelineRunHopAgainstTheApiFloor(ClusterTarget target) {
    new PipelineHopBench(target, report).run();
  }

  @Test
  @Order(5)
  void heapWithTenThousandWaitsInFlight(ClusterTarget target) {
    new HeapInFlightBench(target, report).run();
  }

  @Test
  @Order(6)
  void apiRequestsPerRunByController(ClusterTarget target) {
    new ApiCallsBench(target, report).run();
    new TaskApiCallsBench(target, report).run();
  }

  @Test
  @Order(7)
  void heapWithAThousandPipelineRunsInFlight(ClusterTarget target) {
    new PipelineRunHeapBench(target, report).run();
  }
}
