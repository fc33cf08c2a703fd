package dev.customtasks.embedded.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.SafeText;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.pipeline.TaskResult;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskRunReason;
import dev.customtasks.crds.api.pipeline.TaskRunValidation;
import dev.customtasks.crds.api.pipeline.TaskRunResult;
import dev.customtasks.crds.api.pipeline.TaskRunStatus;
import dev.customtasks.crds.controller.Operators;
import dev.customtasks.crds.controller.OwnStatusWrites;
import dev.customtasks.crds.controller.ReconcileCycle;
import dev.customtasks.crds.controller.WatchedNamespaces;
import dev.customtasks.crds.controller.WakeUpEventSource;
import dev.customtasks.crds.controller.WakeUpScheduler;
import dev.customtasks.crds.duration.GoDuration;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays the part of the TaskRun executor where no Pod can run (the embedded API server, tests,
 * demos): it starts every TaskRun, waits the time its annotations ask for, and ends it as they
 * say. It runs no step: the condition's message says so. It never touches CustomRuns, so a custom
 * task's outcome is always its own controller's.
 *
 * <p>Annotations a TaskRun (or the pipeline task's {@code taskSpec.metadata}, or the Task its
 * {@code taskRef} names, as Tekton copies a Task's annotations onto its runs) may carry:
 * {@value #DURATION} (a Go duration, default the stand-in's), {@value #OUTCOME} ({@code Succeeded}
 * or {@code Failed}), and {@value #RESULT_PREFIX}{@code <name>} for the value of each declared
 * result (default empty; for a result of type {@code array}, a JSON array of strings), in which {@code $(params.<name>)} stands for the TaskRun's string param,
 * as a step's script would echo it (so each child of a matrixed task can report its own value).
 */
public final class TaskRunStandIn implements Reconciler<TaskRun> {

  public static final String NAME = "taskrun-stand-in";
  public static final String DURATION = "customtasks.dev/stand-in-duration";
  public static final String OUTCOME = "customtasks.dev/stand-in-outcome";
  public static final String RESULT_PREFIX = "customtasks.dev/stand-in-result.";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaskRunStandIn.class);
  static final String NO_POD = "completed by the executor stand-in: no Pod ran";

  private final Clock clock;
  private final Duration defaultDuration;
  private final WakeUpScheduler scheduler;
  private WakeUpEventSource<TaskRun> wakeUps;

  public TaskRunStandIn(Clock clock, Duration defaultDuration) {
    this.clock = clock;
    this.defaultDuration = defaultDuration;
    this.scheduler = WakeUpScheduler.shared();
  }

  public void registerWith(Operator operator) {
    registerWith(operator, WatchedNamespaces.all());
  }

  public void registerWith(Operator operator, WatchedNamespaces namespaces) {
    // Not a generic filter: it would hide deletions, and JOSDK keeps its state for a run until it
    // sees the run deleted. A status edited by someone else passes at once (it may be unreadable).
    operator.register(this, o -> OwnStatusWrites.filter(Operators.standard(o, NAME, namespaces), NAME,
        run -> !run.isFinished()));
  }

  @Override
  public List<EventSource<?, TaskRun>> prepareEventSources(EventSourceContext<TaskRun> context) {
    wakeUps = new WakeUpEventSource<>(scheduler, NAME);
    return List.of(wakeUps);
  }

  @Override
  public UpdateControl<TaskRun> reconcile(TaskRun original, Context<TaskRun> context) {
    if (original.isFinished()) {
      return UpdateControl.noUpdate();
    }
    TaskRun run = dev.customtasks.crds.api.LenientResource.copy(context.getClient().getKubernetesSerialization(), original);
    if (run.getStatus() == null) {
      run.setStatus(new TaskRunStatus());
    }
    TaskRunStatus status = run.getStatus();
    Instant now = clock.instant();
    Optional<String> unreadable = run.unreadableStatus();
    if (unreadable.isPresent()) {
      // Edited by hand into something unreadable: it ends at once, naming the field, with readable times.
      LOG.warn("TaskRun {}/{} ends {}: its status cannot be read: {}", run.getMetadata().getNamespace(),
          run.getMetadata().getName(), TaskRunReason.INVALID_STATUS, SafeText.escape(unreadable.get()));
      if (Timestamps.tryParse(status.getStartTime()).isEmpty()) {
        status.setStartTime(Timestamps.format(now));
      }
      status.markFailed(TaskRunReason.INVALID_STATUS, unreadable.get(), now);
      ReconcileCycle.finish(original, run, context, wakeUps, true, Optional.empty(), () -> { });
      return UpdateControl.noUpdate();
    }
    if (!status.hasStarted()) {
      status.setStartTime(Timestamps.format(now));
      status.markRunning(TaskRunReason.RUNNING, "running on the executor stand-in", now);
    }
    Instant start = status.startInstant();
    Optional<TaskDefinition> definition = run.malformed().isPresent() ? Optional.empty()
        : TaskDefinition.of(run, context.getClient());
    Map<String, String> annotations = definition.map(TaskDefinition::annotations).orElse(Map.of());
    Optional<Instant> wakeAt = Optional.empty();
    Optional<String> invalid = run.malformed().isPresent() ? Optional.empty() : TaskRunValidation.problem(run.getSpec());
    if (run.malformed().isPresent()) {
      status.markFailed(TaskRunReason.FAILED, run.malformed().get(), now);
    } else if (invalid.isPresent()) {
      // What Tekton's webhook refuses, where none ran: failed as Tekton fails a run it cannot validate.
      status.markFailed(TaskRunReason.FAILED_VALIDATION, invalid.get(), now);
    } else if (definition.isEmpty()) {
      status.markFailed(TaskRunReason.COULDNT_GET_TASK, TaskDefinition.missing(run), now);
    } else if (run.isCancelled()) {
      status.markFailed(TaskRunReason.CANCELLED, Optional.ofNullable(run.getSpec().getStatusMessage())
          .orElse("TaskRun \"" + run.getMetadata().getName() + "\" was cancelled"), now);
    } else if (run.timeoutDeadline().filter(d -> !now.isBefore(d)).isPresent()) {
      status.markFailed(TaskRunReason.TIMED_OUT, "TaskRun \"" + run.getMetadata().getName()
          + "\" failed to finish within \"" + run.getSpec().getTimeout() + "\"", now);
    } else {
      Duration duration = Optional.ofNullable(annotations.get(DURATION)).map(GoDuration::parse).orElse(defaultDuration);
      Instant due = start.plus(duration);
      if (now.isBefore(due)) {
        wakeAt = Optional.of(run.timeoutDeadline().filter(d -> d.isBefore(due)).orElse(due));
      } else if ("Failed".equalsIgnoreCase(annotations.get(OUTCOME))) {
        status.markFailed(TaskRunReason.FAILED, "failed as its stand-in annotation asked; " + NO_POD, now);
      } else {
        status.setResults(results(definition.get().results(), annotations, run.getSpec().getParams()));
        status.markSucceeded(TaskRunReason.SUCCEEDED, "All Steps have completed executing; " + NO_POD, now);
      }
    }
    ReconcileCycle.finish(original, run, context, wakeUps, run.isDone(), wakeAt, () -> { });
    return UpdateControl.noUpdate();
  }

  static List<TaskRunResult> results(List<TaskResult> declared, Map<String, String> annotations, List<Param> params) {
    List<TaskRunResult> results = new ArrayList<>();
    for (TaskResult result : declared) {
      String value = withParams(annotations.getOrDefault(RESULT_PREFIX + result.getName(), ""), params);
      results.add(new TaskRunResult(result.getName(), "array".equals(result.getType()) ? array(value)
          : ParamValue.of(value)));
    }
    return results.isEmpty() ? null : results;
  }

  /** An array result's annotation is a JSON array of strings ({@code ["linux","mac"]}); anything else is one item. */
  private static ParamValue array(String value) {
    if (value.isBlank()) {
      return ParamValue.ofArray(List.of());
    }
    try {
      return ParamValue.ofArray(JSON.readValue(value, new TypeReference<List<String>>() { }));
    } catch (JsonProcessingException e) {
      return ParamValue.ofArray(List.of(value));
    }
  }

  /** {@code $(params.<name>)} replaced by the string param of that name; anything else left as written. */
  static String withParams(String value, List<Param> params) {
    if (params == null || !value.contains("$(params.")) {
      return value;
    }
    String out = value;
    for (Param param : params) {
      if (param.getValue() != null && param.getValue().type() == ParamValue.Type.STRING) {
        out = out.replace("$(params." + param.getName() + ")", param.getValue().asString());
      }
    }
    return out;
  }
}
