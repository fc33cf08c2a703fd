package dev.customtasks.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.wait.WaitTask;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Figure 3: the PipelineRun controller's hop, from a CustomRun's {@code Succeeded=True} to the
 * next task's CustomRun being created, in PipelineRuns of {@value #TASKS} chained Waits of 0 s:
 * {@value #ONE_AT_A_TIME} PipelineRuns one after another (after {@value #WARM_UP} not counted),
 * then {@value #AT_ONCE} at once. Both ends are receive times on the benchmark's one CustomRun
 * watch (MODIFIED to Succeeded=True; ADDED of the next), paired by PipelineRun and task order.
 * Right after each, on the same server with the same objects stored, {@link PingPongFloor}
 * measures the floor the same way. Last, {@value #AT_ONCE} at once again whose Waits last 1-2 s
 * (each PipelineRun its own length), which keeps the cores below saturation: the hop under the
 * same concurrency when it does not queue for CPU. While the {@value #AT_ONCE} of 0 s run, a {@link HopTrace} times each
 * step of every hop inside the controllers; {@link HopStages} makes the stage table of it, and
 * the same trace gives each controller's reconciles per second and per CPU-second.
 */
public final class PipelineHopBench {

  static final int TASKS = 10;
  /** PipelineRuns (and ten times as many pings) run first and not counted, so that the JIT has warmed up. */
  static final int WARM_UP = 5;
  static final int ONE_AT_A_TIME = 40;
  static final int AT_ONCE = 100;
  static final int FLOOR_SAMPLES = 200;
  static final int FLOOR_ROUNDS = 3;
  static final double TARGET_FACTOR = 3;
  /** System property: JOSDK's reconcile threads for this scenario's operator, to compare settings. */
  static final String RECONCILE_THREADS = "bench.reconcileThreads";
  /** System property: run the Wait controller alone of the task controllers ({@link #stack}). */
  static final String WAIT_ONLY = "bench.waitOnly";

  private final ClusterTarget shared;
  private final BenchReport report;

  public PipelineHopBench(ClusterTarget shared, BenchReport report) {
    this.shared = shared;
    this.report = report;
  }

  public void run() {
    HopTrace trace = new HopTrace();
    try (ClusterTarget target = ScenarioTargets.forScenario(shared);
        KubernetesClient observer = target.newClient();
        CustomRunWatch watch = CustomRunWatch.open(observer, target.namespace(), false);
        ControllerHarness controllers = traced(target, trace).start();
        PingPongFloor floor = new PingPongFloor(target.client(), observer, target.newClient(), target.namespace())) {
      Runs runs = new Runs(target);

      oneAtATime(target, watch, runs, names("hop-warm-up", WARM_UP));
      floor.oneAtATime("warm-up", WARM_UP * TASKS);

      List<String> single = names("hop-one", ONE_AT_A_TIME);
      List<Double> singleRunMs = oneAtATime(target, watch, runs, single);
      Percentiles singleHops = hops(watch, single);
      Percentiles singleFloor = floor.oneAtATime("one", FLOOR_SAMPLES);

      List<String> many = names("hop-many", AT_ONCE);
      trace.restart();
      AtOnce zero = atOnce(target, watch, runs, many, i -> "0s");
      CpuUse.Spent spent = zero.spent();
      double cpuWindowSeconds = zero.cpuWindowSeconds();
      double manySeconds = zero.untilLastSucceededSeconds();
      Percentiles manyHops = zero.hops();
      trace.pause();
      HopStages stages = new HopStages(trace.entries());
      Map<String, HopStages.Turns> turns = new LinkedHashMap<>();
      turns.put("PipelineRun controller (task i done -> task i+1 created)",
          stages.pipelineRunTurns(PipelineRunReconciler.NAME, many, TASKS, watch));
      turns.put("Wait controller (created -> Succeeded=True)", stages.waitTurns(new WaitTask().name(), many, TASKS, watch));
      String stageTable = HopStages.table(turns);
      HopTrace.Work prWork = trace.work(PipelineRunReconciler.NAME);
      HopTrace.Work waitWork = trace.work(new WaitTask().name());
      Percentiles manyFloor = floor.concurrently("many", AT_ONCE, FLOOR_ROUNDS);

      AtOnce paced = atOnce(target, watch, runs, names("hop-paced", AT_ONCE), i -> pacedWait(i) + "ms");
      Percentiles pacedHops = paced.hops();
      double pacedSeconds = paced.cpuWindowSeconds();

      addHop("1 PipelineRun at a time (" + ONE_AT_A_TIME + " in turn)", singleHops, singleFloor);
      report.add("API floor, one at a time: a write seen by a watch, answered by a write", singleFloor.describe());
      addHop(AT_ONCE + " PipelineRuns at once", manyHops, manyFloor);
      report.add("API floor, " + AT_ONCE + " at once (" + FLOOR_ROUNDS + " rounds)", manyFloor.describe());
      report.add("PipelineRun hop, " + AT_ONCE + " PipelineRuns at once, 10 chained Waits of " + pacedWait(0) + "-"
          + pacedWait(AT_ONCE - 1) + " ms (one length per PipelineRun: the cores not saturated)",
          pacedHops.describe() + String.format(Locale.ROOT, "; cores %.0f%% busy over the %.1f s",
              100 * paced.spent().busy(pacedSeconds, Runtime.getRuntime().availableProcessors()), pacedSeconds));
      report.add("PipelineRun of 10 Waits of 0 s, create to last task done", String.format(Locale.ROOT,
          "alone: median %s ms; %d at once: all done in %.1f s", Percentiles.ms(Percentiles.of(singleRunMs).p50()),
          AT_ONCE, manySeconds));
      report.note("Hop scenario: the server then held " + stored(target) + "; the stack ran "
          + (Boolean.getBoolean(WAIT_ONLY) ? "the Wait controller alone of the task controllers (-D" + WAIT_ONLY + ")"
              : "every task controller on the class path, each with its own CustomRun informer, as ctk serve does")
          + ".");
      report.add("CPU per task, " + AT_ONCE + " PipelineRuns at once (from the first create to the last task done)",
          spent.perTask(AT_ONCE * TASKS, AT_ONCE, Runtime.getRuntime().availableProcessors(),
              ScenarioTargets.isEmbedded(target) ? "the embedded API server, the controllers, the benchmark's watch"
                  : "the controllers, the benchmark's watch",
              cpuWindowSeconds * 1000 / TASKS));
      addWork(AT_ONCE + " PipelineRuns at once", "PipelineRun controller", prWork, manySeconds);
      addWork(AT_ONCE + " PipelineRuns at once", "Wait controller", waitWork, manySeconds);
      report.section("Where a hop's time goes, " + AT_ONCE + " PipelineRuns at once", stageTable);
    }
  }

  /**
   * The standard stack, its client's requests and JOSDK's steps timed by {@code trace}: the same
   * controllers and settings as {@link Stack#start()}, one operator, one client.
   */
  static ControllerHarness traced(ClusterTarget target, HopTrace trace) {
    return new ControllerHarness(() -> new KubernetesClientBuilder().withConfig(target.client().getConfiguration())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("hop-trace", trace)).build(),
        stack(target).registrations(), o -> {
          o.withMetrics(trace);
          reconcileThreads(o);
        });
  }

  /**
   * Every task controller on the class path, as {@code ctk serve} runs them in one process; with
   * {@value #WAIT_ONLY} set, only the Wait controller (the PipelineRun controller and the TaskRun
   * stand-in as always), as on a cluster where each task controller has a process of its own.
   */
  static Stack stack(ClusterTarget target) {
    return Boolean.getBoolean(WAIT_ONLY) ? Stack.onlyTasks(target, task -> task instanceof WaitTask) : Stack.on(target);
  }

  /** JOSDK's reconcile threads as {@value #RECONCILE_THREADS} sets them; JOSDK's default (50) without it. */
  static void reconcileThreads(io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider o) {
    Integer threads = Integer.getInteger(RECONCILE_THREADS);
    if (threads != null) {
      o.withConcurrentReconciliationThreads(threads);
    }
  }

  /** Reconciles per second of the scenario, and per CPU-second of the threads that ran them. */
  private void addWork(String load, String controller, HopTrace.Work work, double seconds) {
    if (work.reconciles() == 0) {
      report.add("Reconciles of the " + controller + ", " + load, "none in this JVM (not run here)");
      return;
    }
    report.add("Reconciles of the " + controller + ", " + load, String.format(Locale.ROOT,
        "%d in %.1f s (%.0f/s); %.0f per CPU-second of its reconcile threads (%.2f ms CPU each)",
        work.reconciles(), seconds, work.reconciles() / seconds, work.reconciles() / (work.cpuNanos() / 1e9),
        work.cpuNanos() / 1e6 / Math.max(1, work.reconciles())));
  }

  /**
   * One phase of PipelineRuns all created at once and followed to their end.
   *
   * @param spent the CPU from the first create until the watch saw every task finish
   * @param cpuWindowSeconds the wall time of that same stretch
   * @param untilLastSucceededSeconds from the first create to the last task's Succeeded=True, as the watch saw it
   * @param hops each hop of the phase
   */
  private record AtOnce(CpuUse.Spent spent, double cpuWindowSeconds, double untilLastSucceededSeconds,
      Percentiles hops) {
  }

  /** Creates {@code names} at once, the {@code i}th a chain of Waits of {@code duration.apply(i)}, and follows them. */
  private static AtOnce atOnce(ClusterTarget target, CustomRunWatch watch, Runs runs, List<String> names,
      IntFunction<String> duration) {
    CpuUse cpu = CpuUse.from(target);
    long created = System.nanoTime();
    ParallelCreator.createAll(target.client(), IntStream.range(0, names.size()).mapToObj(i ->
        BenchObjects.chainOfWaits(target.namespace(), names.get(i), TASKS, duration.apply(i))).toList());
    awaitTasksSeenDone(watch, names);
    // Read at once, so that the CPU and the wall time cover the same stretch.
    CpuUse.Spent spent = cpu.spent();
    double cpuWindowSeconds = (System.nanoTime() - created) / 1e9;
    awaitRunsSucceeded(runs, names);
    return new AtOnce(spent, cpuWindowSeconds, (lastSucceeded(watch, names) - created) / 1e9, hops(watch, names));
  }

  /** Runs each PipelineRun alone, the next once the last is done; returns their create-to-last-task-done times. */
  private static List<Double> oneAtATime(ClusterTarget target, CustomRunWatch watch, Runs runs, List<String> names) {
    List<Double> runMs = new ArrayList<>();
    for (String name : names) {
      long created = System.nanoTime();
      target.client().resource(BenchObjects.chainOfWaits(target.namespace(), name, TASKS)).create();
      awaitChainsDone(watch, runs, List.of(name));
      runMs.add((lastSucceeded(watch, List.of(name)) - created) / 1e6);
    }
    return runMs;
  }

  private static long lastSucceeded(CustomRunWatch watch, List<String> pipelineRuns) {
    Set<String> wanted = Set.copyOf(pipelineRuns);
    return watch.sightings().stream().filter(s -> wanted.contains(s.pipelineRun()))
        .mapToLong(CustomRunWatch.Sighting::succeededNanos).max().orElseThrow();
  }

  private static String stored(ClusterTarget target) {
    KubernetesClient client = target.client();
    String ns = target.namespace();
    return String.format(Locale.ROOT, "%d PipelineRuns, %d CustomRuns, %d Events, %d ConfigMaps",
        client.resources(PipelineRun.class).inNamespace(ns).list().getItems().size(),
        client.resources(CustomRun.class).inNamespace(ns).list().getItems().size(),
        client.v1().events().inNamespace(ns).list().getItems().size(),
        client.configMaps().inNamespace(ns).list().getItems().size());
  }

  private void addHop(String load, Percentiles hops, Percentiles floor) {
    double limit = TARGET_FACTOR * floor.p99();
    report.add("PipelineRun hop (Succeeded=True to next CustomRun ADDED), " + load + ", 10 chained Waits of 0 s",
        hops.describe(), String.format(Locale.ROOT, "p99 <= 3 x floor p99 = %s ms", Percentiles.ms(limit)),
        BenchReport.Verdict.of(hops.p99() <= limit));
  }

  /**
   * The length in ms of each Wait of the {@code i}th PipelineRun of the paced phase: from 1,000 to
   * 1,990 ms, so that the completions of the {@value #AT_ONCE} chains spread over time rather than
   * fall due together, and the load stays below what the cores serve: the hop where it is not
   * queueing for CPU, to set beside the same concurrency of Waits of 0 s, which saturates them.
   */
  private static int pacedWait(int i) {
    return 1000 + 10 * i;
  }

  private static List<String> names(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
  }

  /** Waits, without load on the server, until the watch saw every task finish; then until each run is done. */
  private static void awaitChainsDone(CustomRunWatch watch, Runs runs, List<String> pipelineRuns) {
    awaitTasksSeenDone(watch, pipelineRuns);
    awaitRunsSucceeded(runs, pipelineRuns);
  }

  /**
   * Until the watch saw every task of the PipelineRuns finish; reads only the watch's record. Every
   * 50 ms: each look scans every sighting of the scenario, and at 10 ms the looking took a tenth of
   * the JVM's CPU in the paced phase, which the CPU figures would have put down to the controllers.
   */
  private static void awaitTasksSeenDone(CustomRunWatch watch, List<String> pipelineRuns) {
    Set<String> wanted = Set.copyOf(pipelineRuns);
    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> watch.sightings().stream()
            .filter(s -> wanted.contains(s.pipelineRun()) && s.isFinished()).count() == (long) TASKS * wanted.size());
  }

  /** Until each PipelineRun is done; asserts it succeeded. */
  private static void awaitRunsSucceeded(Runs runs, List<String> pipelineRuns) {
    for (String name : pipelineRuns) {
      PipelineRun done = runs.awaitDone(name, Duration.ofMinutes(2));
      assertThat(done.getStatus().isSuccessful()).as("PipelineRun %s succeeded", name).isTrue();
    }
  }

  /** Each task's Succeeded=True to the next task's ADDED, over the given PipelineRuns, in ms. */
  private static Percentiles hops(CustomRunWatch watch, List<String> pipelineRuns) {
    Map<String, Map<String, CustomRunWatch.Sighting>> byRun = new HashMap<>();
    for (CustomRunWatch.Sighting s : watch.sightings()) {
      if (s.pipelineRun() != null) {
        byRun.computeIfAbsent(s.pipelineRun(), k -> new HashMap<>()).put(s.pipelineTask(), s);
      }
    }
    List<Double> hops = new ArrayList<>();
    for (String run : pipelineRuns) {
      Map<String, CustomRunWatch.Sighting> tasks = byRun.getOrDefault(run, Map.of());
      for (int i = 1; i < TASKS; i++) {
        CustomRunWatch.Sighting done = tasks.get(BenchObjects.chainTask(i));
        CustomRunWatch.Sighting next = tasks.get(BenchObjects.chainTask(i + 1));
        assertThat(done).as("%s task %d seen", run, i).isNotNull();
        assertThat(next).as("%s task %d seen", run, i + 1).isNotNull();
        assertThat(done.succeededNanos()).as("%s task %d seen MODIFIED to Succeeded=True", run, i)
            .isNotEqualTo(CustomRunWatch.UNSEEN);
        assertThat(next.addedNanos()).as("%s task %d seen ADDED", run, i + 1).isNotEqualTo(CustomRunWatch.UNSEEN);
        hops.add((next.addedNanos() - done.succeededNanos()) / 1e6);
      }
    }
    return Percentiles.of(hops);
  }
}
