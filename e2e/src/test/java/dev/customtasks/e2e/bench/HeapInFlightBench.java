package dev.customtasks.e2e.bench;

import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.Controllers;
import dev.customtasks.e2e.suite.Stack;
import dev.customtasks.wait.WaitTask;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Figure 2: heap with {@value #RUNS} Waits of 1 h in flight, held by the Wait controller alone
 * (as its own process would run). Used heap after GC is read four times: empty server; the runs
 * stored, controller not started; controller running with every run started; controller stopped
 * again. The embedded API server lives in this JVM too, so the controller's share is
 * running minus stopped-again (same objects stored), and the server's is stopped-again minus empty.
 */
public final class HeapInFlightBench {

  static final int RUNS = 10_000;
  static final double TARGET_MIB = 256;

  private final ClusterTarget shared;
  private final BenchReport report;
  private final HeapGauge heap = new HeapGauge();

  public HeapInFlightBench(ClusterTarget shared, BenchReport report) {
    this.shared = shared;
    this.report = report;
  }

  public void run() {
    try (ClusterTarget target = ScenarioTargets.forScenario(shared);
        KubernetesClient observer = target.newClient()) {
      target.installCrds(List.of(Stack.WAIT_CRD));
      double empty = heap.settledUsedMiB();
      Duration creation = createRuns(target);
      double stored = heap.settledUsedMiB();

      Started started = startController(target, observer);
      double running;
      try {
        running = heap.settledUsedMiB();
      } finally {
        started.controller().close();
      }
      double stoppedAgain = heap.settledUsedMiB();

      double controllerShare = running - stoppedAgain;
      report.add("Heap of the Wait controller with 10,000 Waits in flight (running - stopped, same objects stored)",
          mib(controllerShare), "< 256 MiB", BenchReport.Verdict.of(controllerShare < TARGET_MIB));
      if (ScenarioTargets.isEmbedded(target)) {
        report.add("Heap of the embedded API server holding them (stopped - empty server)",
            mib(stoppedAgain - empty) + " (10,000 runs with status + 10,000 Events; before the controller: "
                + mib(stored - empty) + ")");
      }
      report.add("Used heap after GC: empty / stored / running / stopped", String.format(Locale.ROOT,
          "%.0f / %.0f / %.0f / %.0f MiB", empty, stored, running, stoppedAgain));
      report.add("Creating 10,000 Wait CustomRuns; then controller start to all started", String.format(Locale.ROOT,
          "%.1f s (%.0f/s); %.1f s (%.0f runs/s)", creation.toNanos() / 1e9, RUNS / (creation.toNanos() / 1e9),
          started.seconds(), RUNS / started.seconds()));
    }
  }

  /** The running controller, and how long from its start until the watch saw every run started. */
  private record Started(ControllerHarness controller, double seconds) {
  }

  /** Starts the controller under the benchmark's watch (closed again, so its memory is not counted). */
  private static Started startController(ClusterTarget target, KubernetesClient observer) {
    try (CustomRunWatch watch = CustomRunWatch.open(observer, target.namespace(), false)) {
      long start = System.nanoTime();
      ControllerHarness controller = Controllers.startTasks(target, new WaitTask());
      try {
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1))
            .until(() -> watch.startedCount() == RUNS);
      } catch (RuntimeException e) {
        controller.close();
        throw e;
      }
      return new Started(controller, (System.nanoTime() - start) / 1e9);
    }
  }

  /** In its own method, so that the 10,000 objects sent are garbage by the next heap reading. */
  private static Duration createRuns(ClusterTarget target) {
    return ParallelCreator.createAll(target.client(), BenchObjects.waitRuns(target.namespace(), "heap", RUNS, "1h"));
  }

  private static String mib(double mib) {
    return String.format(Locale.ROOT, "%.0f MiB", mib);
  }
}
