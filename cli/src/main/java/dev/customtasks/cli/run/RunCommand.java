package dev.customtasks.cli.run;

import dev.customtasks.crds.api.SafeText;
import dev.customtasks.cli.BadCommandLine;
import dev.customtasks.cli.CliException;
import dev.customtasks.cli.GoDurationConverter;
import dev.customtasks.cli.cluster.ClusterLocator;
import dev.customtasks.cli.cluster.ClusterOptions;
import dev.customtasks.cli.cluster.Connection;
import dev.customtasks.cli.cluster.Environment;
import dev.customtasks.cli.describe.Answerers;
import dev.customtasks.cli.describe.RunState;
import dev.customtasks.cli.output.Durations;
import dev.customtasks.cli.output.Terminal;
import dev.customtasks.cli.serve.Controller;
import dev.customtasks.cli.serve.ControllerCatalog;
import dev.customtasks.cli.timeline.TimelineOutput;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.controller.CustomTaskModule;
import dev.customtasks.crds.duration.GoDuration;
import dev.customtasks.crds.controller.Operators;
import dev.customtasks.crds.controller.WatchedNamespaces;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ctk run FILE}: applies the objects of a YAML file and follows its PipelineRun to the
 * end. With {@code --embedded} (or when no cluster is configured) everything runs in this
 * process: an embedded API server, the PipelineRun controller, the task controllers and the
 * TaskRun executor stand-in.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Apply a file's Pipeline, custom task objects and PipelineRun, and follow the run to its end.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  ctk run examples/release.yaml --embedded",
        "  ctk run examples/fan-in-cool-down.yaml --embedded -p cool-down=5s",
        "  ctk run my-pipeline.yaml -n ci     # on the current kubeconfig's cluster",
        "",
        "Exit codes: 0 the PipelineRun succeeded, 1 it failed (its reason and the failing",
        "task's on stderr) or the file could not be applied, 2 bad command line."})
