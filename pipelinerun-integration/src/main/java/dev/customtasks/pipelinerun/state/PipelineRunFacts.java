package dev.customtasks.pipelinerun.state;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.crds.api.pipeline.SkippingReason;
import dev.customtasks.crds.api.pipeline.WhenExpression;
import dev.customtasks.pipelinerun.cel.CelWhen;
import dev.customtasks.pipelinerun.dag.PipelineGraph;
import dev.customtasks.pipelinerun.matrix.MatrixContext;
import dev.customtasks.pipelinerun.matrix.MatrixPlan;
import dev.customtasks.pipelinerun.matrix.PipelineMatrix;
import dev.customtasks.pipelinerun.substitution.Bindings;
import dev.customtasks.pipelinerun.substitution.Substitution;
import dev.customtasks.pipelinerun.substitution.UnresolvedReferenceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The pipeline's state at one moment and what follows from it, with no Kubernetes in sight: from
 * the tasks' observed phases, the tasks already skipped, the run's params and its mode, decide
 * which tasks start, which are skipped (a false {@code when}, a skipped parent, a run that is
 * stopping), which running children to cancel, and how the run ends. Same inputs, same answer:
 * a restarted controller decides exactly as the one before it.
 */
public final class PipelineRunFacts {

  private final PipelineSpec spec;
  private final PipelineGraph graph;
  private final Map<String, TaskObservation> observed;
  private final Map<String, String> skipped;
  private final RunMode mode;
  private final Map<String, ParamValue> params;
  private final Map<String, String> context;
  private final String runName;
  private final List<PipelineTask> dagTasks;
  private final List<PipelineTask> finallyTasks;
  private int maxMatrixCombinations = MatrixPlan.DEFAULT_MAX_COMBINATIONS;
  private Map<String, Integer> childCounts = Map.of();

  /**
   * @param observed the phase and results of every task that has a child run
   * @param skipped tasks already recorded as skipped, with their reasons
   */
  public PipelineRunFacts(String runName, PipelineSpec spec, PipelineGraph graph, Map<String, TaskObservation> observed,
      Map<String, String> skipped, RunMode mode, Map<String, ParamValue> params, Map<String, String> context) {
    this.runName = runName;
    this.spec = spec;
    this.graph = graph;
    this.observed = observed;
    this.skipped = skipped;
    this.mode = mode;
    this.params = params;
    this.context = context;
    this.dagTasks = spec.getTasks() == null ? List.of() : spec.getTasks();
    this.finallyTasks = spec.getFinally() == null ? List.of() : spec.getFinally();
  }

