package dev.customtasks.e2e.bench;

import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.controller.WatchedNamespaces;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.Controllers;
import dev.customtasks.e2e.cluster.EmbeddedTarget;
import dev.customtasks.e2e.suite.Stack;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.wait.WaitTask;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Heap of the PipelineRun controller with {@value #RUNS} PipelineRuns in flight, each of
 * {@value #TASKS} Waits of 1 h that all start at once, so that every run holds its
 * {@value #TASKS} children in flight too ({@value #RUNS} x {@value #TASKS} CustomRuns, started
 * by the Wait controller). The PipelineRun controller runs in an operator of its own, as its own
 * process would; the Wait controller runs throughout in another. Used heap after GC is read with
 * the PipelineRun controller running (every child created, every status written) and stopped
 * again, the same objects stored: the difference is its share (its informers' caches of
 * PipelineRuns, CustomRuns and TaskRuns, JOSDK's per-run state, its wake-ups).
 */
public final class PipelineRunHeapBench {

  static final int RUNS = 1_000;
  static final int TASKS = 10;

  private final ClusterTarget shared;
  private final BenchReport report;
  private final HeapGauge heap = new HeapGauge();

  public PipelineRunHeapBench(ClusterTarget shared, BenchReport report) {
    this.shared = shared;
    this.report = report;
  }

  public void run() {
    try (ClusterTarget target = ScenarioTargets.forScenario(shared);
        KubernetesClient observer = target.newClient();
        ControllerHarness waits = startWaits(target)) {
      ControllerHarness pipelineRuns = new ControllerHarness(target::newClient, op -> new PipelineRunReconciler(
          Clock.systemUTC()).registerWith(op, WatchedNamespaces.parse(target.namespace()))).start();
      double running;
      double seconds;
      try {
        seconds = createAndAwaitChildrenStarted(target, observer);
        running = heap.settledUsedMiB();
      } finally {
        pipelineRuns.close();
      }
      double stopped = heap.settledUsedMiB();
      double share = running - stopped;
      report.add("Heap of the PipelineRun controller with " + String.format(Locale.ROOT, "%,d", RUNS)
          + " PipelineRuns of " + TASKS + " Waits in flight, all children started (running - stopped, same objects"
          + " stored)", String.format(Locale.ROOT, "%.0f MiB (%.0f KiB per PipelineRun with its %d CustomRuns);"
          + " used heap after GC running / stopped: %.0f / %.0f MiB", share, share * 1024 / RUNS, TASKS, running,
          stopped));
      report.add("Creating " + String.format(Locale.ROOT, "%,d", RUNS) + " PipelineRuns of " + TASKS
          + " Waits; until all " + String.format(Locale.ROOT, "%,d", RUNS * TASKS) + " children started",
          String.format(Locale.ROOT, "%.1f s (%.0f CustomRuns created and started per second)", seconds,
              RUNS * TASKS / seconds));
    }
  }

  private static ControllerHarness startWaits(ClusterTarget target) {
    target.installCrds(List.of(Stack.WAIT_CRD));
    return Controllers.startTasks(target, new WaitTask());
  }

  /** Creates the runs and waits (the watch closed again, so its memory is not counted) until every child started. */
  private static double createAndAwaitChildrenStarted(ClusterTarget target, KubernetesClient observer) {
    try (CustomRunWatch watch = CustomRunWatch.open(observer, target.namespace(), false)) {
      long start = System.nanoTime();
      ParallelCreator.createAll(target.client(), IntStream.range(0, RUNS)
          .mapToObj(i -> BenchObjects.fanOfWaits(target.namespace(), "heap-pr-" + i, TASKS, "1h")).toList());
      await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1))
          .until(() -> watch.startedCount() == RUNS * TASKS);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (target instanceof EmbeddedTarget embedded) {
        awaitQuiet(embedded);
      }
      return seconds;
    }
  }

  /** Until no request reached the server for two seconds: the last status writes and Events are done. */
  private static void awaitQuiet(EmbeddedTarget target) {
    AtomicLong seen = new AtomicLong(-1);
    AtomicLong since = new AtomicLong(System.nanoTime());
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
      long now = target.server().requests().total();
      if (now != seen.getAndSet(now)) {
        since.set(System.nanoTime());
      }
      return System.nanoTime() - since.get() >= Duration.ofSeconds(2).toNanos();
    });
  }
}
