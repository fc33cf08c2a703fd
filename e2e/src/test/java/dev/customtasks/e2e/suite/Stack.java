package dev.customtasks.e2e.suite;

import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.WatchedNamespaces;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.wait.WaitTask;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The controllers an end-to-end test runs against a target: the task controllers under test,
 * plus, where Tekton itself does not run, our PipelineRun controller and the TaskRun stand-in
 * (nothing executes TaskRuns there). A new task's e2e test adds its task with {@link #with}.
 */
public final class Stack {

  /** How long the stand-in lets an ordinary task "run" unless its annotations say otherwise. */
  public static final Duration TASKRUN_DURATION = Duration.ofMillis(200);
  public static final String WAIT_CRD = "META-INF/fabric8/waits.customtasks.dev-v1.yml";

  private final ClusterTarget target;
  private final List<CustomTask<?>> tasks = new ArrayList<>();

  private Stack(ClusterTarget target) {
    this.target = target;
  }

  /** The standard stack: Wait, and what runs PipelineRuns and TaskRuns where Tekton does not. */
  public static Stack on(ClusterTarget target) {
    target.installCrds(List.of(WAIT_CRD));
    return new Stack(target).with(new WaitTask());
  }

  public Stack with(CustomTask<?> task) {
    tasks.add(task);
    return this;
  }

  /**
   * The controllers answer runs in the target's namespace only: on a shared cluster they must
   * leave other namespaces' runs to whoever runs them there.
   */
  public Consumer<Operator> registrations() {
    boolean ownPipelineRuns = !target.hasRealTekton();
    WatchedNamespaces namespaces = WatchedNamespaces.parse(target.namespace());
    return operator -> {
      if (ownPipelineRuns) {
        new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator, namespaces);
        new TaskRunStandIn(Clock.systemUTC(), TASKRUN_DURATION).registerWith(operator, namespaces);
      }
      tasks.forEach(task -> register(operator, task, namespaces));
    };
  }

  /** Starts the stack; {@code restart()} on the harness simulates a crash of every controller. */
  public ControllerHarness start() {
    return new ControllerHarness(target::newClient, registrations()).start();
  }

  private static <S> void register(Operator operator, CustomTask<S> task, WatchedNamespaces namespaces) {
    new CustomTaskReconciler<>(task, Clock.systemUTC()).registerWith(operator, namespaces);
  }
}