  public Decision decide() {
    Map<String, String> newSkips = new LinkedHashMap<>();
    List<Decision.Start> starts = new ArrayList<>();
    Map<String, TaskPhase> phases = new LinkedHashMap<>();
    for (PipelineTask task : dagTasks) {
      phases.put(task.getName(), phaseOf(task.getName()));
    }
    Map<String, String> validationFailed = new java.util.TreeMap<>(recordedValidationFailures());
    for (String name : graph.order()) {
      PipelineTask task = task(name);
      if (phases.get(name) != TaskPhase.NOT_STARTED) {
        if (resumeFanOut(task, false, bindings(phases, false), starts)) {
          phases.put(name, TaskPhase.RUNNING);
        }
        continue;
      }
      Optional<String> stopReason = dagStopReason(phases, !validationFailed.isEmpty());
      if (stopReason.isPresent()) {
        skip(name, stopReason.get(), phases, newSkips);
        continue;
      }
      // As Tekton since when-scoping: a parent skipped by its own `when` does not hold its dependents back.
      boolean ready = graph.parents(name).stream()
          .allMatch(p -> satisfies(task(p), phases.get(p)) || phases.get(p) == TaskPhase.SKIPPED);
      if (!ready) {
        continue;
      }
      Bindings bindings = bindings(phases, false);
      Boolean when = null;
      UnresolvedReferenceException unresolved = null;
      try {
        when = whenHolds(task, bindings);
      } catch (UnresolvedReferenceException e) {
        unresolved = e;
      }
      if (Boolean.FALSE.equals(when)) {
        skip(name, SkippingReason.WHEN_EXPRESSIONS, phases, newSkips);
        continue;
      }
      boolean parentSkipped = graph.parents(name).stream().anyMatch(p -> phases.get(p) == TaskPhase.SKIPPED
          && !SkippingReason.WHEN_EXPRESSIONS.equals(newSkips.getOrDefault(p, skipped.get(p))));
      if (parentSkipped) {
        skip(name, SkippingReason.PARENT_TASKS, phases, newSkips);
        continue;
      }
      try {
        if (unresolved != null) {
          throw unresolved;
        }
        Optional<String> emptyMatrix = start(task, false, bindings, starts);
        if (emptyMatrix.isPresent()) {
          skip(name, emptyMatrix.get(), phases, newSkips);
          continue;
        }
        phases.put(name, TaskPhase.RUNNING);
      } catch (UnresolvedReferenceException e) {
        skip(name, SkippingReason.MISSING_RESULTS, phases, newSkips);
        MissingResults.validationError(task, observed, phases, whenSkipped(newSkips))
            .ifPresent(error -> validationFailed.put(name, error));
      }
    }
    Map<String, TaskPhase> finallyPhases = new LinkedHashMap<>();
    for (PipelineTask task : finallyTasks) {
      finallyPhases.put(task.getName(), phaseOf(task.getName()));
    }
    boolean dagDone = phases.values().stream().allMatch(TaskPhase::isTerminal);
    if (dagDone && mode.cancel() != RunMode.Cancel.CANCELLED && mode.timeout() != RunMode.Timeout.PIPELINE) {
      Bindings bindings = bindings(phases, true);
      for (PipelineTask task : finallyTasks) {
        String name = task.getName();
        if (finallyPhases.get(name) != TaskPhase.NOT_STARTED) {
          if (resumeFanOut(task, true, bindings, starts)) {
            finallyPhases.put(name, TaskPhase.RUNNING);
          }
          continue;
        }
        if (mode.timeout() == RunMode.Timeout.FINALLY) {
          skip(name, SkippingReason.FINALLY_TIMED_OUT, finallyPhases, newSkips);
          continue;
        }
        try {
          if (!whenHolds(task, bindings)) {
            skip(name, SkippingReason.WHEN_EXPRESSIONS, finallyPhases, newSkips);
            continue;
          }
          Optional<String> emptyMatrix = start(task, true, bindings, starts);
          if (emptyMatrix.isPresent()) {
            skip(name, emptyMatrix.get(), finallyPhases, newSkips);
            continue;
          }
          finallyPhases.put(name, TaskPhase.RUNNING);
        } catch (UnresolvedReferenceException e) {
          skip(name, SkippingReason.MISSING_RESULTS, finallyPhases, newSkips);
        }
      }
    } else if (!dagDone || mode.cancel() == RunMode.Cancel.CANCELLED || mode.timeout() == RunMode.Timeout.PIPELINE) {
      if (mode.cancel() == RunMode.Cancel.CANCELLED || mode.timeout() == RunMode.Timeout.PIPELINE) {
        String reason = mode.timeout() == RunMode.Timeout.PIPELINE ? SkippingReason.PIPELINE_TIMED_OUT
            : SkippingReason.STOPPING;
        for (PipelineTask task : finallyTasks) {
          if (finallyPhases.get(task.getName()) == TaskPhase.NOT_STARTED) {
            skip(task.getName(), reason, finallyPhases, newSkips);
          }
        }
      }
    }
    Set<String> cancel = toCancel(phases, finallyPhases);
    Map<String, TaskPhase> allPhases = new LinkedHashMap<>(phases);
    allPhases.putAll(finallyPhases);
    Map<String, String> skipReasons = new LinkedHashMap<>(skipped);
    skipReasons.putAll(newSkips);
    RunConditions conditions = new RunConditions(runName, mode, dagTasks, finallyTasks, allPhases, observed,
        skipReasons, validationFailed);
    return new Decision(starts, newSkips, cancel, conditions.running(), conditions.completion());
  }

