package dev.customtasks.pipelinerun.reconciler;

import dev.customtasks.crds.api.Condition;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.SafeText;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.ChildStatusReference;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineRunValidation;
import dev.customtasks.crds.api.pipeline.PipelineRunResult;
import dev.customtasks.crds.api.pipeline.PipelineRunStatus;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.crds.api.pipeline.SkippedTask;
import dev.customtasks.crds.api.pipeline.SkippingReason;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.controller.ChildInformers;
import dev.customtasks.crds.controller.Children;
import dev.customtasks.crds.controller.RunEvent;
import dev.customtasks.crds.controller.RunEvents;
import dev.customtasks.crds.controller.Operators;
import dev.customtasks.crds.controller.OwnStatusWrites;
import dev.customtasks.crds.controller.ReconcileCycle;
import dev.customtasks.crds.controller.WatchedNamespaces;
import dev.customtasks.crds.controller.WakeUpEventSource;
import dev.customtasks.crds.controller.WakeUpScheduler;
import dev.customtasks.pipelinerun.cel.CelWhen;
import dev.customtasks.pipelinerun.dag.PipelineGraph;
import dev.customtasks.pipelinerun.matrix.MatrixValidation;
import dev.customtasks.pipelinerun.state.Decision;
import dev.customtasks.pipelinerun.state.PipelineRunFacts;
import dev.customtasks.pipelinerun.state.RunMode;
import dev.customtasks.pipelinerun.validation.InvalidPipelineException;
import dev.customtasks.pipelinerun.validation.PipelineValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code tekton.dev/v1} PipelineRuns where Tekton Pipelines is not installed, creating
 * CustomRuns and TaskRuns exactly as Tekton's own controller would. Each reconcile: resolve and
 * validate the pipeline, observe the children, let {@link PipelineRunFacts} decide, act (create,
 * cancel), and write the status as one compare-and-set. All state is in the API server: the
 * children (found by owner and label) and the run's status (skipped tasks, finally start).
 */
public final class PipelineRunReconciler implements Reconciler<PipelineRun> {

