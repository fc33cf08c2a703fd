package dev.customtasks.cli.timeline;

import dev.customtasks.cli.describe.RunState;
import dev.customtasks.crds.api.Condition;
import dev.customtasks.crds.api.RunStatus;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import dev.customtasks.crds.api.pipeline.ChildStatusReference;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.crds.api.pipeline.SkippedTask;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskRunStatus;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.matrix.plan.ChildLabels;
import dev.customtasks.loop.LoopTask;
import dev.customtasks.pipelinerun.dag.PipelineGraph;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a {@link Timeline} from the objects alone: start and completion times in status, the
 * creation times of the runs, the pipeline's graph in the PipelineRun's
 * {@code status.pipelineSpec}, and what custom tasks record in {@code status.extraFields}. So it
 * works on a cluster, on Tekton's own PipelineRuns and after the fact. No client, no clock: the
 * caller gives the objects and the instant the timeline is taken.
 *
 * <p>The edges are Tekton's ({@code pkg/apis/pipeline/v1/pipeline_types.go}, {@code PipelineTask.Deps},
 * which {@code pkg/reconciler/pipeline/dag/dag.go} {@code Build} links): {@code runAfter}, and the
 * tasks whose results a task's params or {@code when} expressions use. A finally task waits for
 * every task of the pipeline ({@code pkg/reconciler/pipelinerun/resources/pipelinerunstate.go},
 * {@code checkDAGTasksDone}),
 * so its hop is measured from the last of them to complete. A task Tekton fanned out over a
 * {@code matrix} has one run per combination, named {@code <pipelinerun>-<task>-<index>}
 * ({@code pkg/reconciler/pipelinerun/resources/pipelinerunresolution.go}, {@code GetNamesOfTaskRuns} and
 * {@code getNewRunNames}).
 */
public final class Spans {

  /** Deeper than this is not followed (the sub-pipeline controller's own limit is 10 by default). */
  static final int MAX_DEPTH = 20;

  private final Instant now;
  private final List<Hop> hops = new ArrayList<>();
  /** Each row's creation narrowed by its start ({@link #creation(HasMetadata, Instant)}), by identity. */
  private final Map<Span, Instant> creations = new java.util.IdentityHashMap<>();

  private Spans(Instant now) {
    this.now = now;
  }

  /**
   * The timeline of {@code pipelineRun}.
   *
   * @param pipelineRun a PipelineRun with its TaskRuns and CustomRuns (each with what it created)
   * @param now when the timeline is taken: where the bars of runs still going end
   * @throws IllegalArgumentException if {@code pipelineRun} does not hold a PipelineRun
   */
  public static Timeline of(RunTree pipelineRun, Instant now) {
    if (!(pipelineRun.run() instanceof PipelineRun run)) {
      throw new IllegalArgumentException("not a PipelineRun: " + pipelineRun.run().getKind());
    }
    Spans spans = new Spans(now);
    Instant start = Optional.ofNullable(run.getStatus()).map(RunStatus::startInstant)
        .orElseGet(() -> created(run).orElse(now));
    Tasks tasks = spans.tasksOf(pipelineRun, "", 0, start, null);
    Optional<Condition> condition = Optional.ofNullable(run.getStatus()).flatMap(RunStatus::succeededCondition);
    return new Timeline(run.getMetadata().getName(), RunState.of(run.getStatus()).word(),
        condition.map(Condition::getReason).orElse(""), condition.map(Condition::getMessage).orElse(""), start,
        run.getStatus() == null || !run.getStatus().isDone() ? null : run.getStatus().completionInstant(), now,
        tasks.tasks(), tasks.finallyTasks(), spans.hops.stream().sorted(Comparator.comparing(Hop::created)).toList());
  }

  private record Tasks(List<Span> tasks, List<Span> finallyTasks) {
  }

