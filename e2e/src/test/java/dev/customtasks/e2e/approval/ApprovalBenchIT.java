package dev.customtasks.e2e.approval;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.awaitility.Awaitility.await;

import dev.customtasks.approval.ApprovalModule;
import dev.customtasks.approval.ApprovalTask;
import dev.customtasks.approval.api.ApprovalDecision;
import dev.customtasks.approval.api.ApprovalDecisionSpec;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.bench.BenchReport;
import dev.customtasks.e2e.bench.CustomRunWatch;
import dev.customtasks.e2e.bench.HeapGauge;
import dev.customtasks.e2e.bench.ParallelCreator;
import dev.customtasks.e2e.bench.Percentiles;
import dev.customtasks.e2e.bench.PingPongFloor;
import dev.customtasks.e2e.bench.ScenarioTargets;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.Controllers;
import dev.customtasks.e2e.cluster.E2ETest;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@value #PENDING} pending approvals held by one Approval controller: its heap (running minus
 * stopped, same objects stored), and decision-created to run-finished latency, one decision at a
 * time, beside the API server's own create-to-watch floor. Measures and reports
 * ({@code target/bench/approval}); fails only if a run never finishes. Only {@code -Pbench} runs it.
 */
@E2ETest
@Tag("bench")
class ApprovalBenchIT {

  static final int PENDING = 1_000;
  static final int SAMPLES = 100;

  @Test
  void aThousandPendingApprovals(ClusterTarget shared) {
    BenchReport report = new BenchReport(shared.name(), ScenarioTargets.isolation(shared));
    HeapGauge heap = new HeapGauge();
    try (ClusterTarget target = ScenarioTargets.forScenario(shared);
        KubernetesClient observer = target.newClient()) {
      target.installCrds(ApprovalModule.CRDS);
      ParallelCreator.createAll(target.client(), runs(target.namespace()));
      double stored = heap.settledUsedMiB();
      try (CustomRunWatch watch = CustomRunWatch.open(observer, target.namespace(), false)) {
        ControllerHarness controller = Controllers.startTasks(target, new ApprovalTask());
        double running;
        Percentiles latency;
        try {
          await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
              .until(() -> watch.startedCount() == PENDING);
          running = heap.settledUsedMiB();
          latency = decideOneAtATime(target, watch);
        } finally {
          controller.close();
        }
        double stopped = heap.settledUsedMiB();
        report.add("Heap of the Approval controller with 1,000 pending approvals (running - stopped)",
            String.format(Locale.ROOT, "%.0f MiB", running - stopped));
        report.add("Used heap after GC: stored / running / stopped", String.format(Locale.ROOT,
            "%.0f / %.0f / %.0f MiB", stored, running, stopped));
        report.add("Decision created to CustomRun finished, one at a time (" + SAMPLES + ")", latency.describe());
      }
      try (PingPongFloor floor = new PingPongFloor(target.client(), observer, target.newClient(),
          target.namespace())) {
        report.add("API floor: create to watched reply, one at a time", floor.oneAtATime("approval-floor", SAMPLES)
            .describe());
      }
    }
    report.publish(Path.of(System.getProperty("basedir", "."), "target", "bench", "approval"));
  }

  private static Percentiles decideOneAtATime(ClusterTarget target, CustomRunWatch watch) {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      String name = name(i);
      ApprovalDecision decision = new ApprovalDecision();
      decision.setMetadata(new ObjectMetaBuilder().withName(name + "-alice").withNamespace(target.namespace())
          .build());
      decision.setSpec(new ApprovalDecisionSpec(name, "approve", "", "alice", List.of()));
      long start = System.nanoTime();
      target.client().resource(decision).create();
      await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(2))
          .until(() -> watch.sighting(name).map(CustomRunWatch.Sighting::isFinished).orElse(false));
      long end = watch.sighting(name).orElseThrow().succeededNanos();
      millis.add((end - start) / 1e6);
    }
    return Percentiles.of(millis);
  }

  private static String name(int i) {
    return "approval-bench-" + i;
  }

  private static List<CustomRun> runs(String namespace) {
    return IntStream.range(0, PENDING).mapToObj(i -> customRun(name(i)).inNamespace(namespace).ref(ApprovalTask.KIND)
        .param("approvers", List.of("alice", "bob")).param("timeout", "2h").build()).toList();
  }
}