  /** The tasks skipped because their own {@code when} was false, recorded before or now. */
  private Set<String> whenSkipped(Map<String, String> newSkips) {
    Set<String> out = new LinkedHashSet<>();
    skipped.forEach((k, v) -> {
      if (SkippingReason.WHEN_EXPRESSIONS.equals(v)) {
        out.add(k);
      }
    });
    newSkips.forEach((k, v) -> {
      if (SkippingReason.WHEN_EXPRESSIONS.equals(v)) {
        out.add(k);
      }
    });
    return out;
  }

  /**
   * The recorded {@code Results were missing} skips that are Tekton's validation failures (see
   * {@link MissingResults}), with their errors: the same after a restart as when they happened.
   */
  private Map<String, String> recordedValidationFailures() {
    Map<String, TaskPhase> phases = new LinkedHashMap<>();
    dagTasks.forEach(t -> phases.put(t.getName(), phaseOf(t.getName())));
    Map<String, String> out = new LinkedHashMap<>();
    for (PipelineTask task : dagTasks) {
      if (SkippingReason.MISSING_RESULTS.equals(skipped.get(task.getName()))) {
        MissingResults.validationError(task, observed, phases, whenSkipped(Map.of()))
            .ifPresent(error -> out.put(task.getName(), error));
      }
    }
    return out;
  }

  /** Why no new DAG task may start, if that is so. */
  private Optional<String> dagStopReason(Map<String, TaskPhase> phases, boolean validationFailed) {
    if (mode.timeout() == RunMode.Timeout.PIPELINE) {
      return Optional.of(SkippingReason.PIPELINE_TIMED_OUT);
    }
    if (mode.timeout() == RunMode.Timeout.TASKS) {
      return Optional.of(SkippingReason.TASKS_TIMED_OUT);
    }
    switch (mode.cancel()) {
      case CANCELLED -> {
        return Optional.of(SkippingReason.STOPPING);
      }
      case CANCELLED_RUN_FINALLY -> {
        return Optional.of(SkippingReason.GRACEFULLY_CANCELLED);
      }
      case STOPPED_RUN_FINALLY -> {
        return Optional.of(SkippingReason.GRACEFULLY_STOPPED);
      }
      default -> {
      }
    }
    boolean failed = dagTasks.stream().anyMatch(t -> isFailure(t, phases.get(t.getName())));
    return failed || validationFailed ? Optional.of(SkippingReason.STOPPING) : Optional.empty();
  }

  private static boolean isFailure(PipelineTask task, TaskPhase phase) {
    return (phase == TaskPhase.FAILED && !PipelineTask.ON_ERROR_CONTINUE.equals(task.getOnError()))
        || phase == TaskPhase.CANCELLED;
  }

  /** A parent lets its dependents run when it succeeded, or failed with {@code onError: continue}. */
  private static boolean satisfies(PipelineTask parent, TaskPhase phase) {
    return phase == TaskPhase.SUCCEEDED
        || (phase == TaskPhase.FAILED && PipelineTask.ON_ERROR_CONTINUE.equals(parent.getOnError()));
  }

  private TaskPhase phaseOf(String name) {
    if (skipped.containsKey(name)) {
      return TaskPhase.SKIPPED;
    }
    return observed.getOrDefault(name, TaskObservation.NOT_STARTED).phase();
  }

  private void skip(String name, String reason, Map<String, TaskPhase> phases, Map<String, String> newSkips) {
    phases.put(name, TaskPhase.SKIPPED);
    newSkips.put(name, reason);
  }

