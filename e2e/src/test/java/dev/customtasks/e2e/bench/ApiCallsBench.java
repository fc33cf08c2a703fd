package dev.customtasks.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.WatchedNamespaces;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.EmbeddedTarget;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import dev.customtasks.embedded.RequestTally;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.wait.WaitTask;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Figure 6: API requests per run, by controller and verb, counted by the embedded server
 * ({@link RequestTally}), each controller in its own operator with its own client and
 * {@code User-Agent}, so that every request is put down to the controller that made it. Three
 * scenarios, each after a warm-up that is not counted (start-up lists and watches are not per-run
 * costs): bare Wait CustomRuns of 0 s; PipelineRuns of {@value #TASKS} chained Waits of 0 s;
 * PipelineRuns of {@value #TASKS} chained ordinary tasks (TaskRuns, completed by the stand-in).
 * Counting stops once the server has been quiet for a second after the last run ended, so that
 * the writes after completion (events, a last status) count too. Only the embedded target counts
 * requests; elsewhere the figure is reported as not measured.
 */
public final class ApiCallsBench {

  static final int TASKS = 10;
  static final int RUNS = 20;
  static final int WARM_UP = 2;
  static final String PIPELINERUN_AGENT = "pipelinerun-controller";
  static final String WAIT_AGENT = "wait-controller";
  static final String STANDIN_AGENT = "taskrun-stand-in";

  private final ClusterTarget shared;
  private final BenchReport report;

  public ApiCallsBench(ClusterTarget shared, BenchReport report) {
    this.shared = shared;
    this.report = report;
  }

  public void run() {
    if (!ScenarioTargets.isEmbedded(shared)) {
      report.add("API requests per run, by controller", "not measured: only the embedded target counts requests");
      return;
    }
    try (EmbeddedTarget target = EmbeddedTarget.start();
        ControllerHarness pipelineRuns = controller(target, PIPELINERUN_AGENT,
            op -> new PipelineRunReconciler(Clock.systemUTC()).registerWith(op, namespaces(target)));
        ControllerHarness waits = controller(target, WAIT_AGENT,
            op -> new CustomTaskReconciler<>(new WaitTask(), Clock.systemUTC()).registerWith(op, namespaces(target)));
        ControllerHarness standIn = controller(target, STANDIN_AGENT,
            op -> new TaskRunStandIn(Clock.systemUTC(), Stack.TASKRUN_DURATION).registerWith(op, namespaces(target)))) {
      target.installCrds(List.of(Stack.WAIT_CRD));
      pipelineRuns.start();
      waits.start();
      standIn.start();
      Runs runs = new Runs(target);

      Map<RequestTally.Key, Long> bare = counted(target, "bare", i -> BenchObjects.waitRun(target.namespace(),
          "calls-bare-" + i, "0s"), name -> awaitCustomRunDone(target, name));
      Map<RequestTally.Key, Long> waitChains = counted(target, "waits", i -> BenchObjects.chainOfWaits(
          target.namespace(), "calls-waits-" + i, TASKS), name -> runs.awaitDone(name, Duration.ofMinutes(2)));
      Map<RequestTally.Key, Long> taskChains = counted(target, "tasks", i -> BenchObjects.chainOfTaskRuns(
          target.namespace(), "calls-tasks-" + i, TASKS), name -> runs.awaitDone(name, Duration.ofMinutes(2)));

      report.add("API requests per bare Wait CustomRun of 0 s (Wait controller)", perRun(bare, WAIT_AGENT, RUNS));
      report.add("API requests per PipelineRun of " + TASKS + " chained Waits of 0 s (PipelineRun controller)",
          perRun(waitChains, PIPELINERUN_AGENT, RUNS));
      report.add("API requests per Wait CustomRun in those PipelineRuns (Wait controller)",
          perRun(waitChains, WAIT_AGENT, RUNS * TASKS));
      report.add("API requests per PipelineRun of " + TASKS + " chained TaskRuns (PipelineRun controller)",
          perRun(taskChains, PIPELINERUN_AGENT, RUNS));
      report.add("API requests per TaskRun in those PipelineRuns (TaskRun stand-in)",
          perRun(taskChains, STANDIN_AGENT, RUNS * TASKS));
      report.note("API requests are counted by the embedded server per client User-Agent; " + RUNS
          + " runs of each scenario one after another, after " + WARM_UP + " not counted; figures are per run,"
          + " by verb and resource (a status write is `patch customruns/status`).");
    }
  }

  /**
   * Runs {@value #WARM_UP} objects uncounted, then {@value #RUNS} counted, one after another, and
   * returns the requests made from the first counted create until the server was quiet after the last.
   */
  private static <T extends HasMetadata> Map<RequestTally.Key, Long> counted(EmbeddedTarget target, String scenario,
      Function<Integer, T> object, Consumer<String> awaitDone) {
    for (int i = 0; i < WARM_UP + RUNS; i++) {
      if (i == WARM_UP) {
        awaitQuiet(target);
        target.server().requests().reset();
      }
      T run = object.apply(i);
      target.client().resource(run).create();
      awaitDone.accept(run.getMetadata().getName());
    }
    awaitQuiet(target);
    return target.server().requests().snapshot();
  }

  /** Until no request at all reached the server for a whole second (the benchmark's own polls included). */
  private static void awaitQuiet(EmbeddedTarget target) {
    AtomicLong seen = new AtomicLong(-1);
    AtomicLong since = new AtomicLong(System.nanoTime());
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
      long now = target.server().requests().total();
      if (now != seen.getAndSet(now)) {
        since.set(System.nanoTime());
      }
      return System.nanoTime() - since.get() >= Duration.ofSeconds(1).toNanos();
    });
  }

  private static void awaitCustomRunDone(EmbeddedTarget target, String name) {
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20)).until(() -> {
      CustomRun run = target.client().resources(CustomRun.class).inNamespace(target.namespace()).withName(name).get();
      return run != null && run.getStatus() != null && run.getStatus().isDone();
    });
    CustomRun done = target.client().resources(CustomRun.class).inNamespace(target.namespace()).withName(name).get();
    assertThat(done.getStatus().isSuccessful()).as("Wait %s succeeded", name).isTrue();
  }

  /** "12.0 = patch customruns/status 2.0, create events 2.0, ..." for one agent, per run. */
  static String perRun(Map<RequestTally.Key, Long> counts, String agent, int runs) {
    Map<String, Long> byCall = new TreeMap<>();
    counts.forEach((key, count) -> {
      if (key.agent().equals(agent)) {
        byCall.merge(key.verb() + " " + key.resource(), count, Long::sum);
      }
    });
    long total = byCall.values().stream().mapToLong(Long::longValue).sum();
    String parts = byCall.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / (double) runs))
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "%.1f (%s)", total / (double) runs, parts.isEmpty() ? "none" : parts);
  }

  private static WatchedNamespaces namespaces(EmbeddedTarget target) {
    return WatchedNamespaces.parse(target.namespace());
  }

  private static ControllerHarness controller(EmbeddedTarget target, String agent, Consumer<Operator> registration) {
    return new ControllerHarness(() -> new KubernetesClientBuilder().withConfig(new ConfigBuilder(
        target.client().getConfiguration()).withUserAgent(agent).build()).build(), registration);
  }

}
