package dev.customtasks.loop;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.cel.CelEvaluator;
import dev.customtasks.crds.cel.CelExpressionException;
import dev.customtasks.crds.child.ChildOutcome;
import dev.customtasks.crds.child.ChildRuns;
import dev.customtasks.crds.child.ChildRunSpec;
import dev.customtasks.crds.controller.Attempt;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.controller.Step;
import dev.customtasks.crds.controller.TaskInput;
import dev.customtasks.loop.LoopState.ChildIteration;
import dev.customtasks.loop.LoopState.IterationStatus;
import dev.customtasks.loop.api.Loop;
import dev.customtasks.loop.api.PipelineLoop;
import dev.customtasks.loop.api.TaskLoop;
import dev.customtasks.loop.plan.Iteration;
import dev.customtasks.loop.plan.IterationPlanner;
import dev.customtasks.loop.plan.LoopEnd;
import dev.customtasks.loop.plan.LoopPlan;
import dev.customtasks.loop.plan.LoopResults;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code Loop}: runs one Task, custom task or Pipeline repeatedly, once per item of a list, once per
 * number of a range, or until a CEL condition on the last iteration's results holds. Each
 * iteration is one child run named {@code <run>-<00001>} (as tektoncd/experimental's TaskLoop named
 * them, without its random suffix, so a restarted controller finds it again); the iterations
 * started are listed in {@code status.extraFields} ({@link LoopState}); which to start next and
 * when the loop ends is {@link IterationPlanner}'s decision.
 *
 * <p>Also answers tektoncd/experimental's {@code custom.tekton.dev/v1alpha1 TaskLoop} and
 * kfp-tekton's {@code custom.tekton.dev/v1alpha1 PipelineLoop}, with their labels on the children.
 */
public final class LoopTask implements CustomTask<LoopDefinition, LoopState> {

  public static final TaskKind KIND = new TaskKind(Loop.API_VERSION, "Loop");
  /** tektoncd/experimental's {@code task-loops} kind. */
  public static final TaskKind TASK_LOOP_KIND = new TaskKind(TaskLoop.API_VERSION, "TaskLoop");
  /** kubeflow/kfp-tekton's {@code pipeline-loops} kind. */
  public static final TaskKind PIPELINE_LOOP_KIND = new TaskKind(PipelineLoop.API_VERSION, "PipelineLoop");

  /** The reason of an {@code until} loop whose condition never held within {@code maxIterations}. */
  public static final String MAX_ITERATIONS_REACHED = "MaxIterationsReached";

  /** Label on every child: its iteration number (1 for the first). */
  public static final String ITERATION_LABEL = "customtasks.dev/loop-iteration";
  /** Label on every child whose item is a valid label value: the item. */
  public static final String ITEM_LABEL = "customtasks.dev/loop-item";
  /** TaskLoop's and PipelineLoop's label: the run that created the child. */
  public static final String TEKTON_RUN_LABEL = "tekton.dev/run";
  public static final String TASK_LOOP_LABEL = "custom.tekton.dev/taskLoop";
  public static final String TASK_LOOP_ITERATION_LABEL = "custom.tekton.dev/taskLoopIteration";
  public static final String PIPELINE_LOOP_LABEL = "custom.tekton.dev/pipelineLoop";
  public static final String PIPELINE_LOOP_ITERATION_LABEL = "custom.tekton.dev/pipelineLoopIteration";
  /** PipelineLoop's annotation on each PipelineRun: its item as JSON. */
  public static final String PIPELINE_LOOP_ITEM_ANNOTATION = "custom.tekton.dev/pipelineLoopCurrentIterationItem";

  private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
  private static final int MAX_FAILURES_NAMED = 5;

  private final LoopDecoder decoder = new LoopDecoder(new CelEvaluator());

  @Override
  public String name() {
    return "loop";
  }

  @Override
  public List<TaskKind> kinds() {
    return List.of(KIND, TASK_LOOP_KIND, PIPELINE_LOOP_KIND);
  }

  @Override
  public Class<LoopState> stateType() {
    return LoopState.class;
  }

  @Override
  public Optional<ResourceDefinitionContext> namedObjectType(TaskKind kind) {
    if (KIND.equals(kind)) {
      return Optional.of(ResourceDefinitionContext.fromResourceType(Loop.class));
    }
    if (TASK_LOOP_KIND.equals(kind)) {
      return Optional.of(ResourceDefinitionContext.fromResourceType(TaskLoop.class));
    }
    return PIPELINE_LOOP_KIND.equals(kind) ? Optional.of(ResourceDefinitionContext.fromResourceType(PipelineLoop.class))
        : Optional.empty();
  }

