package dev.customtasks.cli.serve;

import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.WatchedNamespaces;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * One controller ctk can run: its name on the command line, what it does, the CRDs it needs
 * (class path resources, installed into an embedded server and checked on a cluster) and how it
 * registers with an operator for the namespaces it is to answer.
 */
public record Controller(String name, String description, List<String> crds, Registration registration,
    boolean embeddedOnly) {

  /** Registers a controller, answering runs in the namespaces given. */
  @FunctionalInterface
  public interface Registration {
    void register(Operator operator, WatchedNamespaces namespaces);
  }

  public Controller(String name, String description, List<String> crds, Registration registration) {
    this(name, description, crds, registration, false);
  }

  /** A custom task controller: the base reconciler around {@code task}, on the system clock. */
  public static Controller customTask(String name, String description, Supplier<CustomTask<?, ?>> task,
      String... crds) {
    return new Controller(name, description, List.of(crds),
        (operator, namespaces) -> register(operator, task.get(), namespaces));
  }

  private static <S, T> void register(Operator operator, CustomTask<S, T> task, WatchedNamespaces namespaces) {
    new CustomTaskReconciler<>(task, Clock.systemUTC()).registerWith(operator, namespaces);
  }
}
