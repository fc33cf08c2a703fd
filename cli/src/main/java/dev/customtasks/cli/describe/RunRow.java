package dev.customtasks.cli.describe;

import dev.customtasks.crds.api.Condition;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.RunStatus;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunResult;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskRunResult;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the tables show of one run, whatever its kind: name, what it runs, state, reason and its
 * times and results. Built from the object alone, so a table never asks the server twice.
 */
public record RunRow(HasMetadata object, String kind, String task, RunState state, String reason, String message,
    Instant created, Instant started, Instant completed, Map<String, String> results) {

  public static RunRow of(CustomRun run) {
    String task = run.taskKind().map(k -> k.kind()).orElse("?");
    Map<String, String> results = new LinkedHashMap<>();
    Optional.ofNullable(run.getStatus()).map(s -> s.getResults()).orElse(List.of())
        .forEach((CustomRunResult r) -> results.put(r.getName(), text(r.getValue())));
    return of(run, CustomRun.KIND, task, run.getStatus(), results);
  }

  public static RunRow of(TaskRun run) {
    String task = run.getSpec() != null && run.getSpec().getTaskRef() != null
        && run.getSpec().getTaskRef().getName() != null ? run.getSpec().getTaskRef().getName()
        : label(run, TektonLabels.TASK).orElse("(embedded)");
    Map<String, String> results = new LinkedHashMap<>();
    Optional.ofNullable(run.getStatus()).map(s -> s.getResults()).orElse(List.of())
        .forEach((TaskRunResult r) -> results.put(r.getName(), text(r.getValue())));
    return of(run, TaskRun.KIND, task, run.getStatus(), results);
  }

  public static RunRow of(PipelineRun run) {
    String pipeline = run.getSpec() != null && run.getSpec().getPipelineRef() != null
        && run.getSpec().getPipelineRef().getName() != null ? run.getSpec().getPipelineRef().getName() : "(embedded)";
    Map<String, String> results = new LinkedHashMap<>();
    Optional.ofNullable(run.getStatus()).map(s -> s.getResults()).orElse(List.of())
        .forEach((PipelineRunResult r) -> results.put(r.getName(), text(r.getValue())));
    return of(run, PipelineRun.KIND, pipeline, run.getStatus(), results);
  }

  private static RunRow of(HasMetadata run, String kind, String task, RunStatus status, Map<String, String> results) {
    Optional<Condition> condition = Optional.ofNullable(status).flatMap(RunStatus::succeededCondition);
    return new RunRow(run, kind, task, RunState.of(status), condition.map(Condition::getReason).orElse(null),
        condition.map(Condition::getMessage).orElse(null), instant(run.getMetadata().getCreationTimestamp()),
        status == null ? null : instant(status.getStartTime()),
        status == null ? null : instant(status.getCompletionTime()), results);
  }

  public String name() {
    return object.getMetadata().getName();
  }

  public String namespace() {
    return object.getMetadata().getNamespace();
  }

  /** The PipelineTask this run was created for, from Tekton's label. */
  public Optional<String> pipelineTask() {
    return label(object, TektonLabels.PIPELINE_TASK);
  }

  /** From start to completion, or to {@code now} while it runs; empty before it starts. */
  public Optional<Duration> duration(Instant now) {
    if (started == null) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(started, completed != null ? completed : now));
  }

  public Optional<Duration> age(Instant now) {
    return Optional.ofNullable(created).map(c -> Duration.between(c, now));
  }

  /** Results as {@code name=value} pairs separated by commas, for one table cell. */
  public String resultsInOneLine() {
    return String.join(", ", results.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  private static Optional<String> label(HasMetadata object, String key) {
    return Optional.ofNullable(object.getMetadata().getLabels()).map(l -> l.get(key));
  }

  private static Instant instant(String timestamp) {
    try {
      return timestamp == null || timestamp.isBlank() ? null : Timestamps.parse(timestamp);
    } catch (RuntimeException e) {
      return null;
    }
  }

  static String text(ParamValue value) {
    return value == null ? "" : value.toString();
  }
}
