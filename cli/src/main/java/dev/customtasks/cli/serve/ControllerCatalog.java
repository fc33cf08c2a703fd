package dev.customtasks.cli.serve;

import dev.customtasks.crds.api.TektonCrds;
import dev.customtasks.crds.controller.CustomTaskModule;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every controller {@code ctk serve} can run, by name: the PipelineRun controller, every task
 * module found on the class path ({@link CustomTaskModule}, declared in the module's
 * {@code META-INF/services}), and the TaskRun stand-in. A task module gets into {@code ctk} by
 * being a dependency of the CLI; nothing here names it.
 */
public final class ControllerCatalog {

  /** {@code --controllers none}: no controller, the embedded API server alone (for controllers run elsewhere). */
  public static final String NONE = "none";
  /** The TaskRun executor stand-in's name: it never runs against a real cluster. */
  public static final String STAND_IN = "taskrun-stand-in";
  /** How long an ordinary task "runs" on the stand-in unless its annotations say otherwise. */
  static final Duration STAND_IN_DURATION = Duration.ofSeconds(1);

  private final List<Controller> controllers;

  public ControllerCatalog(List<Controller> controllers) {
    this.controllers = List.copyOf(controllers);
  }

  public static ControllerCatalog standard() {
    List<Controller> controllers = new ArrayList<>();
    controllers.add(new Controller("pipelinerun", "PipelineRuns, for clusters without Tekton Pipelines",
        TektonCrds.resourcePaths(),
        (operator, namespaces) -> new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator, namespaces)));
    for (CustomTaskModule module : CustomTaskModule.discover()) {
      controllers.add(Controller.customTask(module.name(), module.description(), module::task,
          module.crds().toArray(String[]::new)));
    }
    controllers.add(new Controller(STAND_IN, "completes TaskRuns without running a Pod (embedded server only)",
        List.of(), (operator, namespaces) -> new TaskRunStandIn(Clock.systemUTC(), STAND_IN_DURATION)
            .registerWith(operator, namespaces), true));
    return new ControllerCatalog(controllers);
  }

  public List<Controller> all() {
    return controllers;
  }

  public List<String> names() {
    return controllers.stream().map(Controller::name).toList();
  }

  public Optional<Controller> named(String name) {
    return controllers.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The catalog without what may only run against the embedded server. */
  public ControllerCatalog forCluster() {
    return new ControllerCatalog(controllers.stream().filter(c -> !c.embeddedOnly()).toList());
  }

  /** The catalog without one controller. */
  public ControllerCatalog without(String name) {
    return new ControllerCatalog(controllers.stream().filter(c -> !c.name().equals(name)).toList());
  }

  /**
   * The controllers named, in the catalog's order, or all of them for an empty list.
   *
   * @throws IllegalArgumentException naming the unknown ones and the known ones
   */
  public List<Controller> select(List<String> names) {
    if (names == null || names.isEmpty()) {
      return controllers;
    }
    if (names.equals(List.of(NONE))) {
      return List.of();
    }
    List<String> unknown = names.stream().filter(n -> named(n).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown controller" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + ": choose from " + String.join(", ", names()));
    }
    List<Controller> chosen = new ArrayList<>();
    controllers.stream().filter(c -> names.contains(c.name())).forEach(chosen::add);
    return chosen;
  }
}