  private Set<String> toCancel(Map<String, TaskPhase> phases, Map<String, TaskPhase> finallyPhases) {
    Set<String> cancel = new LinkedHashSet<>();
    boolean cancelDag = mode.cancel() == RunMode.Cancel.CANCELLED
        || mode.cancel() == RunMode.Cancel.CANCELLED_RUN_FINALLY
        || mode.timeout() == RunMode.Timeout.PIPELINE || mode.timeout() == RunMode.Timeout.TASKS;
    boolean cancelFinally = mode.cancel() == RunMode.Cancel.CANCELLED
        || mode.timeout() == RunMode.Timeout.PIPELINE || mode.timeout() == RunMode.Timeout.FINALLY;
    if (cancelDag) {
      phases.forEach((name, phase) -> {
        if (phase == TaskPhase.RUNNING && observed.containsKey(name)) {
          cancel.add(name);
        }
      });
    }
    if (cancelFinally) {
      finallyPhases.forEach((name, phase) -> {
        if (phase == TaskPhase.RUNNING && observed.containsKey(name)) {
          cancel.add(name);
        }
      });
    }
    return cancel;
  }

  private boolean whenHolds(PipelineTask task, Bindings bindings) {
    if (task.getWhen() == null) {
      return true;
    }
    bindings = forTask(task, bindings);
    for (WhenExpression when : task.getWhen()) {
      if (CelWhen.isCel(when)) {
        if (!CelWhen.holds(runName, when.getCel(), bindings)) {
          return false;
        }
        continue;
      }
      String input = Substitution.inline(when.getInput(), bindings);
      List<String> values = Substitution.apply(ParamValue.ofArray(when.getValues()), bindings).asArray();
      boolean in = values.contains(input);
      if (WhenExpression.IN.equals(when.getOperator()) != in) {
        return false;
      }
    }
    return true;
  }

  private List<Param> resolve(PipelineTask task, Bindings pipelineBindings) {
    Bindings bindings = forTask(task, pipelineBindings);
    MatrixContext.Lengths lengths = matrixLengths(pipelineBindings);
    List<Param> resolved = new ArrayList<>();
    if (task.getParams() != null) {
      for (Param p : task.getParams()) {
        resolved.add(new Param(p.getName(), Substitution.apply(MatrixContext.apply(p.getValue(), lengths), bindings)));
      }
    }
    return resolved;
  }

  /**
   * Adds the start of a task whose {@code when} holds: one child, or for a matrixed task one per
   * combination. Returns the skipping reason instead when its matrix has an empty array.
   *
   * @throws dev.customtasks.pipelinerun.validation.InvalidPipelineException past the matrix limit,
   *     or for a matrix param that is not an array once substituted
   */
  private Optional<String> start(PipelineTask task, boolean isFinally, Bindings bindings, List<Decision.Start> starts) {
    List<Param> params = resolve(task, bindings);
    Optional<PipelineMatrix> matrix = PipelineMatrix.of(task);
    if (matrix.isEmpty()) {
      starts.add(new Decision.Start(task, isFinally, params));
      return Optional.empty();
    }
    MatrixContext.Lengths lengths = matrixLengths(bindings);
    PipelineMatrix resolved = matrix.get().map(v -> MatrixContext.apply(v, lengths)).resolve(forTask(task, bindings));
    MatrixPlan plan = MatrixPlan.of(task, resolved, params, bindings, maxMatrixCombinations);
    if (plan.isSkipped()) {
      return plan.skipReason();
    }
    starts.add(new Decision.Start(task, isFinally, params, plan.children()));
    return Optional.empty();
  }

