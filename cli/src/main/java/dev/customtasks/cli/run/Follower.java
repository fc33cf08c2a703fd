package dev.customtasks.cli.run;

import dev.customtasks.cli.approval.ApprovalProgress;
import dev.customtasks.cli.describe.Answerers;
import dev.customtasks.cli.describe.PipelineRunTree;
import dev.customtasks.cli.describe.RunState;
import dev.customtasks.cli.output.Terminal;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.crds.api.pipeline.SkippedTask;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Follows a PipelineRun until it ends. On a terminal the task table is redrawn in place four
 * times a second; elsewhere (a pipe, a file, CI) a line is printed each time a task changes state,
 * with no colour and no redraw.
 */
final class Follower {

  private static final Duration POLL = Duration.ofMillis(250);

  /** The terminal's width, read once on the first redraw; 0 until then. */
  private int columns;
  /** The TASK column's width so far: it only grows. */
  private int taskWidth = 4;
  /** Pipelines read for their task names, by name. */
  private final Map<String, Optional<PipelineSpec>> pipelines = new java.util.HashMap<>();

  private final KubernetesClient client;
  private final String namespace;
  private final PrintWriter out;
  private final Terminal terminal;
  private final boolean live;
  private final Clock clock;
  private final Answerers answerers;
  /** The first task found that nothing here answers, thrown once its line is out. */
  private NeverAnswered neverAnswered;

  Follower(KubernetesClient client, String namespace, PrintWriter out, Terminal terminal, boolean live, Clock clock,
      Answerers answerers) {
    this.client = client;
    this.namespace = namespace;
    this.out = out;
    this.terminal = terminal;
    this.live = live;
    this.clock = clock;
    this.answerers = answerers;
  }

  /** The run had not ended when the follow limit passed; the caller says what becomes of it. */
  static final class StillRunning extends RuntimeException {
    StillRunning() {
      super(null, null, false, false);
    }
  }

  /**
   * A task of the run that no controller can ever answer ({@link Answerers#neverAnsweredHere}):
   * following on would only wait for the run's timeout.
   */
  static final class NeverAnswered extends RuntimeException {
    NeverAnswered(String task, String why) {
      super("task " + task + ": " + why, null, false, false);
    }
  }