  @Override
  public Set<Class<? extends HasMetadata>> childTypes() {
    return Set.of(TaskRun.class, CustomRun.class, PipelineRun.class);
  }

  /**
   * TaskLoop and PipelineLoop runs tell Tekton's events ({@code events.Emit} in both upstream
   * reconcilers): {@code Started}, {@code Running "Iterations completed: N"} at each change, then
   * {@code Succeeded} or {@code Warning Failed}.
   */
  @Override
  public boolean conditionEvents(TaskKind kind) {
    return TASK_LOOP_KIND.equals(kind) || PIPELINE_LOOP_KIND.equals(kind);
  }

  @Override
  public LoopDefinition decode(TaskInput input) {
    return decoder.decode(input);
  }

  @Override
  public Step<LoopState> progress(LoopDefinition loop, Attempt<LoopState> attempt) {
    labelRun(loop, attempt);
    Class<? extends HasMetadata> type = childType(loop);
    Map<Integer, IterationStatus> recorded = new LinkedHashMap<>();
    attempt.state().map(LoopState::iterations).orElse(List.of()).forEach(s -> recorded.put(s.iteration(), s));
    Map<Integer, ChildOutcome> outcomes = new HashMap<>();
    List<Iteration> started = new ArrayList<>();
    List<IterationStatus> statuses = new ArrayList<>();
    // The children are the truth; the list in status says which were started, even before the cache shows them.
    // Read once per tick, by name: looking each iteration up in the cache would cost O(n²) per tick.
    Map<String, HasMetadata> children = new HashMap<>();
    attempt.children().list(type).forEach(c -> children.put(c.getMetadata().getName(), c));
    for (int n = 1; n <= loop.shape().total(); n++) {
      String name = attempt.children().name(suffix(n));
      Optional<ChildOutcome> outcome = Optional.ofNullable(children.get(name)).map(ChildRuns::observe);
      IterationStatus before = recorded.get(n);
      if (outcome.isEmpty() && before == null) {
        break;
      }
      ChildOutcome child = outcome.orElseGet(LoopTask::notSeenYet);
      outcomes.put(n, child);
      IterationStatus status = status(loop, n, name, child, before, attempt.now());
      statuses.add(status);
      Instant completed = status.completionTime() == null ? null : Timestamps.parse(status.completionTime());
      started.add(new Iteration(n, phase(child), completed, stringResults(child)));
    }
    LoopPlan plan = IterationPlanner.plan(loop.shape(), started, iteration -> holds(loop, iteration, outcomes), attempt.now());
    if (started.isEmpty() && !plan.start().isEmpty()) {
      // Once per attempt, before its first child: the named Task or Pipeline is read from the API server.
      LoopDecoder.checkReferenced(loop);
    }
    for (int n : plan.start()) {
      String name = attempt.children().createRun(suffix(n), childSpec(loop, n), labels(loop, attempt, n),
          annotations(loop, n)).getMetadata().getName();
      statuses.add(new IterationStatus(n, loop.item(n), name, loop.target().runKind(), "Pending", null, null));
    }
    LoopState state = state(loop, statuses);
    if (plan.ended().isPresent()) {
      return end(loop, plan.end(), started, statuses, state, outcomes);
    }
    String message = "Iterations completed: " + plan.completed();
    if (plan.waitUntil().isPresent()) {
      return Step.<LoopState>running(message + "; next iteration at " + Timestamps.format(plan.wakeAt()), plan.wakeAt())
          .withState(state);
    }
    return Step.<LoopState>running(message).withState(state);
  }

  /** A child this loop recorded but the cache does not show yet: created moments ago. */
  private static ChildOutcome notSeenYet() {
    return new ChildOutcome(ChildOutcome.Phase.PENDING, "", "", null, null, Map.of(), false);
  }

  private static Class<? extends HasMetadata> childType(LoopDefinition loop) {
    return switch (loop.target().runKind()) {
      case "TaskRun" -> TaskRun.class;
      case "PipelineRun" -> PipelineRun.class;
      default -> CustomRun.class;
    };
  }

