package dev.customtasks.cli.describe;

import dev.customtasks.cli.cluster.ClusterOptions;
import dev.customtasks.cli.cluster.Connection;
import dev.customtasks.cli.cluster.Environment;
import dev.customtasks.cli.output.Durations;
import dev.customtasks.cli.output.ObjectPrinter;
import dev.customtasks.cli.output.OutputFormat;
import dev.customtasks.cli.output.Table;
import dev.customtasks.cli.output.Terminal;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ctk list}: the runs and their state, oldest first. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
    description = "List PipelineRuns and CustomRuns (or one kind of run) with their state.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  ctk list                   # PipelineRuns and CustomRuns in this namespace",
        "  ctk list customruns -n builds",
        "  ctk list pipelineruns -A   # in every namespace",
        "  ctk list taskruns -o yaml"})
public final class ListCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ClusterOptions cluster;

  @Parameters(arity = "0..1", paramLabel = "KIND", converter = RunKind.Converter.class,
      description = "pipelineruns, customruns or taskruns (default: pipelineruns and customruns).")
  RunKind kind;

  @Option(names = {"-A", "--all-namespaces"}, description = "List runs in every namespace.")
  boolean allNamespaces;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
      description = "yaml or json: the objects instead of a table.")
  OutputFormat output;

  Environment environment = Environment.system();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Connection connection = cluster.connect(environment, err)) {
      String namespace = allNamespaces ? null : connection.namespace();
      List<RunKind> kinds = kind != null ? List.of(kind) : List.of(RunKind.PIPELINERUNS, RunKind.CUSTOMRUNS);
      List<RunRow> rows = new ArrayList<>();
      kinds.forEach(k -> rows.addAll(k.list(connection.client(), namespace)));
      rows.sort(Comparator.comparing(RunRow::created, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(RunRow::name));
      if (output != null) {
        ObjectPrinter.printList(output, rows.stream().map(RunRow::object).toList(), out);
      } else if (rows.isEmpty()) {
        err.println("No runs found" + (namespace == null ? "." : " in namespace " + namespace + "."));
        err.flush();
      } else {
        table(rows, Instant.now()).print(out);
      }
    }
    return 0;
  }

  private Table table(List<RunRow> rows, Instant now) {
    Terminal terminal = Terminal.detect();
    List<String> headers = new ArrayList<>(List.of("NAME", "KIND", "TASK", "STATE", "REASON", "AGE", "DURATION"));
    if (allNamespaces) {
      headers.add(0, "NAMESPACE");
    }
    Table table = Table.withColumns(headers.toArray(String[]::new))
        .styled((header, cell) -> header.equals("STATE") ? RunState.paint(cell, terminal) : cell);
    for (RunRow row : rows) {
      List<String> cells = new ArrayList<>(List.of(row.name(), row.kind(), row.task(), row.state().word(),
          nullToEmpty(row.reason()), row.age(now).map(Durations::age).orElse(""),
          row.duration(now).map(Durations::elapsed).orElse("")));
      if (allNamespaces) {
        cells.add(0, row.namespace());
      }
      table.row(cells);
    }
    return table;
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