  /**
   * The rows of a PipelineRun's tasks, and their hops.
   *
   * @param startedFrom the path hops from this PipelineRun's start are named by; null for the top
   */
  private Tasks tasksOf(RunTree tree, String prefix, int depth, Instant start, String startedFrom) {
    PipelineRun run = (PipelineRun) tree.run();
    PipelineSpec spec = run.getStatus() == null ? null : run.getStatus().getPipelineSpec();
    List<PipelineTask> dag = spec == null || spec.getTasks() == null ? List.of() : spec.getTasks();
    List<PipelineTask> fin = spec == null || spec.getFinally() == null ? List.of() : spec.getFinally();
    Map<String, List<RunTree>> byTask = byTask(tree);
    Map<String, String> skipped = new LinkedHashMap<>();
    Optional.ofNullable(run.getStatus()).map(s -> s.getSkippedTasks()).orElse(List.of())
        .forEach((SkippedTask s) -> skipped.put(s.getName(), Optional.ofNullable(s.getReason()).orElse("")));

    Set<String> dagNames = new LinkedHashSet<>();
    dag.forEach(t -> dagNames.add(t.getName()));
    Set<String> finallyNames = new LinkedHashSet<>();
    fin.forEach(t -> finallyNames.add(t.getName()));
    // Runs of tasks the spec does not name (no status.pipelineSpec yet, or an unusual controller), in creation order.
    byTask.keySet().stream().filter(t -> !dagNames.contains(t) && !finallyNames.contains(t)).forEach(t -> {
      boolean inFinally = byTask.get(t).stream().map(RunTree::run)
          .anyMatch(r -> TektonLabels.MEMBER_OF_FINALLY.equals(label(r, TektonLabels.MEMBER_OF)));
      (inFinally ? finallyNames : dagNames).add(t);
    });
    skipped.keySet().stream().filter(t -> !dagNames.contains(t) && !finallyNames.contains(t)).forEach(dagNames::add);

    Map<String, Span> rows = new LinkedHashMap<>();
    for (String task : dagNames) {
      rows.put(task, row(task, prefix, depth, byTask.getOrDefault(task, List.of()), skipped.get(task)));
    }
    Map<String, Span> finallyRows = new LinkedHashMap<>();
    for (String task : finallyNames) {
      finallyRows.put(task, row(task, prefix, depth, byTask.getOrDefault(task, List.of()), skipped.get(task)));
    }
    String from = startedFrom == null ? Hop.START : startedFrom;
    Map<String, Set<String>> parents = parents(dag);
    for (Span span : rows.values()) {
      if (creation(span) == null) {
        continue;
      }
      String task = span.path().substring(prefix.length());
      Set<String> mine = parents.getOrDefault(task, Set.of());
      if (mine.isEmpty()) {
        hops.add(new Hop(from, span.path(), start, creation(span), true));
      }
      List<Span> before = mine.stream().map(rows::get).filter(p -> p != null && p.end() != null).toList();
      Optional<Span> last = before.stream().max(Comparator.comparing(Span::end));
      for (Span parent : before) {
        hops.add(new Hop(parent.path(), span.path(), parent.end(), creation(span), parent == last.get()));
      }
    }
    Optional<Instant> tasksDone = rows.values().stream().map(Span::end).filter(Objects::nonNull)
        .max(Comparator.naturalOrder());
    for (Span span : finallyRows.values()) {
      if (creation(span) != null) {
        hops.add(new Hop(tasksDone.isPresent() ? prefix + Hop.TASKS : from, span.path(), tasksDone.orElse(start),
            creation(span), true));
      }
    }
    return new Tasks(List.copyOf(rows.values()), List.copyOf(finallyRows.values()));
  }

  /** When a row's run (the first of a group's) was created, as {@link #creation(HasMetadata, Instant)} tells. */
  private Instant creation(Span span) {
    return creations.getOrDefault(span, span.created());
  }

