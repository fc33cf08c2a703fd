package dev.customtasks.e2e.bench;

import static dev.customtasks.e2e.bench.RequestCounts.awaitSucceeded;
import static dev.customtasks.e2e.bench.RequestCounts.controller;
import static dev.customtasks.e2e.bench.RequestCounts.counted;
import static dev.customtasks.e2e.bench.RequestCounts.namespaces;
import static dev.customtasks.e2e.bench.RequestCounts.perRun;

import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.EmbeddedTarget;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import dev.customtasks.embedded.RequestTally;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.wait.WaitTask;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
  static final int RUNS = RequestCounts.RUNS;
  static final int WARM_UP = RequestCounts.WARM_UP;
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

      Map<RequestTally.Key, Long> bare = counted(target, i -> BenchObjects.waitRun(target.namespace(),
          "calls-bare-" + i, "0s"), run -> {
            target.client().resource(run).create();
            awaitSucceeded(target, run.getMetadata().getName());
          });
      Map<RequestTally.Key, Long> waitChains = counted(target, i -> BenchObjects.chainOfWaits(
          target.namespace(), "calls-waits-" + i, TASKS), run -> createAndAwait(target, runs, run));
      Map<RequestTally.Key, Long> taskChains = counted(target, i -> BenchObjects.chainOfTaskRuns(
          target.namespace(), "calls-tasks-" + i, TASKS), run -> createAndAwait(target, runs, run));

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

  private static void createAndAwait(EmbeddedTarget target, Runs runs, PipelineRun run) {
    target.client().resource(run).create();
    runs.awaitDone(run.getMetadata().getName(), Duration.ofMinutes(2));
  }
}
