package dev.customtasks.cli.serve;

import dev.customtasks.cli.CliException;
import dev.customtasks.cli.cluster.ClusterLocator;
import dev.customtasks.cli.cluster.ClusterSource;
import dev.customtasks.cli.cluster.Environment;
import dev.customtasks.cli.metrics.MetricsOptions;
import dev.customtasks.cli.metrics.ServeMetrics;
import dev.customtasks.crds.controller.RunEvents;
import dev.customtasks.crds.controller.WatchedNamespaces;
import dev.customtasks.crds.duration.GoDuration;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ctk serve}: the chosen controllers in one process, against the cluster of the current
 * kubeconfig (with leader election), or against an embedded API server when asked or when no
 * cluster is configured. Runs until Ctrl-C, or until {@link #stop()} in tests.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the controllers until Ctrl-C: against the cluster of the current kubeconfig, or against an "
        + "embedded API server (--embedded, or when no cluster is configured). It says which.",
        "On a cluster only the holder of the Lease '" + LeaderElection.LEASE_NAME + "' reconciles, so several "
            + "replicas can run. A follower takes over at once from a replica that stops cleanly, and "
            + "--lease-duration after the last renewal of one that died.",
        "Health and metrics on --metrics-port (default 8080): /healthz, /readyz, and /metrics for Prometheus."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  ctk serve --embedded      # API server on 127.0.0.1:6443, kubeconfig in ~/.ctk",
        "  ctk serve --embedded --port 7443 --https --kubeconfig-out ./kubeconfig",
        "  ctk serve --embedded --keep-finished 2h   # finished runs go 2 hours after",
        "  ctk serve                   # the cluster of the current kubeconfig",
        "  ctk serve --controllers wait --lease-namespace custom-tasks",
        "  ctk serve --controllers wait --watch-namespaces ci,release   # only there",
        "  ctk serve --lease-duration 30s --renew-deadline 20s --retry-period 4s",
        "  ctk serve --metrics-port 9090   # then: curl localhost:9090/metrics"})
public final class ServeCommand implements Callable<Integer> {

  private static final List<String> EMBEDDED_ONLY = EmbeddedServerOptions.NAMES;
  private static final List<String> LEADER_ELECTION_OPTIONS = withLeaseTimings("--lease-namespace");
  private static final List<String> CLUSTER_ONLY = withLeaseTimings("--kubeconfig", "--lease-namespace",
      "--no-leader-election");

  @Spec
  CommandSpec spec;

  @Option(names = "--controllers", split = ",", paramLabel = "NAME",
      description = "Controllers to run, comma-separated (default: all of them: ${COMPLETION-CANDIDATES}); "
          + "none: the embedded API server alone, for controllers run elsewhere.",
      completionCandidates = ControllerNames.class)
  List<String> controllerNames;

  @Option(names = "--watch-namespaces", paramLabel = "NS[,NS...]", description = "Namespaces whose runs the "
      + "controllers answer, comma-separated (default: all; like WATCH_NAMESPACE for a controller's image).")
  String watchNamespaces;

  @Option(names = "--embedded", description = "Run an embedded API server in this process instead of using a cluster.")
  boolean embedded;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Cluster: kubeconfig to use (default: "
      + "$KUBECONFIG, ~/.kube/config, the in-cluster service account).")
  Path kubeconfig;

  @Option(names = "--lease-namespace", paramLabel = "NAMESPACE", description = "Cluster: namespace of the leader "
      + "election Lease (default: the kubeconfig context's, else 'default').")
  String leaseNamespace;

  @Option(names = "--no-leader-election", description = "Cluster: reconcile without holding the Lease (only when "
      + "one replica runs).")
  boolean noLeaderElection;

  @Mixin
  EmbeddedServerOptions embeddedServer;

  @Mixin
  LeaseTimingOptions leaseTimings;

  @Mixin
  MetricsOptions metricsOptions;

  ControllerCatalog catalog = ControllerCatalog.standard();
  Environment environment = Environment.system();

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean leadershipLost;

