package dev.customtasks.cli.describe;

import dev.customtasks.cli.approval.ApprovalProgress;
import dev.customtasks.cli.output.Details;
import dev.customtasks.cli.output.Table;
import dev.customtasks.cli.output.Terminal;
import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.SafeText;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunSpec;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ctk describe customrun}: what the run asks for, where it stands, and what it returned. */
final class CustomRunDescription {

  private CustomRunDescription() {
  }

  static void print(CustomRun run, PrintWriter out, Terminal terminal, Instant now) {
    print(run, out, terminal, now, Answerers.silent());
  }

  static void print(CustomRun run, PrintWriter out, Terminal terminal, Instant now, Answerers answerers) {
    print(run, out, terminal, now, answerers, Optional.empty());
  }

  /** @param approval where an approval run's request stands ({@link ApprovalProgress#read}); empty for others */
  static void print(CustomRun run, PrintWriter out, Terminal terminal, Instant now, Answerers answerers,
      Optional<ApprovalProgress> approval) {
    RunRow row = RunRow.of(run);
    CustomRunSpec spec = Optional.ofNullable(run.getSpec()).orElseGet(CustomRunSpec::new);
    Map<String, String> labels = Optional.ofNullable(run.getMetadata().getLabels()).orElse(Map.of());
    new Details()
        .add("Name", row.name())
        .add("Namespace", row.namespace())
        .add("Task", task(run))
        .addIfPresent("PipelineRun", labels.get(TektonLabels.PIPELINE_RUN) == null ? null
            : labels.get(TektonLabels.PIPELINE_RUN) + " (task " + labels.getOrDefault(TektonLabels.PIPELINE_TASK, "?") + ")")
        .add("State", RunState.paint(row.state().word(), terminal))
        .add("Reason", row.reason())
        .add("Message", row.message())
        .addIfPresent("Approvals", approval.map(ApprovalProgress::line).map(SafeText::escape).orElse(null))
        .addIfPresent("Waiting", answerers.unanswered(run, now).orElse(null))
        .add("Created", Times.when(row.created(), now))
        .add("Started", Times.when(row.started(), now))
        .add("Completed", Times.when(row.completed(), now))
        .add("Duration", Times.took(row, now))
        .add("Timeout", spec.getTimeout())
        .addIfPresent("Retries", retries(run))
        .addIfPresent("Cancel", run.isCancelled() ? "requested (spec.status: " + CustomRun.CANCELLED + ")" : null)
        .print(out);
    printParams(spec.getParams(), out);
    printResults(row, out);
    CombinationsSection.print(run, out, terminal);
    IterationsSection.print(run, out);
  }

  private static String task(CustomRun run) {
    String kind = run.taskKind().map(k -> k.kind() + " (" + k.apiVersion() + ")").orElse("none named");
    CustomRunSpec spec = run.getSpec();
    if (spec != null && spec.getCustomRef() != null && spec.getCustomRef().getName() != null) {
      return kind + ", object " + spec.getCustomRef().getName();
    }
    return spec != null && spec.getCustomSpec() != null ? kind + ", embedded spec" : kind;
  }

  private static String retries(CustomRun run) {
    Integer retries = run.getSpec() == null ? null : run.getSpec().getRetries();
    int failed = run.getStatus() == null ? 0 : run.getStatus().failedAttempts();
    if (retries == null && failed == 0) {
      return null;
    }
    return (retries == null ? 0 : retries) + " allowed, " + failed + " used";
  }

  static void printParams(List<Param> params, PrintWriter out) {
    if (params == null || params.isEmpty()) {
      out.println("Params:   <none>");
      return;
    }
    out.println("Params:");
    Table table = Table.withColumns("NAME", "VALUE");
    params.forEach(p -> table.row(p.getName(), RunRow.text(p.getValue())));
    table.print(out, "  ");
  }

  static void printResults(RunRow row, PrintWriter out) {
    if (row.results().isEmpty()) {
      out.println("Results:  <none>");
      out.flush();
      return;
    }
    out.println("Results:");
    Table table = Table.withColumns("NAME", "VALUE");
    row.results().forEach(table::row);
    table.print(out, "  ");
  }
}
