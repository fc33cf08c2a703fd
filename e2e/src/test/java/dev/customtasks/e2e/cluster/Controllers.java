package dev.customtasks.e2e.cluster;

import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.WatchedNamespaces;
import dev.customtasks.crds.testkit.ControllerHarness;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs controllers in the test JVM against a target, each start with a fresh client as a
 * restarted controller process would have. Close the harness (or stop it) when the test is done.
 */
public final class Controllers {

  private Controllers() {
  }

  /** Registers and starts the controllers; {@code restart()} on the harness simulates a crash. */
  public static ControllerHarness start(ClusterTarget target, Consumer<Operator> registrations) {
    return new ControllerHarness(target::newClient, registrations).start();
  }

  /** Starts one controller per task, on the real clock, answering runs in the target's namespace. */
  public static ControllerHarness startTasks(ClusterTarget target, CustomTask<?, ?>... tasks) {
    return start(target, tasks(WatchedNamespaces.parse(target.namespace()), tasks));
  }

  /** The registrations of one controller per task, on the real clock. */
  public static Consumer<Operator> tasks(WatchedNamespaces namespaces, CustomTask<?, ?>... tasks) {
    List<CustomTask<?, ?>> all = List.of(tasks);
    return operator -> all.forEach(task -> register(operator, task, namespaces));
  }

  private static <S, T> void register(Operator operator, CustomTask<S, T> task, WatchedNamespaces namespaces) {
    new CustomTaskReconciler<>(task, Clock.systemUTC()).registerWith(operator, namespaces);
  }
}