  @Override
  public Integer call() throws InterruptedException {
    Optional<ClusterSource> cluster = embedded ? Optional.empty()
        : new ClusterLocator(environment).configured(Optional.ofNullable(kubeconfig));
    checkOptionsFit(cluster.isEmpty());
    embeddedServer.check();
    leaseTimings.check();
    metricsOptions.check();
    List<Controller> controllers = chosenControllers(cluster.isEmpty());
    WatchedNamespaces namespaces = watchedNamespaces();
    PrintWriter out = spec.commandLine().getOut();
    List<String> crds = controllers.stream().flatMap(c -> c.crds().stream()).toList();
    try (ServeTarget target = cluster.isEmpty()
        ? embeddedServer.start(crds, environment.embeddedKubeconfig(), embedded ? "--embedded was given"
            : "no cluster is configured: no --kubeconfig, $KUBECONFIG, ~/.kube/config or service account")
        : ClusterServeTarget.connect(cluster.get(), crds, spec.commandLine().getErr());
        ServeMetrics metrics = metricsOptions.start(target.client(), target.embedded())) {
      if (target instanceof EmbeddedServeTarget embeddedTarget) {
        embeddedTarget.admitFor(controllers.stream().map(Controller::name).toList());
      }
      controllers = withoutOwnPipelineRunsWhereTektonRuns(controllers, target);
      Optional<LeaderElectionConfiguration> election = leaderElection(target);
      Operator operator = ControllerOperator.create(target.client(), election, metrics.josdk());
      controllers.forEach(c -> c.registration().register(operator, namespaces));
      Thread hook = new Thread(this::stopAndWait, "ctk-serve-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        // JOSDK refuses to start without a controller; with --controllers none there is just the server.
        if (!controllers.isEmpty()) {
          operator.start();
        }
        // Ready on every replica, leader or not: a follower is doing its job by waiting.
        metrics.markReady();
        target.printBanner(out, (controllers.isEmpty() ? "none" : String.join(", ",
            controllers.stream().map(Controller::name).toList())) + " ("
            + namespaces.describe() + ")", election
            .map(e -> "Lease " + e.getLeaseNamespace().orElse("?") + "/" + e.getLeaseName() + " as "
                + e.getIdentity().orElse("?") + " (only the holder reconciles; " + leaseTimings.describe() + ")")
            .orElse(target.embedded() ? "none (one process)" : "off (--no-leader-election)"), metrics.describe());
        stopRequested.await();
      } finally {
        if (!controllers.isEmpty()) {
          operator.stop();
        }
        // Release first: a follower can take over while the Events still go out.
        election.ifPresent(e -> releaseLease(target, e));
        RunEvents.flush(Duration.ofSeconds(5));
        removeHook(hook);
      }
      out.println("==> ctk serve: stopped.");
      out.flush();
    } finally {
      stopped.countDown();
    }
    if (leadershipLost) {
      spec.commandLine().getErr().println("error: lost the Lease " + LeaderElection.LEASE_NAME
          + " (another replica took it, or it could not be renewed within --renew-deadline "
          + GoDuration.format(leaseTimings.renewDeadline()) + "); stopped");
      spec.commandLine().getErr().flush();
      return 1;
    }
    return 0;
  }

  /** Asks a running serve to stop, as Ctrl-C does; returns at once. */
  public void stop() {
    stopRequested.countDown();
  }

