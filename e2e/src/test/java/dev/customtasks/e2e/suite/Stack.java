package dev.customtasks.e2e.suite;

import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.CustomTaskModule;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.WatchedNamespaces;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
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
  /** The Wait CRD, for tests that install it on their own. */
  public static final String WAIT_CRD = "META-INF/fabric8/waits.customtasks.dev-v1.yml";

  private final ClusterTarget target;
  private final List<CustomTask<?, ?>> tasks = new ArrayList<>();

  private Stack(ClusterTarget target) {
    this.target = target;
  }

  /**
   * The standard stack: every task module on the class path ({@link CustomTaskModule}), and what
   * runs PipelineRuns and TaskRuns where Tekton does not.
   */
  public static Stack on(ClusterTarget target) {
    List<CustomTaskModule> modules = CustomTaskModule.discover();
    target.installCrds(modules.stream().flatMap(m -> m.crds().stream()).toList());
    Stack stack = new Stack(target);
    modules.forEach(m -> stack.with(m.task()));
    return stack;
  }

  /**
   * The standard stack with only the task modules whose task {@code keep} accepts (and what runs
   * PipelineRuns and TaskRuns where Tekton does not): e.g. a benchmark that uses only Waits, as a
   * cluster runs each task controller in a process of its own.
   */
  public static Stack onlyTasks(ClusterTarget target, java.util.function.Predicate<CustomTask<?, ?>> keep) {
    List<CustomTaskModule> modules = CustomTaskModule.discover().stream().filter(m -> keep.test(m.task())).toList();
    target.installCrds(modules.stream().flatMap(m -> m.crds().stream()).toList());
    Stack stack = new Stack(target);
    modules.forEach(m -> stack.with(m.task()));
    return stack;
  }

  public Stack with(CustomTask<?, ?> task) {
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

  private static <S, T> void register(Operator operator, CustomTask<S, T> task, WatchedNamespaces namespaces) {
    new CustomTaskReconciler<>(task, Clock.systemUTC()).registerWith(operator, namespaces);
  }
}