  /**
   * Pipeline results do not see the results of a custom task fanned out into several CustomRuns,
   * as Tekton's {@code GetRunsResults} ({@code pkg/reconciler/pipelinerun/resources/pipelinerunstate.go})
   * takes a custom task's results only from a single CustomRun.
   */
  private Bindings withoutFannedOutCustomRunResults(Bindings bindings) {
    Map<String, Map<String, ParamValue>> results = new LinkedHashMap<>(bindings.results());
    dagTasks.stream().filter(t -> t.isMatrixed() && t.isCustomTask() && childCounts.getOrDefault(t.getName(), 0) > 1)
        .forEach(t -> results.remove(t.getName()));
    return new Bindings(bindings.params(), results, bindings.taskStatuses(), bindings.aggregateStatus(),
        bindings.context());
  }

  /**
   * Starts again a matrixed task that has fewer children than its fan-out (the controller stopped
   * while creating them): the start lists every child, and the caller creates the missing ones.
   * A task with no children, a skipped one, or one whose inputs no longer resolve is left alone.
   */
  private boolean resumeFanOut(PipelineTask task, boolean isFinally, Bindings bindings, List<Decision.Start> starts) {
    int known = childCounts.getOrDefault(task.getName(), 0);
    if (known == 0 || !task.isMatrixed() || skipped.containsKey(task.getName())) {
      return false;
    }
    List<Decision.Start> planned = new ArrayList<>();
    try {
      if (start(task, isFinally, bindings, planned).isPresent() || planned.get(0).matrix().size() <= known) {
        return false;
      }
    } catch (RuntimeException e) {
      return false;
    }
    starts.addAll(planned);
    return true;
  }

  /**
   * How many children each task is known to have (created and seen, or recorded in the run's
   * status), so that a fan-out cut short by a restart is completed.
   */
  public PipelineRunFacts childCounts(Map<String, Integer> counts) {
    this.childCounts = Map.copyOf(counts);
    return this;
  }

  /**
   * {@code $(tasks.t.matrix.length)}: the combinations of task t, fanned out again from the same
   * bindings (0 for a task without a matrix, as Tekton counts one); {@code $(tasks.t.matrix.r.length)}:
   * the values of t's result r (0 when it has none).
   */
  private MatrixContext.Lengths matrixLengths(Bindings bindings) {
    return new MatrixContext.Lengths() {
      @Override
      public OptionalInt combinations(String name) {
        Optional<PipelineTask> task = Stream.concat(dagTasks.stream(), finallyTasks.stream())
            .filter(t -> t.getName().equals(name)).findFirst();
        if (task.isEmpty()) {
          return OptionalInt.empty();
        }
        Optional<PipelineMatrix> matrix = PipelineMatrix.of(task.get());
        if (matrix.isEmpty()) {
          return OptionalInt.of(0);
        }
        try {
          return OptionalInt.of(MatrixPlan.fanOut(name, matrix.get().resolve(forTask(task.get(), bindings)),
              maxMatrixCombinations).size());
        } catch (RuntimeException e) {
          return OptionalInt.empty();
        }
      }

      @Override
      public OptionalInt result(String name, String result) {
        ParamValue value = observed.getOrDefault(name, TaskObservation.NOT_STARTED).results().get(result);
        if (value == null) {
          return OptionalInt.of(0);
        }
        return OptionalInt.of(value.type() == ParamValue.Type.ARRAY ? value.asArray().size() : 1);
      }
    };
  }