  /** {@code 00001}: TaskLoop's iteration suffix, so names sort in iteration order. */
  static String suffix(int iteration) {
    return String.format("%05d", iteration);
  }

  private static IterationStatus status(LoopDefinition loop, int n, String name, ChildOutcome child,
      IterationStatus before, Instant now) {
    String completion = null;
    if (child.isDone()) {
      completion = child.completed().map(Timestamps::format)
          .orElseGet(() -> before != null && before.completionTime() != null ? before.completionTime() : Timestamps.format(now));
    }
    String outcome = switch (phase(child)) {
      case PENDING -> "Pending";
      case RUNNING -> "Running";
      case SUCCEEDED -> "Succeeded";
      case FAILED -> "Failed";
      case CANCELLED -> "Cancelled";
    };
    return new IterationStatus(n, loop.item(n), name, loop.target().runKind(), outcome,
        child.isDone() && !child.reason().isEmpty() ? child.reason() : null, completion);
  }

  private static Iteration.Phase phase(ChildOutcome child) {
    return switch (child.phase()) {
      case PENDING -> Iteration.Phase.PENDING;
      case RUNNING -> Iteration.Phase.RUNNING;
      case SUCCEEDED -> Iteration.Phase.SUCCEEDED;
      case FAILED -> Iteration.Phase.FAILED;
      case CANCELLED -> Iteration.Phase.CANCELLED;
    };
  }

  private static Map<String, String> stringResults(ChildOutcome child) {
    Map<String, String> results = new LinkedHashMap<>();
    child.results().forEach((name, value) -> results.put(name,
        value.type() == ParamValue.Type.STRING ? value.asString() : Serialization.asJson(LoopDecoder.celValue(value))));
    return results;
  }

  /**
   * The {@code until} condition on one succeeded iteration: its results, its params and its number.
   * A condition that fails at run time (a missing result, a value that is not a bool) ends the loop
   * as a bad spec: the next iteration would fail the same way.
   */
  private static boolean holds(LoopDefinition loop, Iteration iteration, Map<Integer, ChildOutcome> outcomes) {
    Map<String, Object> results = new LinkedHashMap<>();
    outcomes.get(iteration.number()).results().forEach((name, value) -> results.put(name, LoopDecoder.celValue(value)));
    try {
      return loop.until().evaluate(Map.of("results", results,
          "params", LoopDecoder.celValues(childParams(loop, iteration.number())),
          "iteration", (long) iteration.number()));
    } catch (CelExpressionException e) {
      throw new InvalidInputException(Reasons.INVALID_SPEC, "\"until\": after iteration " + iteration.number()
          + ": " + e.getMessage());
    }
  }

  private static List<Param> childParams(LoopDefinition loop, int n) {
    List<Param> params = new ArrayList<>(loop.params());
    if (loop.iterateParam() != null) {
      params.add(Param.of(loop.iterateParam(), loop.item(n)));
    }
    if (loop.iterationNumberParam() != null) {
      params.add(Param.of(loop.iterationNumberParam(), Integer.toString(n)));
    }
    return params;
  }

  private static ChildRunSpec childSpec(LoopDefinition loop, int n) {
    return new ChildRunSpec(loop.target(), childParams(loop, n), loop.timeout(), loop.retries(),
        loop.serviceAccountName(), loop.workspaces());
  }

  private static Map<String, String> labels(LoopDefinition loop, Attempt<LoopState> attempt, int n) {
    Map<String, String> labels = new LinkedHashMap<>();
    String number = Integer.toString(n);
    labels.put(ITERATION_LABEL, number);
    String item = loop.item(n);
    if (item.length() <= 63 && LABEL_VALUE.matcher(item).matches()) {
      labels.put(ITEM_LABEL, item);
    }
    String runName = attempt.run().getMetadata().getName();
    if (TASK_LOOP_KIND.equals(loop.kind())) {
      labels.put(TEKTON_RUN_LABEL, runName);
      labels.put(TASK_LOOP_ITERATION_LABEL, number);
      if (loop.objectName() != null) {
        labels.put(TASK_LOOP_LABEL, loop.objectName());
      }
    } else if (PIPELINE_LOOP_KIND.equals(loop.kind())) {
      labels.put(TEKTON_RUN_LABEL, runName);
      labels.put(PIPELINE_LOOP_ITERATION_LABEL, number);
      if (loop.objectName() != null) {
        labels.put(PIPELINE_LOOP_LABEL, loop.objectName());
      }
    }
    return labels;
  }

