package dev.customtasks.cli.serve;

import dev.customtasks.crds.api.TektonCrds;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import dev.customtasks.wait.WaitTask;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every controller {@code ctk serve} can run, by name. A module's controller is added with one
 * line here and one dependency in cli/pom.xml, e.g. for the PipelineRun controller:
 * {@code new Controller("pipelinerun", "...", List.of(), (op, namespaces) -> new
 * PipelineRunReconciler(Clock.systemUTC()).registerWith(op, namespaces))}.
 */
public final class ControllerCatalog {

  private static final String WAIT_CRD = "META-INF/fabric8/waits.customtasks.dev-v1.yml";
  /** The TaskRun executor stand-in's name: it never runs against a real cluster. */
  public static final String STAND_IN = "taskrun-stand-in";
  /** How long an ordinary task "runs" on the stand-in unless its annotations say otherwise. */
  static final Duration STAND_IN_DURATION = Duration.ofSeconds(1);

  private final List<Controller> controllers;

  public ControllerCatalog(List<Controller> controllers) {
    this.controllers = List.copyOf(controllers);
  }

  public static ControllerCatalog standard() {
    return new ControllerCatalog(List.of(
        new Controller("pipelinerun", "PipelineRuns, for clusters without Tekton Pipelines", TektonCrds.resourcePaths(),
            (operator, namespaces) -> new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator, namespaces)),
        Controller.customTask("wait", "Wait: finish after a duration, at a time, or at a cron window's opening",
            WaitTask::new, WAIT_CRD),
        new Controller(STAND_IN, "completes TaskRuns without running a Pod (embedded server only)", List.of(),
            (operator, namespaces) -> new TaskRunStandIn(Clock.systemUTC(), STAND_IN_DURATION)
                .registerWith(operator, namespaces), true)));
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