  public static final String NAME = "pipelinerun";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PipelineRunReconciler.class);
  /** Label values are at most 63 characters, and the run's name is one on every child. */
  static final int MAX_NAME = 63;

  private final Clock clock;
  private final WakeUpScheduler scheduler;
  private int maxMatrixCombinations = MatrixChildren.maxCombinationsFromEnvironment();
  private WakeUpEventSource<PipelineRun> wakeUps;
  private RunEvents events;
  private final ChildInformers childInformers = new ChildInformers();

  public PipelineRunReconciler(Clock clock) {
    this(clock, WakeUpScheduler.shared());
  }

  public PipelineRunReconciler(Clock clock, WakeUpScheduler scheduler) {
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** The most children one matrixed pipeline task may have (Tekton's {@code default-max-matrix-combinations-count}). */
  public PipelineRunReconciler withMaxMatrixCombinations(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("the matrix limit must be at least 1, got " + max);
    }
    this.maxMatrixCombinations = max;
    return this;
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
  public List<EventSource<?, PipelineRun>> prepareEventSources(EventSourceContext<PipelineRun> context) {
    wakeUps = new WakeUpEventSource<>(scheduler, NAME);
    events = new RunEvents(context.getClient(), "pipelinerun-controller");
    return List.of(wakeUps, childInformers.informer(CustomRun.class, PipelineRun.class, context, b -> b),
        childInformers.informer(TaskRun.class, PipelineRun.class, context, b -> b));
  }

  @Override
  public UpdateControl<PipelineRun> reconcile(PipelineRun primary, Context<PipelineRun> context) {
    if (primary.isFinished()) {
      return UpdateControl.noUpdate();
    }
    try {
      return reconcileRunning(primary, context);
    } catch (RuntimeException e) {
      return Conflicts.handle(e, primary, LOG::debug);
    }
  }

  private UpdateControl<PipelineRun> reconcileRunning(PipelineRun primary, Context<PipelineRun> context) {
    // A malformed run is failed as it stands: its stored form may not read back as a PipelineRun.
    PipelineRun original = primary.malformed().isPresent() ? primary
        : PipelineLabel.missing(primary).map(label -> labelRun(primary, label, context)).orElse(primary);
    var serialization = context.getClient().getKubernetesSerialization();
    PipelineRun run = dev.customtasks.crds.api.LenientResource.copy(serialization, original);
    if (run.getStatus() == null) {
      run.setStatus(new PipelineRunStatus());
    }
    Instant now = clock.instant();
    Condition before = original.getStatus() == null ? null : original.getStatus().succeededCondition()
        .map(PipelineRunReconciler::snapshot).orElse(null);
    List<Condition> transitions = new ArrayList<>();
    Optional<String> ignoredEdit = run.getStatus().isDone() ? Optional.empty() : specChangeIgnored(run);
    Optional<Instant> wakeAt = step(run, now, context, transitions);
    run.getStatus().succeededCondition().map(PipelineRunReconciler::snapshot).ifPresent(transitions::add);
    run.getStatus().setObservedGeneration(run.getMetadata().getGeneration());
    List<RunEvent> told = ConditionEvents.of(before, transitions, now);
    ReconcileCycle.finish(original, run, context, wakeUps, run.isDone(), wakeAt,
        () -> {
          ignoredEdit.ifPresent(message -> events.warning(run, SPEC_CHANGE_IGNORED, message, now));
          told.forEach(e -> events.record(run, e));
        });
    return UpdateControl.noUpdate();
  }

  /**
   * Adds Tekton's {@code tekton.dev/pipeline} label to the run itself and returns the run as
   * stored: the status is then decided on it and written compare-and-set on its resourceVersion.
   * The stored object goes into the cache so that the next reconcile starts from it.
   */
  private static PipelineRun labelRun(PipelineRun run, String label, Context<PipelineRun> context) {
    // Patched through resource(run): fabric8 GETs the object first when patching by name.
    PipelineRun labelled = context.getClient().resource(run)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{"
            + Serialization.asJson(TektonLabels.PIPELINE) + ":" + Serialization.asJson(label) + "}}}");
    context.eventSourceRetriever().getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(labelled), labelled, run);
    return labelled;
  }

  private static Condition snapshot(Condition c) {
    return new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), c.getLastTransitionTime());
  }

  /**
   * Decides the run's next status on {@code run}; returns when to look again if nothing changes.
   * A condition set on the way that Tekton tells at once (the start) is added to {@code transitions}.
   */
  private Optional<Instant> step(PipelineRun run, Instant now, Context<PipelineRun> context, List<Condition> transitions) {
    PipelineRunStatus status = run.getStatus();
    String name = run.getMetadata().getName();
    Optional<String> unreadable = run.unreadableStatus();
    if (unreadable.isPresent()) {
      endUnreadable(run, unreadable.get(), now, context);
      return Optional.empty();
    }
    if (run.isPending() && !status.hasStarted()) {
      status.markRunning(PipelineRunReason.PENDING, "PipelineRun \"" + name + "\" is pending", now);
      return Optional.empty();
    }
    if (!status.hasStarted()) {
      status.setStartTime(Timestamps.format(now));
      status.markRunning(PipelineRunReason.STARTED, "", now);
      status.succeededCondition().map(PipelineRunReconciler::snapshot).ifPresent(transitions::add);
    }
    if (run.malformed().isPresent()) {
      fail(run, PipelineRunReason.FAILED_VALIDATION, run.malformed().get(), now);
      return Optional.empty();
    }
    // Tekton's webhook refuses any other spec.status; where none runs, a run asked for one fails
    // before it starts anything (once started, specChangeIgnored says the value is ignored).
    Optional<String> specStatus = PipelineRunValidation.specStatusProblem(run.getSpec() == null ? null
        : run.getSpec().getStatus());
    if (specStatus.isPresent() && status.getPipelineSpec() == null) {
      fail(run, PipelineRunReason.FAILED_VALIDATION, specStatus.get(), now);
      return Optional.empty();
    }
    if (name.length() > MAX_NAME) {
      fail(run, PipelineRunReason.FAILED_VALIDATION, "metadata.name: a PipelineRun name must be at most " + MAX_NAME
          + " characters, since it is the value of the tekton.dev/pipelineRun label on its children; got "
          + name.length(), now);
      return Optional.empty();
    }
    PipelineSpec spec;
    PipelineGraph graph;
    Map<String, ParamValue> params;
    try {
      spec = PipelineResolver.resolve(run, context.getClient());
      PipelineValidator.validate(spec, PipelineResolver.pipelineRef(run));
      graph = PipelineGraph.of(spec.getTasks());
      params = PipelineValidator.effectiveParams(spec, run.getSpec().getParams());
      MatrixValidation.validateLimit(spec, params, context(run), maxMatrixCombinations);
      CelWhen.evaluateUpFront(spec, params, context(run), name);
      run.pipelineTimeout(PipelineRun.DEFAULT_TIMEOUT);
      run.tasksTimeout();
      run.finallyTimeout();
      PipelineTaskRunSpec.validate(run, spec);
    } catch (InvalidPipelineException e) {
      fail(run, e.reason(), e.getMessage(), now);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      fail(run, PipelineRunReason.FAILED_VALIDATION, "spec.timeouts: " + e.getMessage(), now);
      return Optional.empty();
    }
    // What Tekton's webhook refuses (pipelinerun_validation.go), for clusters where no webhook runs.
    Optional<String> timeoutsProblem = PipelineRunValidation.timeoutsProblem(run.getSpec().getTimeouts(),
        PipelineRun.DEFAULT_TIMEOUT);
    if (timeoutsProblem.isPresent()) {
      fail(run, PipelineRunReason.FAILED_VALIDATION, timeoutsProblem.get(), now);
      return Optional.empty();
    }
    status.setPipelineSpec(spec);

    PipelineChildren children = new PipelineChildren(run, context.getSecondaryResources(CustomRun.class),
        context.getSecondaryResources(TaskRun.class));
    Map<String, String> skipped = new LinkedHashMap<>();
    if (status.getSkippedTasks() != null) {
      status.getSkippedTasks().forEach(s -> skipped.put(s.getName(), s.getReason()));
    }
    var observations = children.observations(MatrixChildren.matrixed(spec));
    boolean dagDone = spec.getTasks().stream().allMatch(t -> skipped.containsKey(t.getName())
        || observations.containsKey(t.getName()) && observations.get(t.getName()).phase().isTerminal());
    Instant finallyStart = status.finallyStartInstant();
    Timeouts timeouts = Timeouts.of(run, status.startInstant(), finallyStart);
    RunMode mode = new RunMode(cancelMode(run), timeouts.expired(now, finallyStart, dagDone),
        run.pipelineTimeout(PipelineRun.DEFAULT_TIMEOUT), run.tasksTimeout());
    PipelineRunFacts facts = new PipelineRunFacts(name, spec, graph, observations, skipped, mode, params,
        context(run)).maxMatrixCombinations(maxMatrixCombinations)
        .childCounts(MatrixChildren.knownCounts(children, status.getChildReferences()));
    Decision decision;
    try {
      decision = facts.decide();
    } catch (InvalidPipelineException e) {
      // A matrix past its limit or of the wrong type once results fill it, a CEL when that fails.
      fail(run, e.reason(), e.getMessage(), now);
      return Optional.empty();
    }

    boolean byTimeout = mode.timeout() != RunMode.Timeout.NONE;
    for (String task : decision.cancel()) {
      for (HasMetadata child : children.of(task)) {
        if (!PipelineChildren.isCancelRequested(child)
            && !PipelineChildren.observe(child).phase().isTerminal()) {
          PipelineChildren.cancel(context.getClient(), child, byTimeout);
        }
      }
    }
    decision.skip().forEach((task, reason) -> recordSkip(status, facts, task, reason));
    if (decision.start().stream().anyMatch(Decision.Start::isFinally) && finallyStart == null) {
      finallyStart = now;
      status.setFinallyStartTime(Timestamps.format(now));
      timeouts = Timeouts.of(run, status.startInstant(), finallyStart);
    }
    String pipelineName = PipelineResolver.pipelineName(run);
    for (Decision.Start start : decision.start()) {
      var timeout = ChildRunFactory.timeout(run, start.task(), start.isFinally());
      var existing = MatrixChildren.byName(children.of(start.task().getName()));
      for (MatrixChildren.Planned planned : MatrixChildren.build(run, pipelineName, start, timeout)) {
        HasMetadata child = existing.get(planned.child().getMetadata().getName());
        if (child == null) {
          child = childInformers.create(context, planned.child(), run);
        }
        recordChild(status, child, start.task(), planned.displayName().orElse(null),
            facts.resolvedWhen(start.task().getName()));
      }
    }

    if (decision.completion().isPresent()) {
      var completion = decision.completion().get();
      List<PipelineRunResult> results = new ArrayList<>();
      facts.pipelineResults().forEach((k, v) -> results.add(new PipelineRunResult(k, v)));
      status.setResults(results.isEmpty() ? null : results);
      if (completion.succeeded()) {
        status.markSucceeded(completion.reason(), completion.message(), now);
      } else {
        fail(run, completion.reason(), completion.message(), now);
      }
      return Optional.empty();
    }
    status.markRunning(decision.condition().reason(), decision.condition().message(), now);
    return timeouts.next(now);
  }

  /** Event reason: the spec of a started run was edited, and the edit has no effect. */
  static final String SPEC_CHANGE_IGNORED = "SpecChangeIgnored";

  /**
   * Tekton's webhook refuses a started run's spec change except {@code spec.status}; where no webhook
   * runs the change is made, and ignored, since the run goes on with {@code status.pipelineSpec}: say
   * so once, when the new generation is first seen. A change that sets {@code spec.status} may be
   * a cancel, and says nothing, unless the value is none Tekton knows: it is ignored too.
   */
  static Optional<String> specChangeIgnored(PipelineRun run) {
    Long observed = run.getStatus().getObservedGeneration();
    Long generation = run.getMetadata().getGeneration();
    String specStatus = run.getSpec() == null ? null : run.getSpec().getStatus();
    boolean statusSet = specStatus != null && !specStatus.isBlank();
    if (!run.getStatus().hasStarted() || observed == null || generation == null || generation <= observed) {
      return Optional.empty();
    }
    Optional<String> badStatus = PipelineRunValidation.specStatusProblem(specStatus);
    if (badStatus.isPresent()) {
      return Optional.of(badStatus.get() + "; the value is ignored and the run goes on, as if spec.status were not "
          + "set");
    }
    if (statusSet) {
      return Optional.empty();
    }
    return Optional.of("spec changed (generation " + generation + ") after the run started: the change is ignored, "
        + "the run goes on with the spec it started with (status.pipelineSpec); only spec.status (cancel) counts "
        + "after the start");
  }

  /**
   * Ends a run whose own status was edited into something this controller cannot read
   * ({@link PipelineRun#unreadableStatus()}): it can neither be timed nor trusted, and left so it
   * would never finish nor be cleaned up. It fails {@code InvalidStatus} with the problem as the
   * message, once (one Event, one log line); its running children are cancelled, as when a run is
   * cancelled; the times become readable, so retention can remove it.
   */
  private static void endUnreadable(PipelineRun run, String problem, Instant now, Context<PipelineRun> context) {
    PipelineRunStatus status = run.getStatus();
    LOG.warn("PipelineRun {}/{} ends {}: its status cannot be read: {}", run.getMetadata().getNamespace(),
        run.getMetadata().getName(), PipelineRunReason.INVALID_STATUS, SafeText.escape(problem));
    if (Timestamps.tryParse(status.getStartTime()).isEmpty()) {
      status.setStartTime(Timestamps.format(now));
    }
    if (status.getFinallyStartTime() != null && Timestamps.tryParse(status.getFinallyStartTime()).isEmpty()) {
      status.setFinallyStartTime(null);
    }
    new PipelineChildren(run, context.getSecondaryResources(CustomRun.class),
        context.getSecondaryResources(TaskRun.class)).all().stream()
        .filter(child -> !PipelineChildren.isCancelRequested(child)
            && !PipelineChildren.observe(child).phase().isTerminal())
        .forEach(child -> PipelineChildren.cancel(context.getClient(), child, false));
    fail(run, PipelineRunReason.INVALID_STATUS, problem, now);
  }

  private static void fail(PipelineRun run, String reason, String message, Instant now) {
    run.getStatus().markFailed(reason, message, now);
  }

  private static RunMode.Cancel cancelMode(PipelineRun run) {
    if (run.isGracefullyCancelled()) {
      return RunMode.Cancel.CANCELLED_RUN_FINALLY;
    }
    if (run.isGracefullyStopped()) {
      return RunMode.Cancel.STOPPED_RUN_FINALLY;
    }
    return run.isCancelled() ? RunMode.Cancel.CANCELLED : RunMode.Cancel.NONE;
  }

  private static Map<String, String> context(PipelineRun run) {
    Map<String, String> context = new LinkedHashMap<>();
    context.put("pipelineRun.name", run.getMetadata().getName());
    context.put("pipelineRun.namespace", run.getMetadata().getNamespace());
    context.put("pipelineRun.uid", run.getMetadata().getUid());
    context.put("pipeline.name", PipelineResolver.pipelineName(run));
    return context;
  }

  private static void recordSkip(PipelineRunStatus status, PipelineRunFacts facts, String task, String reason) {
    List<SkippedTask> skipped = status.getSkippedTasks() == null ? new ArrayList<>()
        : new ArrayList<>(status.getSkippedTasks());
    SkippedTask entry = new SkippedTask();
    entry.setName(task);
    entry.setReason(reason);
    if (SkippingReason.WHEN_EXPRESSIONS.equals(reason)) {
      entry.setWhenExpressions(facts.resolvedWhen(task));
    }
    skipped.add(entry);
    status.setSkippedTasks(skipped);
  }

  private static void recordChild(PipelineRunStatus status, HasMetadata child, PipelineTask task, String displayName,
      List<dev.customtasks.crds.api.pipeline.WhenExpression> when) {
    List<ChildStatusReference> refs = status.getChildReferences() == null ? new ArrayList<>()
        : new ArrayList<>(status.getChildReferences());
    if (refs.stream().anyMatch(r -> child.getMetadata().getName().equals(r.getName()))) {
      return;
    }
    ChildStatusReference ref = new ChildStatusReference();
    ref.setApiVersion(child.getApiVersion());
    ref.setKind(child.getKind());
    ref.setName(child.getMetadata().getName());
    ref.setPipelineTaskName(task.getName());
    ref.setDisplayName(displayName);
    ref.setWhenExpressions(when.isEmpty() ? null : when);
    refs.add(ref);
    status.setChildReferences(refs);
  }
}
