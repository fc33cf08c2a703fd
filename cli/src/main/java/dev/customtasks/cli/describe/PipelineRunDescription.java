package dev.customtasks.cli.describe;

import dev.customtasks.cli.approval.ApprovalProgress;
import dev.customtasks.cli.output.Details;
import dev.customtasks.cli.output.Durations;
import dev.customtasks.cli.output.Table;
import dev.customtasks.cli.output.Terminal;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.SkippedTask;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ctk describe pipelinerun}: the run, then one line per child run with its timing
 * (STARTED is measured from the PipelineRun's start, so the gaps between tasks show), its
 * state and results; then skipped tasks and the pipeline's results.
 */
final class PipelineRunDescription {

  private PipelineRunDescription() {
  }

  static void print(PipelineRun run, List<RunRow> children, PrintWriter out, Terminal terminal, Instant now) {
    print(run, children, out, terminal, now, Answerers.silent());
  }

  static void print(PipelineRun run, List<RunRow> children, PrintWriter out, Terminal terminal, Instant now,
      Answerers answerers) {
    print(run, children, out, terminal, now, answerers, Map.of());
  }

  /**
   * @param approvals where each approval child's request stands ({@link ApprovalProgress#line()}), by
   *     the child's name: said under {@code Running:} instead of the controller's message, which names
   *     approvers who already decided as if they had not
   */
  static void print(PipelineRun run, List<RunRow> children, PrintWriter out, Terminal terminal, Instant now,
      Answerers answerers, Map<String, String> approvals) {
    RunRow row = RunRow.of(run);
    new Details()
        .add("Name", row.name())
        .add("Namespace", row.namespace())
        .add("Pipeline", row.task())
        .add("State", RunState.paint(row.state().word(), terminal))
        .add("Reason", row.reason())
        .add("Message", row.message())
        .add("Created", Times.when(row.created(), now))
        .add("Started", Times.when(row.started(), now))
        .add("Completed", Times.when(row.completed(), now))
        .add("Duration", Times.took(row, now))
        .addIfPresent("Spec status", run.getSpec() == null ? null : run.getSpec().getStatus())
        .print(out);
    CustomRunDescription.printParams(run.getSpec() == null ? null : run.getSpec().getParams(), out);
    printTasks(run, row, children, out, terminal, now);
    printRunningMessages(run, children, out, approvals);
    printUnanswered(run, children, out, answerers, now);
    printSkipped(run, out);
    CustomRunDescription.printResults(row, out);
  }

  private static void printTasks(PipelineRun run, RunRow pipelineRun, List<RunRow> children, PrintWriter out,
      Terminal terminal, Instant now) {
    if (children.isEmpty()) {
      out.println("Tasks:    <none> (no runs created yet)");
      return;
    }
    out.println("Tasks:");
    Table table = Table.withColumns("TASK", "KIND", "NAME", "STATE", "REASON", "STARTED", "DURATION", "RESULTS")
        .styled((header, cell) -> header.equals("STATE") ? RunState.paint(cell, terminal) : cell);
    for (RunRow child : children) {
      table.row(PipelineRunChildren.taskOf(child, run), child.kind(), child.name(), child.state().word(),
          Optional.ofNullable(child.reason()).orElse(""), offset(pipelineRun.started(), child.started()),
          child.duration(now).map(Durations::elapsed).orElse(""), child.resultsInOneLine());
    }
    table.print(out, "  ");
  }

  /** What the running tasks say they are doing, e.g. a Lock's place in line. */
  private static void printRunningMessages(PipelineRun run, List<RunRow> children, PrintWriter out,
      Map<String, String> approvals) {
    List<RunRow> saying = children.stream().filter(c -> c.state() == RunState.RUNNING
        && (approvals.containsKey(c.name()) || c.message() != null && !c.message().isBlank())).toList();
    if (saying.isEmpty()) {
      return;
    }
    out.println("Running:");
    saying.forEach(c -> out.println("  " + PipelineRunChildren.taskOf(c, run) + ": "
        + dev.customtasks.crds.api.SafeText.escape(approvals.getOrDefault(c.name(), c.message()))));
  }

  /** The custom tasks no controller has answered, and why they wait ({@link Answerers}). */
  private static void printUnanswered(PipelineRun run, List<RunRow> children, PrintWriter out, Answerers answerers,
      Instant now) {
    List<String> lines = new ArrayList<>();
    for (RunRow child : children) {
      if (child.object() instanceof CustomRun custom) {
        answerers.unanswered(custom, now).ifPresent(m -> lines.add("  " + PipelineRunChildren.taskOf(child, run) + ": " + m));
      }
    }
    if (!lines.isEmpty()) {
      out.println("Waiting:");
      lines.forEach(out::println);
    }
  }

  private static void printSkipped(PipelineRun run, PrintWriter out) {
    List<SkippedTask> skipped = run.getStatus() == null ? null : run.getStatus().getSkippedTasks();
    if (skipped == null || skipped.isEmpty()) {
      return;
    }
    out.println("Skipped:");
    Table table = Table.withColumns("TASK", "REASON");
    skipped.forEach(s -> table.row(s.getName(), s.getReason()));
    table.print(out, "  ");
  }

  /** When a child started, after its PipelineRun did: "+1.2s". */
  private static String offset(Instant pipelineStart, Instant childStart) {
    if (childStart == null) {
      return "";
    }
    if (pipelineStart == null) {
      return childStart.toString();
    }
    return "+" + Durations.elapsed(Duration.between(pipelineStart, childStart));
  }
}