  /**
   * The most children one matrixed task may have (Tekton's
   * {@code default-max-matrix-combinations-count}, 256 unless set).
   */
  public PipelineRunFacts maxMatrixCombinations(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("the matrix limit must be at least 1, got " + max);
    }
    this.maxMatrixCombinations = max;
    return this;
  }

  /** The bindings with the task's own context: {@code $(context.pipelineTask.retries)}. */
  private static Bindings forTask(PipelineTask task, Bindings bindings) {
    Map<String, String> context = new LinkedHashMap<>(bindings.context());
    context.put("pipelineTask.retries", String.valueOf(task.getRetries() == null ? 0 : task.getRetries()));
    return new Bindings(bindings.params(), bindings.results(), bindings.taskStatuses(), bindings.aggregateStatus(),
        context);
  }

  private Bindings bindings(Map<String, TaskPhase> phases, boolean forFinally) {
    Map<String, Map<String, ParamValue>> results = new LinkedHashMap<>();
    observed.forEach((name, obs) -> results.put(name, obs.results()));
    Map<String, String> statuses = new LinkedHashMap<>();
    String aggregate = null;
    if (forFinally) {
      phases.forEach((name, phase) -> statuses.put(name, switch (phase) {
        case SUCCEEDED -> "Succeeded";
        case FAILED, CANCELLED -> "Failed";
        default -> "None";
      }));
      boolean anyFailed = phases.values().stream().anyMatch(p -> p == TaskPhase.FAILED || p == TaskPhase.CANCELLED);
      boolean anySkipped = phases.values().stream().anyMatch(p -> p == TaskPhase.SKIPPED);
      aggregate = anyFailed ? "Failed" : anySkipped ? "Completed" : "Succeeded";
    }
    return new Bindings(params, results, statuses, aggregate, context);
  }

  private PipelineTask task(String name) {
    return dagTasks.stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
  }

  /**
   * {@code task}'s {@code when} expressions with their variables replaced by the values they have
   * now, as Tekton records them in {@code skippedTasks} and {@code childReferences} (e.g.
   * {@code input: dev} for {@code input: $(params.env)}); a variable without a value yet stays as
   * written. Empty when the task has none.
   */
  public List<WhenExpression> resolvedWhen(String task) {
    Optional<PipelineTask> dag = dagTasks.stream().filter(t -> t.getName().equals(task)).findFirst();
    Optional<PipelineTask> found = dag.or(() -> finallyTasks.stream().filter(t -> t.getName().equals(task)).findFirst());
    if (found.isEmpty() || found.get().getWhen() == null) {
      return List.of();
    }
    Map<String, TaskPhase> phases = new LinkedHashMap<>();
    dagTasks.forEach(t -> phases.put(t.getName(), phaseOf(t.getName())));
    Bindings bindings = forTask(found.get(), bindings(phases, dag.isEmpty()));
    List<WhenExpression> out = new ArrayList<>();
    for (WhenExpression when : found.get().getWhen()) {
      WhenExpression resolved = new WhenExpression(when.getInput(), when.getOperator(), when.getValues());
      resolved.setCel(when.getCel());
      try {
        if (when.getInput() != null) {
          resolved.setInput(Substitution.inline(when.getInput(), bindings));
        }
        if (when.getValues() != null) {
          resolved.setValues(Substitution.apply(ParamValue.ofArray(when.getValues()), bindings).asArray());
        }
      } catch (UnresolvedReferenceException e) {
        // Kept as written: Tekton too records a variable it could not replace as it stands.
      }
      out.add(resolved);
    }
    return out;
  }

  /**
   * The pipeline's declared results, resolved from its tasks' results; a result that cannot be
   * resolved (its task failed or was skipped) is left out, as Tekton does.
   */
  public Map<String, ParamValue> pipelineResults() {
    Map<String, ParamValue> out = new LinkedHashMap<>();
    if (spec.getResults() == null) {
      return out;
    }
    Map<String, TaskPhase> phases = new LinkedHashMap<>();
    dagTasks.forEach(t -> phases.put(t.getName(), phaseOf(t.getName())));
    Bindings bindings = withoutFannedOutCustomRunResults(bindings(phases, false));
    for (var result : spec.getResults()) {
      try {
        out.put(result.getName(), Substitution.apply(result.getValue(), bindings));
      } catch (UnresolvedReferenceException e) {
        // Left out: Tekton omits results whose tasks did not produce them.
      }
    }
    return out;
  }
}
