package dev.customtasks.pipelinerun.dag;

import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.pipelinerun.substitution.Reference;
import dev.customtasks.pipelinerun.substitution.References;
import dev.customtasks.pipelinerun.validation.InvalidPipelineException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order of a pipeline's tasks: a task runs after those in its {@code runAfter} and those
 * whose results it uses. Built once per run; rejects unknown names and cycles with Tekton's
 * {@code PipelineInvalidGraph} reason.
 */
public final class PipelineGraph {

  private final Map<String, Set<String>> parents;
  private final List<String> order;

  private PipelineGraph(Map<String, Set<String>> parents, List<String> order) {
    this.parents = parents;
    this.order = order;
  }

  /** The graph of {@code tasks} (the DAG part of a pipeline, not {@code finally}). */
  public static PipelineGraph of(List<PipelineTask> tasks) {
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    for (PipelineTask task : tasks) {
      parents.put(task.getName(), new LinkedHashSet<>());
    }
    for (PipelineTask task : tasks) {
      Set<String> mine = parents.get(task.getName());
      if (task.getRunAfter() != null) {
        for (String before : task.getRunAfter()) {
          if (!parents.containsKey(before)) {
            throw new InvalidPipelineException(PipelineRunReason.INVALID_GRAPH, "pipeline task \"" + task.getName()
                + "\": runAfter names \"" + before + "\", which is not a task of this pipeline");
          }
          mine.add(before);
        }
      }
      for (Reference ref : References.in(task)) {
        if (ref.source() == Reference.Source.TASK_RESULT && parents.containsKey(ref.name())) {
          mine.add(ref.name());
        }
      }
      if (mine.contains(task.getName())) {
        throw new InvalidPipelineException(PipelineRunReason.INVALID_GRAPH, "pipeline task \"" + task.getName()
            + "\" depends on itself");
      }
    }
    return new PipelineGraph(parents, topologicalOrder(parents));
  }

  private static List<String> topologicalOrder(Map<String, Set<String>> parents) {
    List<String> order = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> onPath = new LinkedHashSet<>();
    for (String task : parents.keySet()) {
      visit(task, parents, done, onPath, order);
    }
    return Collections.unmodifiableList(order);
  }

  private static void visit(String task, Map<String, Set<String>> parents, Set<String> done, Set<String> onPath,
      List<String> order) {
    if (done.contains(task)) {
      return;
    }
    if (!onPath.add(task)) {
      List<String> cycle = new ArrayList<>(onPath);
      cycle = cycle.subList(cycle.indexOf(task), cycle.size());
      throw new InvalidPipelineException(PipelineRunReason.INVALID_GRAPH, "cycle in the pipeline's tasks: "
          + String.join(" -> ", cycle) + " -> " + task);
    }
    for (String parent : parents.get(task)) {
      visit(parent, parents, done, onPath, order);
    }
    onPath.remove(task);
    done.add(task);
    order.add(task);
  }

  /** Tasks in an order where every task comes after its parents. */
  public List<String> order() {
    return order;
  }

  public Set<String> parents(String task) {
    return Collections.unmodifiableSet(parents.getOrDefault(task, Set.of()));
  }

  public boolean contains(String task) {
    return parents.containsKey(task);
  }
}
