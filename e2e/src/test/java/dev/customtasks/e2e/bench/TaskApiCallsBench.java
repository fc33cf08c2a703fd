package dev.customtasks.e2e.bench;

import static dev.customtasks.e2e.bench.RequestCounts.RUNS;
import static dev.customtasks.e2e.bench.RequestCounts.WARM_UP;
import static dev.customtasks.e2e.bench.RequestCounts.agent;
import static dev.customtasks.e2e.bench.RequestCounts.awaitSucceeded;
import static dev.customtasks.e2e.bench.RequestCounts.controller;
import static dev.customtasks.e2e.bench.RequestCounts.counted;
import static dev.customtasks.e2e.bench.RequestCounts.namespaces;
import static dev.customtasks.e2e.bench.RequestCounts.perRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.approval.api.ApprovalRequest;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.CustomTaskModule;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.EmbeddedTarget;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.embedded.RequestTally;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Figure 6, continued: API requests per run of every other task controller, counted as
 * {@link ApiCallsBench} counts the PipelineRun and Wait controllers: on a fresh embedded server,
 * each controller in an operator of its own with its own {@code User-Agent}, {@value RequestCounts#RUNS}
 * runs of each scenario one after another after {@value RequestCounts#WARM_UP} not counted. The
 * scenarios: an Approval of one approver, approved by the benchmark (whose decision is a person's
 * request, not the controller's, and is not counted); a pipeline in a pipeline (a CustomRun naming
 * a Pipeline of {@value #NESTED_WAITS} chained Waits); a Matrix of {@value #MATRIX_WAITS} Waits; a
 * Loop of {@value #LOOP_WAITS} Waits; and a PipelineRun that takes a Lock on one key and gives it
 * back with an Unlock. All Waits are of 0 s. The children's controllers are counted too, as what
 * the parent's work adds.
 */
public final class TaskApiCallsBench {

  static final int NESTED_WAITS = 3;
  static final int MATRIX_WAITS = 4;
  static final int LOOP_WAITS = 3;
  /** The task controllers this figure runs, by {@link CustomTask#name()}. */
  static final List<String> TASKS = List.of("wait", "approval", "subpipeline", "matrix", "loop", "lock", "unlock");

  private final ClusterTarget shared;
  private final BenchReport report;

  public TaskApiCallsBench(ClusterTarget shared, BenchReport report) {
    this.shared = shared;
    this.report = report;
  }

  public void run() {
    if (!ScenarioTargets.isEmbedded(shared)) {
      report.add("API requests per run of the other task controllers", "not measured: only the embedded target"
          + " counts requests");
      return;
    }
    Map<String, CustomTaskModule> modules = CustomTaskModule.discover().stream()
        .filter(m -> TASKS.contains(m.name())).collect(Collectors.toMap(CustomTaskModule::name, Function.identity()));
    assertThat(modules.keySet()).containsExactlyInAnyOrderElementsOf(TASKS);
    try (EmbeddedTarget target = EmbeddedTarget.start()) {
      target.installCrds(modules.values().stream().flatMap(m -> m.crds().stream()).toList());
      List<ControllerHarness> controllers = new ArrayList<>();
      try {
        controllers.add(controller(target, ApiCallsBench.PIPELINERUN_AGENT,
            op -> new PipelineRunReconciler(Clock.systemUTC()).registerWith(op, namespaces(target))).start());
        for (String task : TASKS) {
          controllers.add(RequestCounts.taskController(target, modules.get(task).task()).start());
        }
        measure(target, modules);
      } finally {
        controllers.forEach(ControllerHarness::close);
      }
    }
  }

  private void measure(EmbeddedTarget target, Map<String, CustomTaskModule> modules) {
    String namespace = target.namespace();
    String wait = agent(modules.get("wait").task());
    Runs runs = new Runs(target);

    Map<RequestTally.Key, Long> approvals = counted(target, i -> BenchObjects.approvalRun(namespace,
        "calls-approval-" + i, "alice"), run -> {
          String name = run.getMetadata().getName();
          target.client().resource(run).create();
          RunAwaits.awaitObject(target.client(), ApprovalRequest.class, namespace, name,
              r -> r.getStatus() != null && r.isPending());
          target.client().resource(BenchObjects.approval(namespace, name, "alice")).create();
          awaitSucceeded(target, name);
        });
    report.add("API requests per Approval CustomRun of one approver, approved once (Approval controller)",
        perRun(approvals, agent(modules.get("approval").task()), RUNS));

    target.client().resource(BenchObjects.pipelineOfWaits(namespace, "calls-nested", NESTED_WAITS)).create();
    Map<RequestTally.Key, Long> nested = counted(target, i -> BenchObjects.pipelineInPipelineRun(namespace,
        "calls-pip-" + i, "calls-nested"), run -> {
          target.client().resource(run).create();
          awaitSucceeded(target, run.getMetadata().getName());
        });
    report.add("API requests per CustomRun of a Pipeline of " + NESTED_WAITS + " chained Waits of 0 s"
        + " (SubPipeline controller)", perRun(nested, agent(modules.get("subpipeline").task()), RUNS));
    report.add("API requests per nested PipelineRun in those (PipelineRun controller)",
        perRun(nested, ApiCallsBench.PIPELINERUN_AGENT, RUNS));
    report.add("API requests per Wait CustomRun in those nested PipelineRuns (Wait controller)",
        perRun(nested, wait, RUNS * NESTED_WAITS));

    Map<RequestTally.Key, Long> matrices = counted(target, i -> BenchObjects.matrixOfWaits(namespace,
        "calls-matrix-" + i, MATRIX_WAITS), run -> {
          target.client().resource(run).create();
          awaitSucceeded(target, run.getMetadata().getName());
        });
    report.add("API requests per Matrix CustomRun of " + MATRIX_WAITS + " Waits of 0 s (Matrix controller)",
        perRun(matrices, agent(modules.get("matrix").task()), RUNS));
    report.add("API requests per Wait CustomRun in those Matrices (Wait controller)",
        perRun(matrices, wait, RUNS * MATRIX_WAITS));

    Map<RequestTally.Key, Long> loops = counted(target, i -> BenchObjects.loopOfWaits(namespace,
        "calls-loop-" + i, LOOP_WAITS), run -> {
          target.client().resource(run).create();
          awaitSucceeded(target, run.getMetadata().getName());
        });
    report.add("API requests per Loop CustomRun of " + LOOP_WAITS + " Waits of 0 s, one after another"
        + " (Loop controller)", perRun(loops, agent(modules.get("loop").task()), RUNS));
    report.add("API requests per Wait CustomRun in those Loops (Wait controller)",
        perRun(loops, wait, RUNS * LOOP_WAITS));

    Map<RequestTally.Key, Long> locks = counted(target, i -> BenchObjects.lockThenUnlock(namespace,
        "calls-lock-" + i, "calls-key"), run -> {
          target.client().resource(run).create();
          PipelineRun done = runs.awaitDone(run.getMetadata().getName(), Duration.ofMinutes(2));
          assertThat(done.getStatus().isSuccessful()).as("%s: %s", run.getMetadata().getName(),
              done.getStatus().succeededCondition()).isTrue();
        });
    report.add("API requests per Lock CustomRun on a free key, in a PipelineRun of Lock then Unlock"
        + " (Lock controller)", perRun(locks, agent(modules.get("lock").task()), RUNS));
    report.add("API requests per Unlock CustomRun in those PipelineRuns (Unlock controller)",
        perRun(locks, agent(modules.get("unlock").task()), RUNS));
    report.add("API requests per PipelineRun of Lock then Unlock (PipelineRun controller)",
        perRun(locks, ApiCallsBench.PIPELINERUN_AGENT, RUNS));
    report.note("The Approval scenario's ApprovalDecision is created by the benchmark, as a person would"
        + " (`ctk approve`), under the benchmark's own User-Agent: it is not counted among the controller's"
        + " requests. Every Wait is of 0 s; each scenario's " + RUNS + " runs come after " + WARM_UP
        + " not counted.");
  }
}