  /**
   * Follows the run to its end; {@link StillRunning} once {@code limit} has passed before it,
   * {@link NeverAnswered} once a task is found that nothing here can answer.
   */
  PipelineRun follow(String name, Duration limit) throws InterruptedException {
    Instant started = clock.instant();
    Map<String, String> printed = new LinkedHashMap<>();
    int drawnLines = 0;
    while (true) {
      PipelineRun run = client.resources(PipelineRun.class).inNamespace(namespace).withName(name).get();
      if (run == null) {
        throw new dev.customtasks.cli.CliException("PipelineRun \"" + name + "\" disappeared from namespace "
            + namespace + " while it was followed");
      }
      List<TaskLine> lines = lines(run, "", 0);
      int width = width(run, lines);
      if (live) {
        drawnLines = redraw(lines, drawnLines, width);
      } else {
        printChanges(lines, printed, started, width);
      }
      if (run.isDone()) {
        return run;
      }
      if (neverAnswered != null) {
        throw neverAnswered;
      }
      if (Duration.between(started, clock.instant()).compareTo(limit) > 0) {
        throw new StillRunning();
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /**
   * One line per task of {@code run}; a task that runs a whole pipeline (a sub-pipeline's
   * CustomRun) is followed by the lines of the PipelineRun it created, named
   * {@code task/inner-task}.
   */
  private List<TaskLine> lines(PipelineRun run, String prefix, int depth) {
    Instant now = clock.instant();
    Map<String, HasMetadata> byTask = new LinkedHashMap<>();
    Stream.concat(
            client.resources(CustomRun.class).inNamespace(namespace)
                .withLabel(TektonLabels.PIPELINE_RUN, run.getMetadata().getName()).list().getItems().stream(),
            client.resources(TaskRun.class).inNamespace(namespace)
                .withLabel(TektonLabels.PIPELINE_RUN, run.getMetadata().getName()).list().getItems().stream())
        .map(HasMetadata.class::cast)
        .filter(c -> c.getMetadata().getOwnerReferences() != null && c.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> run.getMetadata().getUid().equals(o.getUid())))
        .sorted(java.util.Comparator.comparing(c -> c.getMetadata().getCreationTimestamp()))
        .forEach(c -> byTask.put(c.getMetadata().getLabels().get(TektonLabels.PIPELINE_TASK), c));
    List<TaskLine> lines = new ArrayList<>();
    byTask.forEach((task, child) -> {
      // Only a run whose status names an ApprovalRequest is read for it: one GET per poll while it waits.
      Optional<String> approval = child instanceof CustomRun custom && !custom.isDone()
          ? ApprovalProgress.read(client, custom).map(ApprovalProgress::summary) : Optional.empty();
      lines.add(TaskLine.of(prefix + task, child, now, answerers, approval));
      if (child instanceof CustomRun custom && neverAnswered == null) {
        neverAnswered = answerers.neverAnsweredHere(custom, now).map(why -> new NeverAnswered(prefix + task, why))
            .orElse(null);
      }
      if (child instanceof CustomRun && depth < PipelineRunTree.MAX_FOLLOWED) {
        PipelineRunTree.nested(client, child).forEach(nested -> lines.addAll(lines(nested, prefix + task + "/",
            depth + 1)));
      }
    });
    if (run.getStatus() != null && run.getStatus().getSkippedTasks() != null) {
      for (SkippedTask skipped : run.getStatus().getSkippedTasks()) {
        lines.add(TaskLine.skipped(prefix + skipped.getName(), skipped.getReason()));
      }
    }
    return lines;
  }

  private void printChanges(List<TaskLine> lines, Map<String, String> printed, Instant started, int width) {
    for (TaskLine line : lines) {
      if (!line.printedState().equals(printed.get(line.task()))) {
        printed.put(line.task(), line.printedState());
        out.println(String.format("%7s", "+" + dev.customtasks.cli.output.Durations.elapsed(
            Duration.between(started, clock.instant())))
            + line.render(width));
      }
    }
    out.flush();
  }

  private int redraw(List<TaskLine> lines, int previous, int width) {
    StringBuilder frame = new StringBuilder();
    if (previous > 0) {
      frame.append("\u001b[").append(previous).append("F");
    }
    for (TaskLine line : lines) {
      String text = clip(line.render(width)).replace(line.state(), RunState.paint(line.state(), terminal));
      frame.append(text).append("\u001b[K\n");
    }
    out.print(frame);
    out.flush();
    return lines.size();
  }

  /**
   * A row cut to the terminal's width: a row that wrapped would take two screen lines, and the
   * next redraw, moving up one line per row, would leave copies behind.
   */
  private String clip(String row) {
    if (columns == 0) {
      columns = dev.customtasks.cli.timeline.TerminalWidth.detect();
    }
    return clip(row, columns);
  }

  /** {@code row} as it fits in {@code columns} without wrapping: cut, with an ellipsis, where it would not. */
  static String clip(String row, int columns) {
    return row.length() < columns ? row : row.substring(0, Math.max(1, columns - 2)) + "…";
  }

  /**
   * Wide enough for every task of the pipeline, nested pipelines' tasks ({@code build-all/compile})
   * too, so that the columns do not move as tasks start; and never narrower than before, so that
   * they do not move back either.
   */
  int width(PipelineRun run, List<TaskLine> lines) {
    // Before the controller copies it into the status, an embedded spec or the referenced Pipeline names every task.
    PipelineSpec spec = run.getStatus() != null && run.getStatus().getPipelineSpec() != null
        ? run.getStatus().getPipelineSpec()
        : run.getSpec() == null ? null
        : run.getSpec().getPipelineSpec() != null ? run.getSpec().getPipelineSpec()
        : run.getSpec().getPipelineRef() == null ? null : referenced(run.getSpec().getPipelineRef().getName());
    taskWidth = Math.max(taskWidth, Stream.concat(taskNames(spec, "", 0), lines.stream().map(TaskLine::task))
        .mapToInt(String::length).max().orElse(4));
    return taskWidth;
  }

  /** The tasks of {@code spec} and of the pipelines its tasks run, as the lines name them. */
  private Stream<String> taskNames(PipelineSpec spec, String prefix, int depth) {
    if (spec == null) {
      return Stream.empty();
    }
    return Stream.concat(Stream.ofNullable(spec.getTasks()).flatMap(List::stream),
            Stream.ofNullable(spec.getFinally()).flatMap(List::stream))
        .filter(t -> t.getName() != null)
        .flatMap(t -> Stream.concat(Stream.of(prefix + t.getName()), depth < PipelineRunTree.MAX_FOLLOWED
            ? taskNames(nested(t), prefix + t.getName() + "/", depth + 1) : Stream.empty()));
  }

  /** The pipeline a task runs whole: embedded, by {@code pipelineRef}, or as {@code taskRef: {kind: Pipeline}}. */
  private PipelineSpec nested(PipelineTask task) {
    if (task.getPipelineSpec() != null) {
      return task.getPipelineSpec();
    }
    if (task.getPipelineRef() != null) {
      return referenced(task.getPipelineRef().getName());
    }
    TaskRef ref = task.getTaskRef();
    return ref != null && "Pipeline".equals(ref.getKind()) && ref.getApiVersion() != null
        && ref.getApiVersion().startsWith("tekton.dev/") ? referenced(ref.getName()) : null;
  }

  /** A Pipeline's spec by name, read once; null when it cannot be read (a resolver's, not there, not allowed). */
  private PipelineSpec referenced(String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    return pipelines.computeIfAbsent(name, n -> {
      try {
        return Optional.ofNullable(client.resources(Pipeline.class).inNamespace(namespace).withName(n).get())
            .map(Pipeline::getSpec);
      } catch (KubernetesClientException e) {
        return Optional.empty();
      }
    }).orElse(null);
  }
}