  private void stopAndWait() {
    stop();
    try {
      // The JVM exits when the hooks return: give the operator and the server time to close.
      stopped.await(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<Controller> chosenControllers(boolean embeddedServer) {
    if (!embeddedServer && controllerNames != null && controllerNames.contains(ControllerCatalog.STAND_IN)) {
      throw new ParameterException(spec.commandLine(), "--controllers: " + ControllerCatalog.STAND_IN
          + " completes TaskRuns without running them; it only runs against the embedded server (--embedded)");
    }
    try {
      return (embeddedServer ? catalog : catalog.forCluster()).select(controllerNames);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--controllers: " + e.getMessage());
    }
  }

  /**
   * Where Tekton Pipelines runs, its controller already runs PipelineRuns, and ours would fight
   * it: leave ours out unless asked for by name, and refuse that.
   */
  private List<Controller> withoutOwnPipelineRunsWhereTektonRuns(List<Controller> controllers, ServeTarget target) {
    if (target.embedded() || controllers.stream().noneMatch(c -> c.name().equals("pipelinerun"))
        || !TektonPipelines.isInstalled(target.client())) {
      return controllers;
    }
    if (controllerNames != null && controllerNames.contains("pipelinerun")) {
      throw new CliException("Tekton Pipelines runs in this cluster (deployment " + TektonPipelines.CONTROLLER
          + "): its controller already runs PipelineRuns; leave 'pipelinerun' out of --controllers");
    }
    spec.commandLine().getOut().println("==> Tekton Pipelines runs in this cluster: not starting our PipelineRun "
        + "controller (Tekton's runs them).");
    return controllers.stream().filter(c -> !c.name().equals("pipelinerun")).toList();
  }

  private WatchedNamespaces watchedNamespaces() {
    try {
      return WatchedNamespaces.parse(watchNamespaces);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--watch-namespaces: " + e.getMessage());
    }
  }

  private void checkOptionsFit(boolean embeddedServer) {
    List<String> misplaced = (embeddedServer ? CLUSTER_ONLY : EMBEDDED_ONLY).stream()
        .filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o)).toList();
    if (!misplaced.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join(", ", misplaced) + (embeddedServer
          ? " applies to a cluster, but ctk serves an embedded API server here (--embedded was given, or no "
              + "cluster is configured)"
          : " applies to the embedded server only; add --embedded (a cluster is configured)"));
    }
    List<String> withoutElection = noLeaderElection ? LEADER_ELECTION_OPTIONS.stream()
        .filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o)).toList() : List.of();
    if (!withoutElection.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join(", ", withoutElection) + " and "
          + "--no-leader-election contradict each other: leave one out");
    }
  }

  private Optional<LeaderElectionConfiguration> leaderElection(ServeTarget target) {
    if (target.embedded() || noLeaderElection) {
      return Optional.empty();
    }
    String namespace = Optional.ofNullable(leaseNamespace)
        .or(() -> Optional.ofNullable(target.client().getNamespace())).orElse("default");
    String identity = LeaderElection.identity();
    PrintWriter out = spec.commandLine().getOut();
    return Optional.of(LeaderElection.configuration(namespace, identity, leaseTimings, new LeaderCallbacks(
        () -> say(out, "==> ctk serve: this replica holds the Lease now and reconciles."),
        () -> {
          // JOSDK also stops leading when the operator stops: that is no loss.
          if (stopRequested.getCount() > 0) {
            leadershipLost = true;
            stop();
          }
        },
        leader -> {
          if (leader != null && !leader.isEmpty() && !leader.equals(identity)) {
            say(out, "==> ctk serve: the Lease is held by " + leader + ".");
          }
        })));
  }

  /**
   * A clean stop gives the Lease up, so that a follower takes over within its retry period rather
   * than the lease duration. A failure to do so costs only that time: it is a warning.
   */
  private void releaseLease(ServeTarget target, LeaderElectionConfiguration election) {
    String namespace = election.getLeaseNamespace().orElseThrow();
    try {
      if (LeaderElection.release(target.client(), namespace, election.getIdentity().orElseThrow())) {
        say(spec.commandLine().getOut(), "==> ctk serve: released the Lease " + namespace + "/"
            + election.getLeaseName() + " for another replica to take at once.");
      }
    } catch (KubernetesClientException e) {
      say(spec.commandLine().getErr(), "warning: could not release the Lease " + namespace + "/"
          + election.getLeaseName() + " (" + e.getMessage() + "); another replica takes over when it expires, "
          + GoDuration.format(leaseTimings.leaseDuration()) + " after its last renewal");
    }
  }

  private static void say(PrintWriter writer, String line) {
    writer.println(line);
    writer.flush();
  }

  private static List<String> withLeaseTimings(String... options) {
    List<String> all = new ArrayList<>(List.of(options));
    all.addAll(LeaseTimingOptions.NAMES);
    return List.copyOf(all);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook is running, nothing to remove.
    }
  }

  /** For {@code --help}: the names of the controllers in the standard catalog. */
  static final class ControllerNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return ControllerCatalog.standard().names().iterator();
    }
  }
}