  /**
   * When a run was created, as precisely as the object tells: Kubernetes keeps
   * {@code creationTimestamp} to the second, so when it carries no fraction and the run started
   * within that second, the start stands for the creation (the latest instant both allow).
   *
   * @param start the run's (first attempt's) start; may be null
   */
  static Instant creation(HasMetadata run, Instant start) {
    String text = run.getMetadata().getCreationTimestamp();
    Instant created = created(run).orElse(null);
    if (created == null || text.contains(".") || start == null || start.isBefore(created)) {
      return created;
    }
    Instant secondEnd = created.plusSeconds(1);
    return start.isBefore(secondEnd) ? start : secondEnd;
  }

  private Span remember(Span span, Instant creation) {
    if (creation != null) {
      creations.put(span, creation);
    }
    return span;
  }

  /** A task's parents by Tekton's rules; a graph Tekton would refuse falls back to {@code runAfter} alone. */
  private static Map<String, Set<String>> parents(List<PipelineTask> dag) {
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    try {
      PipelineGraph graph = PipelineGraph.of(dag);
      dag.forEach(t -> parents.put(t.getName(), graph.parents(t.getName())));
    } catch (RuntimeException invalid) {
      dag.forEach(t -> parents.put(t.getName(), new LinkedHashSet<>(Optional.ofNullable(t.getRunAfter())
          .orElse(List.of()))));
    }
    return parents;
  }

  /** A PipelineRun's runs by pipeline task: Tekton's label, else the child reference that names the run. */
  private static Map<String, List<RunTree>> byTask(RunTree tree) {
    PipelineRun run = (PipelineRun) tree.run();
    Map<String, String> referenced = new LinkedHashMap<>();
    Optional.ofNullable(run.getStatus()).map(s -> s.getChildReferences()).orElse(List.of())
        .forEach((ChildStatusReference r) -> {
          if (r.getName() != null && r.getPipelineTaskName() != null) {
            referenced.put(r.getName(), r.getPipelineTaskName());
          }
        });
    Map<String, List<RunTree>> byTask = new LinkedHashMap<>();
    tree.children().stream().sorted(Comparator.comparing((RunTree c) -> created(c.run()).orElse(Instant.MAX)))
        .forEach(child -> {
          String task = Optional.ofNullable(label(child.run(), TektonLabels.PIPELINE_TASK))
              .orElse(referenced.getOrDefault(child.run().getMetadata().getName(), child.run().getMetadata()
                  .getName()));
          byTask.computeIfAbsent(task, t -> new ArrayList<>()).add(child);
        });
    return byTask;
  }

  /** The row of one pipeline task: its run, a group of runs (a matrix), or no run (skipped, not started). */
  private Span row(String task, String prefix, int depth, List<RunTree> runs, String skippedReason) {
    String path = prefix + task;
    if (runs.isEmpty()) {
      return new Span(path, task, depth, "", false, "", skippedReason != null ? "Skipped" : RunState.PENDING.word(),
          Optional.ofNullable(skippedReason).orElse(""), null, null, null, List.of(), 0, List.of());
    }
    if (runs.size() == 1) {
      return span(runs.get(0), path, task, depth);
    }
    // Tekton's own matrix: one run per combination, named <pipelinerun>-<task>-<index>.
    List<Span> combinations = new ArrayList<>();
    for (RunTree run : runs) {
      String name = run.run().getMetadata().getName();
      String label = "[" + suffix(name, task) + "]";
      combinations.add(span(run, path + "/" + label, label, depth + 1));
    }
    return group(path, task, depth, combinations);
  }

