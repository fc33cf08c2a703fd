package dev.customtasks.cli.describe;

import dev.customtasks.cli.CliException;
import dev.customtasks.cli.approval.ApprovalProgress;
import dev.customtasks.cli.cluster.ClusterOptions;
import dev.customtasks.cli.cluster.Connection;
import dev.customtasks.cli.cluster.Environment;
import dev.customtasks.cli.output.ObjectPrinter;
import dev.customtasks.cli.output.OutputFormat;
import dev.customtasks.cli.output.Terminal;
import dev.customtasks.cli.timeline.TimelineOptions;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctk describe customrun|pipelinerun NAME}: one run in detail. */
@Command(name = "describe", mixinStandardHelpOptions = true,
    description = "Show one run in detail: its task, state, timings, params and results; for a PipelineRun, "
        + "every run it created.",
    subcommands = {DescribeCommand.OfCustomRun.class, DescribeCommand.OfPipelineRun.class},
    footerHeading = "%nExamples:%n",
    footer = {
        "  ctk describe customrun tekton-test-wait",
        "  ctk describe pipelinerun build-42 -n ci",
        "  ctk describe pr build-42 -o yaml     # the run and its runs as a v1 List"})
public final class DescribeCommand {

  /** What both kinds share: where to look, the name, and the output format. */
  abstract static class OfRun implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "NAME", description = "The run's name.")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
        description = "yaml or json: the object(s) instead of a description.")
    OutputFormat output;

    Environment environment = Environment.system();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Connection connection = cluster.connect(environment, spec.commandLine().getErr())) {
        describe(connection, out);
      }
      return 0;
    }

    abstract void describe(Connection connection, PrintWriter out);

    <T extends HasMetadata> T find(Connection connection, RunKind kind, Class<T> type) {
      return kind.get(connection.client(), connection.namespace(), name).map(type::cast)
          .orElseThrow(() -> new CliException(kind.plural().replaceAll("s$", "") + " \"" + name
              + "\" not found in namespace \"" + connection.namespace() + "\" (" + connection.serverUrl() + ")"));
    }
  }

  @Command(name = "customrun", aliases = "customruns", mixinStandardHelpOptions = true,
      description = "Describe a CustomRun: its task, params, state, timings and results.",
      footerHeading = "%nExamples:%n",
      footer = {"  ctk describe customrun tekton-test-wait", "  ctk describe customrun wait-1 -n ci -o json"})
  static final class OfCustomRun extends OfRun {
    @Override
    void describe(Connection connection, PrintWriter out) {
      CustomRun run = find(connection, RunKind.CUSTOMRUNS, CustomRun.class);
      if (output != null) {
        ObjectPrinter.print(output, run, out);
      } else {
        CustomRunDescription.print(run, out, Terminal.detect(), Instant.now(), Answerers.onCluster(),
            ApprovalProgress.read(connection.client(), run));
      }
    }
  }

  @Command(name = "pipelinerun", aliases = {"pipelineruns", "pr"}, mixinStandardHelpOptions = true,
      description = "Describe a PipelineRun and the runs it created, with their timings and results.",
      footerHeading = "%nExamples:%n",
      footer = {"  ctk describe pipelinerun build-42", "  ctk describe pr build-42 -o yaml",
          "  ctk describe pr build-42 --timeline", "  ctk describe pr --timeline build-42   # the same",
          "  ctk describe pr build-42 --timeline=svg build-42.svg",
          "  ctk describe pr build-42 --timeline -o json   # the spans, for scripts"})
  static final class OfPipelineRun extends OfRun {
    @Mixin
    TimelineOptions timeline;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "Where --timeline=svg writes.")
    java.nio.file.Path timelineFile;

    @Override
    public Integer call() {
      // A bad command line is told before anything is read from the cluster.
      timeline.validate(spec.commandLine(), timelineFile);
      return super.call();
    }

    @Override
    void describe(Connection connection, PrintWriter out) {
      PipelineRun run = find(connection, RunKind.PIPELINERUNS, PipelineRun.class);
      if (timeline.requested()) {
        timeline.show(connection.client(), run, output, timelineFile, out);
        return;
      }
      List<RunRow> children = PipelineRunChildren.of(connection.client(), run);
      if (output != null) {
        List<HasMetadata> all = new ArrayList<>(List.of(run));
        children.forEach(c -> all.add(c.object()));
        ObjectPrinter.printList(output, all, out);
      } else {
        Map<String, String> approvals = new java.util.HashMap<>();
        children.stream().filter(c -> c.state() == RunState.RUNNING && c.object() instanceof CustomRun)
            .forEach(c -> ApprovalProgress.read(connection.client(), (CustomRun) c.object())
                .ifPresent(p -> approvals.put(c.name(), p.line())));
        PipelineRunDescription.print(run, children, out, Terminal.detect(), Instant.now(), Answerers.onCluster(),
            approvals);
        PipelineRunTree tree = PipelineRunTree.of(connection.client(), run);
        if (tree.hasNested()) {
          tree.print(out, Terminal.detect(), Instant.now());
        }
      }
    }
  }
}