public final class RunCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "Multi-document YAML with exactly one PipelineRun.")
  Path file;

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
      description = "Set a param of the PipelineRun (repeatable); replaces the file's value. "
          + "The pipeline must declare it.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--embedded", description = "Run an API server and every controller in this process.")
  boolean embedded;

  @Option(names = "--follow-timeout", paramLabel = "DURATION", defaultValue = "2h", converter = GoDurationConverter.class,
      description = "Stop following after this long (default: ${DEFAULT-VALUE}); on a cluster the run goes on, "
          + "with --embedded it stops with ctk.")
  Duration followTimeout;

  @Mixin
  ClusterOptions cluster;

  Environment environment = Environment.system();
  ControllerCatalog catalog = ControllerCatalog.standard();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunFile runFile = RunFile.read(file);
    Map<String, String> overrides = params;
    boolean inProcess = embedded || (cluster.kubeconfig().isEmpty()
        && new ClusterLocator(environment).configured(java.util.Optional.empty()).isEmpty()
        && !java.nio.file.Files.isRegularFile(environment.embeddedKubeconfig()));
    if (inProcess) {
      return runInProcess(runFile, overrides, out, err);
    }
    try (Connection connection = cluster.connect(environment, err)) {
      out.println("==> ctk run: against " + connection.source().description() + " (" + connection.serverUrl()
          + "), namespace " + connection.namespace() + ". Its controllers must be running there.");
      return applyAndFollow(connection.client(), connection.namespace(), runFile, overrides, out, err,
          Answerers.onCluster(), new FollowEnd(false, connection.namespace(), connection.serverUrl()));
    }
  }

  private int runInProcess(RunFile runFile, Map<String, String> overrides, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    String why = embedded ? "--embedded was given" : "no cluster is configured";
    List<Controller> controllers = catalog.all();
    try (EmbeddedApiServer server = EmbeddedApiServer.start(InetAddress.getLoopbackAddress(), 0, false)) {
      server.installCrds(controllers.stream().flatMap(c -> c.crds().stream()).distinct().toList());
      // Every task module runs here, so every module's admission handlers guard the embedded server.
      CustomTaskModule.discover().forEach(m -> m.admissionHandlers(server.admissionReads()).forEach(server::admit));
      Operator operator = Operators.create(server.client());
      controllers.forEach(c -> c.registration().register(operator, WatchedNamespaces.all()));
      operator.start();
      try {
        out.println("==> ctk run: EMBEDDED API server in this process (" + why + "); everything ends with ctk.");
        out.println("    controllers: " + String.join(", ", controllers.stream().map(Controller::name).toList()));
        out.println("    No Pod runs here: ordinary tasks (TaskRuns) are completed by the executor stand-in;");
        out.println("    custom tasks (CustomRuns) are run by their real controllers.");
        String namespace = cluster.namespace().orElse("default");
        return applyAndFollow(server.client(), namespace, runFile, overrides, out, err,
            Answerers.inProcess(name -> controllers.stream().anyMatch(c -> c.name().equals(name))),
            new FollowEnd(true, namespace, server.url()));
      } finally {
        operator.stop();
      }
    }
  }

  private int applyAndFollow(KubernetesClient client, String namespace, RunFile runFile,
      Map<String, String> overrides, PrintWriter out, PrintWriter err, Answerers answerers, FollowEnd followEnd)
      throws InterruptedException {
    Applier applier = new Applier(client, namespace);
    applier.checkKinds(runFile);
    DeclaredParams.undeclared(runFile.pipelineRun(), overrides.keySet(), name -> pipelineNamed(client, namespace,
        runFile, name)).ifPresent(problem -> {
          throw new BadCommandLine(problem);
        });
    setParams(runFile.pipelineRun(), overrides);
    GenericKubernetesResource created = null;
    for (GenericKubernetesResource object : runFile.objects()) {
      GenericKubernetesResource applied = applier.apply(object);
      if (object == runFile.pipelineRun()) {
        created = applied;
      } else {
        out.println("    applied " + object.getKind() + " " + applied.getMetadata().getName());
      }
    }
    String name = created.getMetadata().getName();
    out.println("==> PipelineRun " + name + " created; following it (" + followEnd.ctrlC() + "):");
    out.flush();
    Terminal terminal = Terminal.detect();
    boolean live = System.console() != null && terminal.colour();
    PipelineRun done;
    // Ctrl-C ends the JVM (exit 130) through its shutdown hooks: say what becomes of the run.
    AtomicBoolean following = new AtomicBoolean(true);
    Thread onCtrlC = new Thread(() -> {
      if (following.get()) {
        err.println(followEnd.interrupted(name));
        err.flush();
      }
    }, "ctk-run-interrupted");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      done = new Follower(client, namespace, out, terminal, live, Clock.systemUTC(), answerers)
          .follow(name, followTimeout);
    } catch (Follower.StillRunning e) {
      throw new CliException(followEnd.timedOut(name, followTimeoutAsTyped()));
    } catch (Follower.NeverAnswered e) {
      throw new CliException("PipelineRun " + name + " cannot finish: " + e.getMessage());
    } finally {
      following.set(false);
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already stopping; the hook has run or will find following false.
      }
    }
    TimelineOutput.printText(client, done, out, terminal, Clock.systemUTC().instant());
    return report(client, namespace, done, out, err, terminal, answerers);
  }

  private int report(KubernetesClient client, String namespace, PipelineRun done, PrintWriter out, PrintWriter err,
      Terminal terminal, Answerers answerers) {
    var condition = done.getStatus().succeededCondition().orElseThrow();
    Duration took = Duration.between(done.getStatus().startInstant(), done.getStatus().completionInstant());
    RunState state = RunState.of(done.getStatus());
    out.println("==> PipelineRun " + done.getMetadata().getName() + " " + RunState.paint(state.word(), terminal)
        + " (" + SafeText.escape(condition.getReason()) + ") in " + Durations.elapsed(took) + ": "
        + SafeText.escape(condition.getMessage()));
    if (done.getStatus().getResults() != null) {
      done.getStatus().getResults().forEach(r -> out.println("    result " + SafeText.escape(r.getName()) + " = "
          + SafeText.escape(String.valueOf(r.getValue()))));
    }
    out.flush();
    if (done.isSuccessful()) {
      return 0;
    }
    String failing = failingTaskOnceStopped(client, namespace, done);
    if (failing.isEmpty()) {
      failing = unansweredTask(client, namespace, done, answerers);
    }
    err.println(SafeText.escape("error: PipelineRun " + done.getMetadata().getName() + " failed: "
        + condition.getReason() + ": " + firstLine(condition.getMessage()) + firstLine(failing)));
    err.flush();
    return 1;
  }

  /**
   * The first line of {@code message}, with {@code (…)} where it had more: the last line is one
   * line, and a CEL error's caret diagram (on the lines after its first) is in the timeline and
   * in {@code ctk describe}.
   */
  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end).stripTrailing() + " (…)";
  }

  /**
   * {@link #failingTask}, giving children the run asked to stop a few seconds to report it: as in
   * Tekton, a cancelled or timed-out PipelineRun ends at once, before its children answer.
   */
  private static String failingTaskOnceStopped(KubernetesClient client, String namespace, PipelineRun run) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    String failing = failingTask(client, namespace, run);
    while (failing.isEmpty() && System.nanoTime() < deadline && anyStopping(client, namespace, run)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      failing = failingTask(client, namespace, run);
    }
    return failing;
  }

  private static boolean anyStopping(KubernetesClient client, String namespace, PipelineRun run) {
    return customRuns(client, namespace, run).stream()
        .anyMatch(c -> c.isCancelled() && !c.isDone());
  }

  /**
   * A child that no controller ever answered, as {@code ; task NAME: no controller here answers ...},
   * or nothing: a run that timed out waiting for a mistyped kind then says why in its last line.
   */
  private static String unansweredTask(KubernetesClient client, String namespace, PipelineRun run,
      Answerers answerers) {
    Instant now = Clock.systemUTC().instant();
    return FailingTask.ownRuns(client, run).stream()
        .filter(CustomRun.class::isInstance).map(CustomRun.class::cast)
        .flatMap(c -> answerers.unanswered(c, now)
            .map(why -> "; task " + c.getMetadata().getLabels().get(TektonLabels.PIPELINE_TASK) + ": " + why).stream())
        .findFirst().orElse("");
  }

  private static List<CustomRun> customRuns(KubernetesClient client, String namespace, PipelineRun run) {
    return client.resources(CustomRun.class).inNamespace(namespace)
        .withLabel(TektonLabels.PIPELINE_RUN, run.getMetadata().getName()).list().getItems();
  }

  /**
   * The innermost failing task under the run, as {@code ; task PATH: REASON: MESSAGE}, or nothing:
   * see {@link FailingTask}.
   */
  private static String failingTask(KubernetesClient client, String namespace, PipelineRun run) {
    return FailingTask.of(client, run).map(FailingTask.Cause::suffix).orElse("");
  }

  /** {@code --follow-timeout} as the user typed it ({@code 1h30m}), else its default in Go's form. */
  private String followTimeoutAsTyped() {
    var option = spec == null ? null : spec.findOption("--follow-timeout");
    return option != null && !option.originalStringValues().isEmpty()
        ? option.originalStringValues().get(option.originalStringValues().size() - 1)
        : GoDuration.format(followTimeout);
  }

  /** The Pipeline of a name: the file's, else the API server's, else none (the run will say so). */
  private static Optional<GenericKubernetesResource> pipelineNamed(KubernetesClient client, String namespace,
      RunFile runFile, String name) {
    Optional<GenericKubernetesResource> inFile = runFile.objects().stream()
        .filter(o -> "Pipeline".equals(o.getKind()) && name.equals(o.getMetadata().getName())).findFirst();
    if (inFile.isPresent()) {
      return inFile;
    }
    try {
      return Optional.ofNullable(client.genericKubernetesResources("tekton.dev/v1", "Pipeline").inNamespace(namespace)
          .withName(name).get());
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private static void setParams(GenericKubernetesResource run, Map<String, String> overrides) {
    if (overrides.isEmpty()) {
      return;
    }
    Map<String, Object> spec = (Map<String, Object>) run.getAdditionalProperties()
        .computeIfAbsent("spec", k -> new LinkedHashMap<String, Object>());
    List<Map<String, Object>> list = new ArrayList<>();
    if (spec.get("params") instanceof List<?> existing) {
      existing.forEach(p -> list.add((Map<String, Object>) p));
    }
    overrides.forEach((name, value) -> {
      list.removeIf(p -> name.equals(p.get("name")));
      Map<String, Object> param = new LinkedHashMap<>();
      param.put("name", name);
      param.put("value", value);
      list.add(param);
    });
    spec.put("params", list);
  }
}
