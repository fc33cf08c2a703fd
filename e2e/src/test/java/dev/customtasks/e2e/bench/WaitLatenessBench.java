package dev.customtasks.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.suite.Stack;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Figure 1: how late a Wait fires when {@value #RUNS} waits of 2 s are created at once. Lateness is
 * {@code firedAt - (startedAt + 2 s)} from each run's own results (millisecond timestamps written by
 * the controller), so it holds the wake-up's and the reconcile queue's delay, not the API server's.
 */
public final class WaitLatenessBench {

  static final int RUNS = 1_000;
  static final Duration WAIT = Duration.ofSeconds(2);
  static final double TARGET_P99_MS = 50;

  private final ClusterTarget shared;
  private final BenchReport report;

  public WaitLatenessBench(ClusterTarget shared, BenchReport report) {
    this.shared = shared;
    this.report = report;
  }

  public void run() {
    try (ClusterTarget target = ScenarioTargets.forScenario(shared);
        KubernetesClient observer = target.newClient();
        CustomRunWatch watch = CustomRunWatch.open(observer, target.namespace(), true);
        ControllerHarness controllers = new ControllerHarness(target::newClient, Stack.on(target).registrations(),
            PipelineHopBench::reconcileThreads).start()) {
      List<CustomRun> runs = BenchObjects.waitRuns(target.namespace(), "lateness", RUNS, "2s");
      CpuUse cpu = CpuUse.from(target);
      Duration creation = ParallelCreator.createAll(target.client(), runs);
      CpuUse.Spent whileCreating = cpu.spent();
      await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
          .until(() -> watch.finishedCount() == RUNS);

      List<CustomRun> done = watch.sightings().stream().map(s -> s.done().orElseThrow()).toList();
      assertThat(done).as("every wait succeeded").allMatch(r -> r.getStatus().isSuccessful());
      List<Double> lateness = done.stream().map(WaitLatenessBench::latenessMs).toList();
      Percentiles late = Percentiles.of(lateness);
      long early = lateness.stream().filter(ms -> ms < 0).count();

      report.add("Wait lateness, 1,000 waits of 2 s created at once", late.describe(),
          "p99 < 50 ms", BenchReport.Verdict.of(late.p99() < TARGET_P99_MS));
      Instant lastStart = done.stream().map(WaitLatenessBench::startedAt).max(Instant::compareTo).orElseThrow();
      List<Double> afterAllStarted = done.stream().filter(r -> startedAt(r).plus(WAIT).isAfter(lastStart))
          .map(WaitLatenessBench::latenessMs).toList();
      if (!afterAllStarted.isEmpty()) {
        report.add("... of which were due after the last of them had started (no starts left queued)",
            Percentiles.of(afterAllStarted).describe());
      }
      report.add("Waits fired early (of 1,000)", Long.toString(early), "0", BenchReport.Verdict.of(early == 0));
      report.add("Creating those 1,000 Wait CustomRuns (controllers running)", String.format(Locale.ROOT,
          "%.1f s (%.0f/s from %d threads); their startedAt spread over %.1f s", creation.toNanos() / 1e9,
          RUNS / (creation.toNanos() / 1e9), ParallelCreator.THREADS, startSpreadSeconds(done)));
      int cores = Runtime.getRuntime().availableProcessors();
      double creatingSeconds = creation.toNanos() / 1e9;
      report.add("CPU while creating them (this JVM" + (whileCreating.serverNanos().isPresent() ? " and the API server's"
              + " process" : "") + ")", String.format(Locale.ROOT,
          "%.1f of %.1f CPU-seconds (%d cores x %.1f s): %.0f%% busy",
          whileCreating.totalNanos() / 1e9, creatingSeconds * cores, cores, creatingSeconds,
          100 * whileCreating.busy(creatingSeconds, cores)));
      assertThat(early).as("waits that fired before startedAt + 2 s").isZero();
    }
  }

  /** From the first run's start to the last one's: how long "at once" really took to get going. */
  private static double startSpreadSeconds(List<CustomRun> runs) {
    List<Instant> starts = runs.stream().map(WaitLatenessBench::startedAt).sorted().toList();
    return Duration.between(starts.get(0), starts.get(starts.size() - 1)).toMillis() / 1e3;
  }

  private static double latenessMs(CustomRun run) {
    Instant firedAt = Timestamps.parse(result(run, "firedAt"));
    return Duration.between(startedAt(run).plus(WAIT), firedAt).toNanos() / 1e6;
  }

  private static Instant startedAt(CustomRun run) {
    return Timestamps.parse(result(run, "startedAt"));
  }

  private static String result(CustomRun run, String name) {
    return run.getStatus().result(name).orElseThrow(() -> new AssertionError(
        run.getMetadata().getName() + " has no result " + name)).getValue().asString();
  }
}