  /** A row that stands for its sub-rows: from the first start to the last completion. */
  private Span group(String path, String label, int depth, List<Span> members) {
    Span first = members.get(0);
    Instant created = members.stream().map(Span::created).filter(Objects::nonNull).min(Comparator.naturalOrder())
        .orElse(null);
    Instant start = members.stream().map(Span::start).filter(Objects::nonNull).min(Comparator.naturalOrder())
        .orElse(null);
    boolean allDone = members.stream().allMatch(m -> m.end() != null);
    Instant end = allDone ? members.stream().map(Span::end).max(Comparator.naturalOrder()).orElse(null) : null;
    String state = members.stream().anyMatch(m -> m.state().equals(RunState.FAILED.word())) && allDone
        ? RunState.FAILED.word()
        : !allDone ? (start == null ? RunState.PENDING.word() : RunState.RUNNING.word()) : RunState.SUCCEEDED.word();
    List<Segment> segments = start == null ? List.of()
        : List.of(new Segment(start, end != null ? end : now, Segment.Phase.WORKING));
    return remember(new Span(path, label, depth, first.kind(), first.custom(), members.size() + " runs", state, "",
        created, start, end, segments, 1, members), members.stream().map(this::creation).filter(Objects::nonNull)
        .min(Comparator.naturalOrder()).orElse(null));
  }

  /** The row of one run, with what it created as sub-rows. */
  private Span span(RunTree tree, String path, String label, int depth) {
    HasMetadata object = tree.run();
    Instant created = created(object).orElse(null);
    if (object instanceof PipelineRun run) {
      RunStatus status = run.getStatus();
      Instant start = status == null ? null : status.startInstant();
      Instant end = status != null && status.isDone() ? status.completionInstant() : null;
      List<Span> children = new ArrayList<>();
      if (depth < MAX_DEPTH) {
        Tasks tasks = tasksOf(tree, path + "/", depth + 1, start != null ? start : created != null ? created : now,
            path);
        children.addAll(tasks.tasks());
        children.addAll(tasks.finallyTasks());
      }
      return remember(new Span(path, label, depth, PipelineRun.KIND, false, run.getMetadata().getName(),
          RunState.of(status).word(), reason(status), created, start, end,
          start == null ? List.of() : List.of(new Segment(start, end != null ? end : now, Segment.Phase.WORKING)),
          1, children), creation(run, start));
    }
    if (object instanceof CustomRun run) {
      CustomRunStatus status = run.getStatus();
      String kind = run.taskKind().map(k -> k.kind()).orElse(CustomRun.KIND);
      List<RunStatus> earlier = status == null || status.getRetriesStatus() == null ? List.of()
          : List.copyOf(status.getRetriesStatus());
      Attempts attempts = attempts(status, earlier);
      List<Span> children = new ArrayList<>();
      if (depth < MAX_DEPTH) {
        tree.children().stream().sorted(Comparator.comparing((RunTree c) -> order(c.run())))
            .forEach(c -> children.add(subRow(c, path, run.getMetadata().getName(), depth + 1)));
      }
      List<Segment> segments = new ArrayList<>(attempts.segments());
      if (status != null && status.startInstant() != null) {
        Instant end = attempts.end() != null ? attempts.end() : now;
        segments.addAll(Waiting.LOOP_KINDS.contains(kind)
            ? Waiting.loop(status.startInstant(), end, iterations(children), attempts.end() != null)
            : Waiting.of(kind, run, status.startInstant(), end));
      }
      return remember(new Span(path, label, depth, kind, true, run.getMetadata().getName(),
          RunState.of(status).word(), reason(status), created, attempts.start(), attempts.end(), segments,
          earlier.size() + 1, children), creation(run, attempts.start()));
    }
    TaskRun run = (TaskRun) object;
    TaskRunStatus status = run.getStatus();
    List<RunStatus> earlier = status == null || status.getRetriesStatus() == null ? List.of()
        : List.copyOf(status.getRetriesStatus());
    Attempts attempts = attempts(status, earlier);
    List<Segment> segments = new ArrayList<>(attempts.segments());
    if (status != null && status.startInstant() != null) {
      segments.add(new Segment(status.startInstant(), attempts.end() != null ? attempts.end() : now,
          Segment.Phase.WORKING));
    }
    return remember(new Span(path, label, depth, TaskRun.KIND, false, run.getMetadata().getName(),
        RunState.of(status).word(), reason(status), created, attempts.start(), attempts.end(), segments,
        earlier.size() + 1, List.of()), creation(run, attempts.start()));
  }

