package dev.customtasks.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.suite.Stack;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Locale;

/**
 * Figure 4: CustomRuns driven to completion per second. {@value #RUNS} Wait CustomRuns of 0 s are
 * created at once; the clock runs from the first create to the benchmark's watch seeing the last
 * one succeed. Each run costs the API server a create, one status write and two Events.
 */
public final class ThroughputBench {

  static final int RUNS = 2_000;

  private final ClusterTarget shared;
  private final BenchReport report;

  public ThroughputBench(ClusterTarget shared, BenchReport report) {
    this.shared = shared;
    this.report = report;
  }

  public void run() {
    try (ClusterTarget target = ScenarioTargets.forScenario(shared);
        KubernetesClient observer = target.newClient();
        CustomRunWatch watch = CustomRunWatch.open(observer, target.namespace(), false);
        ControllerHarness controllers = Stack.on(target).start()) {
      var runs = BenchObjects.waitRuns(target.namespace(), "throughput", RUNS, "0s");
      long start = System.nanoTime();
      Duration creation = ParallelCreator.createAll(target.client(), runs);
      await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(200))
          .until(() -> watch.finishedCount() == RUNS);

      assertThat(watch.sightings()).as("every run seen to succeed").allMatch(s -> s.succeededNanos() != CustomRunWatch.UNSEEN);
      long lastDone = watch.sightings().stream().mapToLong(CustomRunWatch.Sighting::succeededNanos).max()
          .orElseThrow();
      double seconds = (lastDone - start) / 1e9;
      report.add("CustomRuns driven to completion, 2,000 Waits of 0 s created at once",
          String.format(Locale.ROOT, "%.0f runs/s (all done %.1f s after the first create; creating took %.1f s)",
              RUNS / seconds, seconds, creation.toNanos() / 1e9));
    }
  }
}