  /**
   * The run is labelled with its loop object's name, as TaskLoop ({@code custom.tekton.dev/taskLoop})
   * and PipelineLoop ({@code custom.tekton.dev/pipelineLoop}) label theirs; the children then carry
   * it too.
   */
  private static void labelRun(LoopDefinition loop, Attempt<LoopState> attempt) {
    if (loop.objectName() == null) {
      return;
    }
    if (TASK_LOOP_KIND.equals(loop.kind())) {
      attempt.labelRun(TASK_LOOP_LABEL, loop.objectName());
    } else if (PIPELINE_LOOP_KIND.equals(loop.kind())) {
      attempt.labelRun(PIPELINE_LOOP_LABEL, loop.objectName());
    }
  }

  /** PipelineLoop's children carry their item as JSON; the run's own annotations come with every child. */
  private static Map<String, String> annotations(LoopDefinition loop, int n) {
    return PIPELINE_LOOP_KIND.equals(loop.kind()) ? Map.of(PIPELINE_LOOP_ITEM_ANNOTATION, loop.itemJson(n)) : Map.of();
  }

  private static LoopState state(LoopDefinition loop, List<IterationStatus> statuses) {
    Map<String, ChildIteration> byName = new LinkedHashMap<>();
    boolean pipelineLoop = PIPELINE_LOOP_KIND.equals(loop.kind());
    statuses.forEach(s -> byName.put(s.name(), new ChildIteration(s.iteration(), pipelineLoop ? s.item() : null)));
    return new LoopState(List.copyOf(statuses), TASK_LOOP_KIND.equals(loop.kind()) ? byName : null,
        pipelineLoop ? byName : null);
  }

  private static Step<LoopState> end(LoopDefinition loop, LoopEnd end, List<Iteration> ran,
      List<IterationStatus> statuses, LoopState state, Map<Integer, ChildOutcome> outcomes) {
    String runs = loop.target().runKind() + "s";
    return switch (end.outcome()) {
      case SUCCEEDED -> new Step.Succeeded<>("All " + runs + " completed successfully", results(loop, ran), state);
      case UNTIL_HELD -> new Step.Succeeded<>("Condition \"" + loop.until().expression() + "\" held after iteration "
          + end.untilHeldAt(), results(loop, ran), state);
      case MAX_ITERATIONS_REACHED -> new Step.Failed<>(MAX_ITERATIONS_REACHED, "Condition \""
          + loop.until().expression() + "\" did not hold after " + end.iterations() + " iterations (maxIterations)",
          state);
      case FAILED -> new Step.Failed<>(Reasons.FAILED, "One or more " + runs + " have failed: "
          + failures(end, statuses, outcomes), state);
    };
  }

  /** The failed iterations, each with its child's reason and the first line of its message (the why). */
  private static String failures(LoopEnd end, List<IterationStatus> statuses, Map<Integer, ChildOutcome> outcomes) {
    Map<Integer, IterationStatus> byNumber = statuses.stream()
        .collect(Collectors.toMap(IterationStatus::iteration, s -> s, (a, b) -> b));
    String named = end.failed().stream().limit(MAX_FAILURES_NAMED).map(n -> {
      IterationStatus s = byNumber.get(n);
      String why = Optional.ofNullable(outcomes.get(n)).map(ChildOutcome::message).filter(m -> !m.isBlank())
          .map(m -> ": " + abbreviate(m.lines().findFirst().orElse(m))).orElse("");
      return "iteration " + n + " (" + s.name() + (s.reason() == null ? "" : ", " + s.reason()) + why + ")";
    }).collect(Collectors.joining(", "));
    int more = end.failed().size() - MAX_FAILURES_NAMED;
    return more > 0 ? named + " and " + more + " more" : named;
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 199) + "…";
  }

  private static Map<String, ParamValue> results(LoopDefinition loop, List<Iteration> ran) {
    Map<String, ParamValue> results = new LinkedHashMap<>();
    LoopResults.of(ran, loop.until() != null).forEach((name, value) -> {
      if (value instanceof List<?> list) {
        results.put(name, ParamValue.ofArray(list.stream().map(String::valueOf).toList()));
      } else {
        results.put(name, ParamValue.of(String.valueOf(value)));
      }
    });
    return results;
  }
}
