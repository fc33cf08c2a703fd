package dev.customtasks.cli.describe;

import dev.customtasks.cli.output.Durations;
import dev.customtasks.cli.output.Table;
import dev.customtasks.cli.output.Terminal;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A PipelineRun with its runs and, under each CustomRun that ran a whole pipeline (a
 * sub-pipeline), the PipelineRun it created with its own runs, all the way down: what
 * {@code ctk describe pipelinerun} prints under "Tree:" and {@code ctk run} follows. A nested
 * PipelineRun is found by the label {@code tekton.dev/customRun} and its owner reference to the
 * CustomRun.
 *
 * @param task the pipeline task the run belongs to ("" for the top PipelineRun and a nested one)
 * @param row the run
 * @param children its runs (for a PipelineRun) or its nested PipelineRuns (for a CustomRun)
 */
public record PipelineRunTree(String task, RunRow row, List<PipelineRunTree> children) {

  /** Deeper than this is not followed (the sub-pipeline controller's own limit is 10 by default). */
  public static final int MAX_FOLLOWED = 20;

  /** The tree under {@code run}, read from the server. */
  public static PipelineRunTree of(KubernetesClient client, PipelineRun run) {
    return of(client, run, RunRow.of(run), 0, new HashSet<>());
  }

  private static PipelineRunTree of(KubernetesClient client, PipelineRun run, RunRow row, int depth,
      Set<String> seen) {
    seen.add(run.getMetadata().getUid());
    List<PipelineRunTree> children = new ArrayList<>();
    for (RunRow child : PipelineRunChildren.of(client, run)) {
      List<PipelineRunTree> nested = new ArrayList<>();
      if (child.object() instanceof CustomRun && depth < MAX_FOLLOWED) {
        for (PipelineRun pipelineRun : nested(client, child.object())) {
          if (!seen.contains(pipelineRun.getMetadata().getUid())) {
            nested.add(of(client, pipelineRun, RunRow.of(pipelineRun), depth + 1, seen));
          }
        }
      }
      children.add(new PipelineRunTree(PipelineRunChildren.taskOf(child, run), child, nested));
    }
    return new PipelineRunTree("", row, children);
  }

  /** The PipelineRuns {@code run} (a CustomRun) created, oldest first. */
  public static List<PipelineRun> nested(KubernetesClient client, HasMetadata run) {
    String uid = run.getMetadata().getUid();
    return client.resources(PipelineRun.class).inNamespace(run.getMetadata().getNamespace())
        .withLabel(TektonLabels.CUSTOM_RUN, run.getMetadata().getName()).list().getItems().stream()
        .filter(p -> p.getMetadata().getOwnerReferences() != null && p.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> uid != null && uid.equals(o.getUid())))
        .sorted(Comparator.comparing(p -> Optional.ofNullable(p.getMetadata().getCreationTimestamp()).orElse("")))
        .toList();
  }

  /** Whether any run under the top one ran a pipeline of its own. */
  public boolean hasNested() {
    return children.stream().anyMatch(c -> !c.children().isEmpty());
  }

  /**
   * Prints the tree, one run a line, indented by nesting, with each run's state; the message of each
   * nested PipelineRun and of each run that failed (where a nested failure's cause is said).
   */
  public void print(PrintWriter out, Terminal terminal, Instant now) {
    out.println("Tree:");
    Table table = Table.withColumns("RUN", "KIND", "NAME", "STATE", "DURATION", "MESSAGE")
        .styled((header, cell) -> header.equals("STATE") ? RunState.paint(cell, terminal) : cell);
    addRows(table, "", "", now, true);
    table.print(out, "  ");
  }

  private void addRows(Table table, String prefix, String childPrefix, Instant now, boolean top) {
    String label = prefix + (task.isEmpty() ? row.task() : task);
    boolean pipelineRun = PipelineRun.KIND.equals(row.kind());
    table.row(label, row.kind(), row.name(), row.state().word(), row.duration(now).map(Durations::elapsed).orElse(""),
        (pipelineRun || row.state() == RunState.FAILED) && !top ? Optional.ofNullable(row.message()).orElse("") : "");
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      children.get(i).addRows(table, childPrefix + (last ? "`- " : "+- "), childPrefix + (last ? "   " : "|  "), now,
          false);
    }
  }

  /** Every run in the tree, top first, depth first: each with its path of pipeline tasks. */
  public List<Entry> flatten() {
    List<Entry> entries = new ArrayList<>();
    flatten("", 0, entries);
    return entries;
  }

  private void flatten(String path, int depth, List<Entry> entries) {
    entries.add(new Entry(path, depth, this));
    for (PipelineRunTree child : children) {
      String childPath = child.task().isEmpty() ? path : path.isEmpty() ? child.task() : path + "/" + child.task();
      child.flatten(childPath, depth + (PipelineRun.KIND.equals(child.row().kind()) ? 1 : 0), entries);
    }
  }

  /**
   * One run of the tree.
   *
   * @param path the pipeline tasks from the top down to it, "/"-separated ({@code build-all/compile})
   * @param depth how many sub-pipelines deep it is (0 for the top PipelineRun's own runs)
   * @param node the run and what is under it
   */
  public record Entry(String path, int depth, PipelineRunTree node) {
  }
}
