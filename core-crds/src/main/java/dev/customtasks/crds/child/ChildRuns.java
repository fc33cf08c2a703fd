package dev.customtasks.crds.child;

import dev.customtasks.crds.api.Condition;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.RunResource;
import dev.customtasks.crds.api.RunStatus;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunSpec;
import dev.customtasks.crds.api.customrun.EmbeddedCustomRunSpec;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunSpec;
import dev.customtasks.crds.api.pipeline.PipelineTaskRunTemplate;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskRunSpec;
import dev.customtasks.crds.api.pipeline.TaskSpec;
import dev.customtasks.crds.api.pipeline.TimeoutFields;
import dev.customtasks.crds.duration.GoDuration;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Child runs as Tekton makes, reads and stops them, for any parent: the PipelineRun controller
 * (a TaskRun or CustomRun per pipeline task) and the task controllers (a matrix's instances, a
 * loop's iterations, a sub-pipeline's PipelineRun).
 *
 * <ul>
 *   <li>{@link #build} turns a {@link ChildRunSpec} and the child's metadata into a
 *       {@link TaskRun}, {@link CustomRun} or {@link PipelineRun} with Tekton's field for each
 *       setting (Tekton: {@code createTaskRun}, {@code createCustomRun} in
 *       {@code pkg/reconciler/pipelinerun/pipelinerun.go});</li>
 *   <li>{@link #observe} reads any of them as one {@link ChildOutcome};</li>
 *   <li>{@link #cancel} asks one to stop the way Tekton does for its kind ({@code RunCancelled},
 *       {@code TaskRunCancelled} with a message, {@code Cancelled} for a PipelineRun; Tekton:
 *       {@code pkg/reconciler/pipelinerun/cancel.go}).</li>
 * </ul>
 */
public final class ChildRuns {

  /** Tekton's {@code statusMessage} on a CustomRun cancelled because its PipelineRun was cancelled. */
  public static final String CUSTOM_RUN_CANCELLED_BY_PIPELINE =
      "CustomRun cancelled as the PipelineRun it belongs to has been cancelled.";
  /** Tekton's {@code statusMessage} on a CustomRun cancelled because its PipelineRun timed out. */
  public static final String CUSTOM_RUN_CANCELLED_BY_PIPELINE_TIMEOUT =
      "CustomRun cancelled as the PipelineRun it belongs to has timed out.";

  private static final String TEKTON_GROUP = "tekton.dev";

  private ChildRuns() {
  }

  /**
   * The child run {@code spec} describes, with {@code meta} as its metadata (name, namespace,
   * labels, annotations, owner references: the caller's, used as given).
   *
   * @return a {@link TaskRun}, {@link CustomRun} or {@link PipelineRun}, by {@code spec.target()}
   */
  public static HasMetadata build(ChildRunSpec spec, ObjectMeta meta) {
    ChildTarget target = spec.target();
    String timeout = spec.timeout().map(GoDuration::format).orElse(null);
    List<dev.customtasks.crds.api.Param> params = spec.params().isEmpty() ? null : spec.params();
    List<Map<String, Object>> workspaces = spec.workspaces().isEmpty() ? null : spec.workspaces();
    if (target instanceof ChildTarget.PipelineByRef || target instanceof ChildTarget.EmbeddedPipeline) {
      PipelineRun child = new PipelineRun();
      child.setMetadata(meta);
      PipelineRunSpec runSpec = new PipelineRunSpec();
      if (target instanceof ChildTarget.PipelineByRef byRef) {
        runSpec.setPipelineRef(byRef.ref());
      } else {
        runSpec.setPipelineSpec(((ChildTarget.EmbeddedPipeline) target).spec());
      }
      runSpec.setParams(params);
      runSpec.setWorkspaces(workspaces);
      if (timeout != null) {
        runSpec.setTimeouts(new TimeoutFields(timeout, null, null));
      }
      if (spec.serviceAccountName() != null && !spec.serviceAccountName().isEmpty()) {
        PipelineTaskRunTemplate template = new PipelineTaskRunTemplate();
        template.setServiceAccountName(spec.serviceAccountName());
        runSpec.setTaskRunTemplate(template);
      }
      child.setSpec(runSpec);
      return child;
    }
    if (target instanceof ChildTarget.CustomByRef || target instanceof ChildTarget.EmbeddedCustom) {
      CustomRun child = new CustomRun();
      child.setMetadata(meta);
      CustomRunSpec runSpec = new CustomRunSpec();
      if (target instanceof ChildTarget.CustomByRef byRef) {
        TaskRef ref = byRef.ref();
        runSpec.setCustomRef(new TaskRef(ref.getApiVersion(), ref.getKind(), ref.getName()));
      } else {
        var embedded = ((ChildTarget.EmbeddedCustom) target).spec();
        EmbeddedCustomRunSpec customSpec = new EmbeddedCustomRunSpec(embedded.getApiVersion(), embedded.getKind(),
            embedded.getSpec());
        if (embedded.getMetadata() != null) {
          customSpec.setMetadata(Serialization.jsonMapper().convertValue(embedded.getMetadata(), Map.class));
        }
        runSpec.setCustomSpec(customSpec);
      }
      runSpec.setParams(params);
      runSpec.setTimeout(timeout);
      runSpec.setRetries(spec.retries());
      runSpec.setServiceAccountName(spec.serviceAccountName());
      runSpec.setWorkspaces(workspaces);
      child.setSpec(runSpec);
      return child;
    }
    TaskRun child = new TaskRun();
    child.setMetadata(meta);
    TaskRunSpec runSpec = new TaskRunSpec();
    if (target instanceof ChildTarget.TaskByRef byRef) {
      runSpec.setTaskRef(byRef.ref());
    } else {
      // An embedded task may carry custom-task-only fields (metadata): a TaskRun takes its TaskSpec part.
      runSpec.setTaskSpec(Serialization.jsonMapper().convertValue(((ChildTarget.EmbeddedTaskSpec) target).spec(),
          TaskSpec.class));
    }
    runSpec.setParams(params);
    runSpec.setTimeout(timeout);
    runSpec.setRetries(spec.retries());
    runSpec.setServiceAccountName(spec.serviceAccountName());
    runSpec.setWorkspaces(workspaces);
    child.setSpec(runSpec);
    return child;
  }

  /**
   * How {@code child} stands. A done run that failed counts as {@link ChildOutcome.Phase#CANCELLED}
   * when it was asked to stop or its reason is its kind's cancelled reason ({@code Cancelled},
   * {@code TaskRunCancelled}). Objects other than the three run types are read through their
   * {@code status} the same way (e.g. a {@code tekton.dev/v1alpha1 Run}).
   */
  public static ChildOutcome observe(HasMetadata child) {
    RunResource<?, ?> run = asRun(child);
    RunStatus status = run.getStatus();
    boolean cancelRequested = isCancelRequested(child);
    if (status == null) {
      return new ChildOutcome(ChildOutcome.Phase.PENDING, "", "", null, null, Map.of(), cancelRequested);
    }
    Optional<Condition> condition = status.succeededCondition();
    String reason = condition.map(Condition::getReason).orElse("");
    String message = condition.map(Condition::getMessage).orElse("");
    Instant start = Timestamps.tryParse(status.getStartTime()).orElse(null);
    Instant completion = Timestamps.tryParse(status.getCompletionTime()).orElse(null);
    ChildOutcome.Phase phase;
    Map<String, ParamValue> results = Map.of();
    if (status.isSuccessful()) {
      phase = ChildOutcome.Phase.SUCCEEDED;
      results = resultsOf(run);
    } else if (status.isFailed()) {
      phase = cancelRequested || isCancelledReason(run, reason) ? ChildOutcome.Phase.CANCELLED
          : ChildOutcome.Phase.FAILED;
    } else {
      phase = status.hasStarted() && !isPending(run) ? ChildOutcome.Phase.RUNNING : ChildOutcome.Phase.PENDING;
    }
    return new ChildOutcome(phase, reason, message, start, completion, results, cancelRequested);
  }

  /** Whether {@code child}'s {@code spec.status} asks it to stop (graceful PipelineRun stops included). */
  public static boolean isCancelRequested(HasMetadata child) {
    if (child instanceof CustomRun run) {
      return run.isCancelled();
    }
    if (child instanceof TaskRun run) {
      return run.isCancelled();
    }
    if (child instanceof PipelineRun run) {
      return run.isCancelled() || run.isGracefullyCancelled() || run.isGracefullyStopped();
    }
    return false;
  }

  /**
   * Asks {@code child} to stop the way Tekton does for its kind, as a JSON merge patch; a child
   * already gone (404) is left alone, and a child done or already asked is not patched again.
   *
   * @param message the {@code spec.statusMessage} for a CustomRun or TaskRun (a PipelineRun has none)
   * @return whether a patch was sent
   * @throws IllegalArgumentException for an object that is not a Tekton run
   */
  public static boolean cancel(KubernetesClient client, HasMetadata child, String message) {
    String patch = cancelPatch(child.getApiVersion(), child.getKind(), message)
        .orElseThrow(() -> new IllegalArgumentException(child.getKind() + " \"" + child.getMetadata().getName()
            + "\" is not a Tekton run and cannot be cancelled"));
    if (isCancelRequested(child) || observe(child).isDone()) {
      return false;
    }
    try {
      client.resources(child.getClass()).inNamespace(child.getMetadata().getNamespace())
          .withName(child.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /**
   * The JSON merge patch that cancels a Tekton run of {@code apiVersion}/{@code kind}: empty when
   * the object is not one (it is then deleted rather than cancelled by whoever releases it).
   */
  public static Optional<String> cancelPatch(String apiVersion, String kind, String message) {
    if (apiVersion == null || !apiVersion.startsWith(TEKTON_GROUP + "/")) {
      return Optional.empty();
    }
    String quoted = Serialization.asJson(message == null ? "" : message);
    return switch (kind) {
      case "CustomRun", "Run" -> Optional.of("{\"spec\":{\"status\":\"" + CustomRun.CANCELLED
          + "\",\"statusMessage\":" + quoted + "}}");
      case "TaskRun" -> Optional.of("{\"spec\":{\"status\":\"" + TaskRun.SPEC_STATUS_CANCELLED
          + "\",\"statusMessage\":" + quoted + "}}");
      case "PipelineRun" -> Optional.of("{\"spec\":{\"status\":\"" + PipelineRun.SPEC_STATUS_CANCELLED + "\"}}");
      default -> Optional.empty();
    };
  }

  private static RunResource<?, ?> asRun(HasMetadata child) {
    if (child instanceof RunResource<?, ?> run) {
      return run;
    }
    // Any other run type (e.g. tekton.dev/v1alpha1 Run) is read through the fields all runs share.
    return Serialization.jsonMapper().convertValue(child, CustomRun.class);
  }

  private static boolean isPending(RunResource<?, ?> run) {
    return run instanceof PipelineRun p ? p.isPending() : run instanceof TaskRun t && t.isPending();
  }

  private static boolean isCancelledReason(RunResource<?, ?> run, String reason) {
    if (run instanceof TaskRun) {
      return "TaskRunCancelled".equals(reason);
    }
    return run instanceof PipelineRun && "Cancelled".equals(reason);
  }

  private static Map<String, ParamValue> resultsOf(RunResource<?, ?> run) {
    Map<String, ParamValue> results = new LinkedHashMap<>();
    if (run instanceof CustomRun c && c.getStatus().getResults() != null) {
      c.getStatus().getResults().forEach(r -> results.put(r.getName(), r.getValue()));
    } else if (run instanceof TaskRun t && t.getStatus().getResults() != null) {
      t.getStatus().getResults().forEach(r -> results.put(r.getName(), r.getValue()));
    } else if (run instanceof PipelineRun p && p.getStatus().getResults() != null) {
      p.getStatus().getResults().forEach(r -> results.put(r.getName(), r.getValue()));
    }
    return results;
  }
}
