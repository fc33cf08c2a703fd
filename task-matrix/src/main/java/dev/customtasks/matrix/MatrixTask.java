package dev.customtasks.matrix;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.child.ChildOutcome;
import dev.customtasks.crds.child.ChildRuns;
import dev.customtasks.crds.controller.Attempt;
import dev.customtasks.crds.controller.Children;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.controller.Step;
import dev.customtasks.crds.controller.TaskInput;
import dev.customtasks.crds.matrix.Combination;
import dev.customtasks.crds.matrix.MatrixExpander;
import dev.customtasks.matrix.api.Matrix;
import dev.customtasks.matrix.plan.ChildLabels;
import dev.customtasks.matrix.plan.ChildPhase;
import dev.customtasks.matrix.plan.Decision;
import dev.customtasks.matrix.plan.FailureReport;
import dev.customtasks.matrix.plan.GatheredResults;
import dev.customtasks.matrix.plan.MatrixSchedule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Matrix}: runs one task once per combination of a matrix (Tekton's matrix rules, plus
 * exclude), one child run per combination named {@code <run>-<index>}: a TaskRun for a Task, a
 * CustomRun for a custom task. At most {@code maxParallel} run at once; with {@code failFast} the
 * first failure cancels the rest. Each child string result is gathered into an array result of
 * the same name, in combination order.
 *
 * <p>Each tick observes the children (from the cache, plus those the run's status says were
 * created), asks {@link MatrixSchedule} what to do, creates or cancels children, and keeps every
 * combination's state in {@code status.extraFields} ({@link MatrixState}). Cancel and timeout
 * cancel every running child through the default {@link CustomTask#release}.
 */
public final class MatrixTask implements CustomTask<MatrixPlan, MatrixState> {

  public static final TaskKind KIND = new TaskKind(Matrix.API_VERSION, "Matrix");
  /**
   * The largest gathered result, in bytes: up to 256 children's values in one array, where Tekton
   * allows 4096 bytes per child result. The whole CustomRun (status included) must stay under the
   * API server's object limit (1.5 MiB on etcd).
   */
  public static final int MAX_RESULT_BYTES = 64 * 1024;

  private final int maxCombinations;

  /** With Tekton's default limit of 256 combinations. */
  public MatrixTask() {
    this(MatrixExpander.DEFAULT_MAX_COMBINATIONS);
  }

  /** @param maxCombinations the most combinations a run may have (Tekton's {@code default-max-matrix-combinations-count}) */
  public MatrixTask(int maxCombinations) {
    if (maxCombinations < 1) {
      throw new IllegalArgumentException("maxCombinations must be at least 1, got " + maxCombinations);
    }
    this.maxCombinations = maxCombinations;
  }

  @Override
  public String name() {
    return "matrix";
  }

  @Override
  public List<TaskKind> kinds() {
    return List.of(KIND);
  }

  @Override
  public Class<MatrixState> stateType() {
    return MatrixState.class;
  }

  @Override
  public Optional<ResourceDefinitionContext> namedObjectType(TaskKind kind) {
    return Optional.of(ResourceDefinitionContext.fromResourceType(Matrix.class));
  }

  @Override
  public Set<Class<? extends HasMetadata>> childTypes() {
    return Set.of(TaskRun.class, CustomRun.class);
  }

  @Override
  public int maxResultBytes() {
    return MAX_RESULT_BYTES;
  }

  @Override
  public MatrixPlan decode(TaskInput input) {
    return MatrixSpecReader.read(input, maxCombinations);
  }

  @Override
  public Step<MatrixState> progress(MatrixPlan plan, Attempt<MatrixState> attempt) {
    if (plan.fanOut().isSkipped()) {
      return Step.<MatrixState>succeeded("no combination to run: " + plan.fanOut().skipReason(),
          GatheredResults.of(List.of(), List.of())).withState(new MatrixState(0, List.of()));
    }
    Children children = attempt.children();
    List<Combination> combinations = plan.combinations();
    Class<? extends HasMetadata> type = "TaskRun".equals(plan.target().runKind()) ? TaskRun.class : CustomRun.class;
    Map<String, HasMetadata> existing = new HashMap<>();
    children.list(type).forEach(c -> existing.put(c.getMetadata().getName(), c));
    Optional<MatrixState> recorded = attempt.state();

    List<ChildPhase> phases = new ArrayList<>();
    List<ChildOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < combinations.size(); i++) {
      HasMetadata child = existing.get(children.name(Integer.toString(i)));
      ChildOutcome outcome = child == null ? null : ChildRuns.observe(child);
      outcomes.add(outcome);
      // A child the status says was created but the cache does not show yet still holds a slot.
      int index = i;
      phases.add(outcome != null ? phase(outcome)
          : recorded.map(s -> s.phaseOf(index)).orElse(ChildPhase.NOT_STARTED));
    }

    Decision decision = MatrixSchedule.decide(phases, plan.maxParallel(), plan.failFast());
    for (int i : decision.start()) {
      HasMetadata child = children.createRun(Integer.toString(i), plan.child(i), ChildLabels.of(i, combinations.get(i)));
      ChildOutcome outcome = ChildRuns.observe(child);
      outcomes.set(i, outcome);
      phases.set(i, outcome.isDone() ? phase(outcome) : ChildPhase.PENDING);
    }
    int cancelled = 0;
    if (decision.cancelRunning()) {
      children.releaseAll(type, "cancelled by failFast: " + FailureReport.describe(decision.failed().get(0),
          combinations.get(decision.failed().get(0))) + " failed");
      for (int i = 0; i < phases.size(); i++) {
        if (phases.get(i).isActive()) {
          phases.set(i, ChildPhase.CANCELLED);
          cancelled++;
        }
      }
    }

    MatrixState state = state(plan, children, phases, outcomes);
    return switch (decision.verdict()) {
      case RUNNING -> Step.<MatrixState>running(progressMessage(decision, combinations.size(), plan.maxParallel()))
          .withState(state);
      case SUCCEEDED -> Step.<MatrixState>succeeded(combinations.size() + " combinations succeeded",
          GatheredResults.of(results(outcomes), List.of())).withState(state);
      case FAILED -> Step.<MatrixState>failed(Reasons.FAILED, FailureReport.message(combinations, decision.failed(),
          failureMessages(decision.failed(), outcomes), cancelled))
          .withResults(GatheredResults.of(results(outcomes), decision.failed())).withState(state);
    };
  }

  private static ChildPhase phase(ChildOutcome outcome) {
    return switch (outcome.phase()) {
      case PENDING -> ChildPhase.PENDING;
      case RUNNING -> ChildPhase.RUNNING;
      case SUCCEEDED -> ChildPhase.SUCCEEDED;
      case FAILED -> ChildPhase.FAILED;
      case CANCELLED -> ChildPhase.CANCELLED;
    };
  }

  private static String progressMessage(Decision decision, int total, Integer maxParallel) {
    return decision.done() + " of " + total + " combinations done, " + decision.active() + " running"
        + (maxParallel == null ? "" : " (maxParallel " + maxParallel + ")");
  }

  private static MatrixState state(MatrixPlan plan, Children children, List<ChildPhase> phases,
      List<ChildOutcome> outcomes) {
    List<MatrixState.Entry> entries = new ArrayList<>();
    for (int i = 0; i < phases.size(); i++) {
      Combination combination = plan.combinations().get(i);
      ChildOutcome outcome = outcomes.get(i);
      String message = phases.get(i).isFailure() && outcome != null && !outcome.message().isBlank()
          ? outcome.message() : null;
      entries.add(new MatrixState.Entry(i, children.name(Integer.toString(i)), combination.params(),
          combination.name().orElse(null), phases.get(i).wireName(), message));
    }
    return new MatrixState(phases.size(), entries);
  }

  private static List<Map<String, ParamValue>> results(List<ChildOutcome> outcomes) {
    return outcomes.stream().map(o -> o == null || !o.isSuccessful() ? Map.<String, ParamValue>of() : o.results())
        .toList();
  }

  private static Map<Integer, String> failureMessages(List<Integer> failed, List<ChildOutcome> outcomes) {
    Map<Integer, String> messages = new LinkedHashMap<>();
    for (int i : failed) {
      Optional.ofNullable(outcomes.get(i)).map(ChildOutcome::message).ifPresent(m -> messages.put(i, m));
    }
    return messages;
  }
}
