package dev.customtasks.e2e.bench;

import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.suite.Stack;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 5: controller start-up to first reconcile. One pending Wait CustomRun is stored before the
 * stack starts; the time runs from {@code start()} to the benchmark's watch seeing the run's
 * {@code startTime} written. The first start in the JVM pays for class loading, as a fresh process
 * would; the later ones show the warm cost.
 */
public final class StartUpBench {

  static final int STARTS = 5;
  private static final String RUN = "startup-pending";

  private final ClusterTarget shared;
  private final BenchReport report;

  public StartUpBench(ClusterTarget shared, BenchReport report) {
    this.shared = shared;
    this.report = report;
  }

  public void run() {
    List<Double> toFirstReconcile = new ArrayList<>();
    List<Double> startCall = new ArrayList<>();
    for (int i = 0; i < STARTS; i++) {
      Start start = startOnce();
      startCall.add(start.startCallMs());
      toFirstReconcile.add(start.firstReconcileMs());
    }
    List<Double> warm = toFirstReconcile.subList(1, STARTS);
    report.add("Start-up to first reconcile, first start in the JVM",
        Percentiles.ms(toFirstReconcile.get(0)) + " ms (start() returned after " + Percentiles.ms(startCall.get(0))
            + " ms)");
    report.add("Start-up to first reconcile, warm (" + warm.size() + " more starts)",
        "median " + Percentiles.ms(Percentiles.of(warm).p50()) + " ms, max " + Percentiles.ms(Percentiles.of(warm).max())
            + " ms (start() median " + Percentiles.ms(Percentiles.of(startCall.subList(1, STARTS)).p50()) + " ms)");
  }

  /** How long {@code start()} itself took, and how long from calling it to the run's startTime seen. */
  private record Start(double startCallMs, double firstReconcileMs) {
  }

  /** One start of the stack on a target holding one pending run. */
  private Start startOnce() {
    try (ClusterTarget target = ScenarioTargets.forScenario(shared);
        KubernetesClient observer = target.newClient();
        CustomRunWatch watch = CustomRunWatch.open(observer, target.namespace(), false)) {
      Stack stack = Stack.on(target);
      target.client().resource(BenchObjects.waitRun(target.namespace(), RUN, "1h")).create();
      await().atMost(Duration.ofSeconds(30)).until(() -> watch.sighting(RUN).map(s -> s.addedNanos() != CustomRunWatch.UNSEEN).orElse(false));
      long before = System.nanoTime();
      try (ControllerHarness controllers = stack.start()) {
        long returned = System.nanoTime();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10)).until(() -> watch.startedCount() == 1);
        long started = watch.sighting(RUN).orElseThrow().startedNanos();
        return new Start((returned - before) / 1e6, (started - before) / 1e6);
      }
    }
  }
}