  /** Each iteration of a loop from its run's creation to its completion (or now), for {@link Waiting#loop}. */
  private List<Segment> iterations(List<Span> children) {
    List<Segment> iterations = new ArrayList<>();
    for (Span child : children) {
      Instant from = creation(child) != null ? creation(child) : child.start();
      if (from != null) {
        Instant to = child.end() != null ? child.end() : now;
        iterations.add(new Segment(from, to.isBefore(from) ? from : to, Segment.Phase.WORKING));
      }
    }
    return iterations;
  }

  /**
   * The earlier attempts of a retried run: Tekton keeps each failed attempt's status in
   * {@code status.retriesStatus} and starts the run again with a new {@code startTime}.
   *
   * @param start the first attempt's start; null before the run starts
   * @param end the completion of the last attempt; null while it runs
   * @param segments one failed-attempt segment per earlier attempt, and the pause before the next
   */
  private record Attempts(Instant start, Instant end, List<Segment> segments) {
  }

  private Attempts attempts(RunStatus status, List<RunStatus> earlier) {
    Instant current = status == null ? null : status.startInstant();
    Instant end = status != null && status.isDone() ? status.completionInstant() : null;
    List<Segment> segments = new ArrayList<>();
    Instant first = current;
    for (int i = 0; i < earlier.size(); i++) {
      RunStatus attempt = earlier.get(i);
      Instant from = attempt.startInstant();
      Instant to = attempt.completionInstant();
      if (from == null || to == null) {
        continue;
      }
      first = first == null || from.isBefore(first) ? from : first;
      segments.add(new Segment(from, to, Segment.Phase.FAILED_ATTEMPT));
      Instant next = i + 1 < earlier.size() ? earlier.get(i + 1).startInstant() : current;
      if (next != null && next.isAfter(to)) {
        segments.add(new Segment(to, next, Segment.Phase.WORKING));
      }
    }
    return new Attempts(first, end, segments);
  }

  /** A run a CustomRun created: a matrix combination, a loop iteration, a nested PipelineRun. */
  private Span subRow(RunTree child, String parentPath, String parentName, int depth) {
    HasMetadata object = child.run();
    String index = label(object, ChildLabels.INDEX);
    String iteration = label(object, LoopTask.ITERATION_LABEL);
    String label;
    if (index != null) {
      label = "[" + index + "]";
    } else if (iteration != null) {
      label = "#" + iteration;
    } else if (object instanceof PipelineRun run && run.getSpec() != null && run.getSpec().getPipelineRef() != null
        && run.getSpec().getPipelineRef().getName() != null) {
      label = run.getSpec().getPipelineRef().getName();
    } else {
      label = suffix(object.getMetadata().getName(), parentName);
    }
    return span(child, parentPath + "/" + label, label, depth);
  }

  /** Sub-rows in the order of their index or iteration, else of creation. */
  private static String order(HasMetadata run) {
    String number = Optional.ofNullable(label(run, ChildLabels.INDEX)).orElse(label(run, LoopTask.ITERATION_LABEL));
    if (number != null && number.matches("\\d{1,9}")) {
      return String.format("%010d", Integer.parseInt(number));
    }
    return "~" + Optional.ofNullable(run.getMetadata().getCreationTimestamp()).orElse("") + run.getMetadata()
        .getName();
  }

  /** What follows {@code parent-} in a child's name ({@code build-r1-2} for parent {@code build} gives {@code r1-2}). */
  private static String suffix(String name, String parent) {
    int at = name.lastIndexOf(parent + "-");
    return at >= 0 ? name.substring(at + parent.length() + 1) : name;
  }

  private static String reason(RunStatus status) {
    return Optional.ofNullable(status).flatMap(RunStatus::succeededCondition).map(Condition::getReason).orElse("");
  }

  private static Optional<Instant> created(HasMetadata object) {
    return Timestamps.tryParse(object.getMetadata().getCreationTimestamp());
  }

  private static String label(HasMetadata object, String key) {
    return object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(key);
  }
}
