package dev.customtasks.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customtasks.crds.admission.AdmissionHandler;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunValidation;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRunValidation;
import dev.customtasks.crds.api.pipeline.PipelineSpecValidation;
import dev.customtasks.crds.api.pipeline.Task;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskRunValidation;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;

/**
 * The part of Tekton's validating webhook ({@code validation.webhook.pipeline.tekton.dev}) that
 * concerns the runs this project reads, so that a run the embedded server accepts is one a
 * cluster with Tekton accepts: a CustomRun's spec ({@link CustomRunValidation}, from
 * {@code customrun_validation.go}); a PipelineRun's {@code spec.status}, timeouts and, once
 * started, its spec ({@link PipelineRunValidation}, from {@code pipelinerun_validation.go}); the
 * enum-like fields of a Pipeline, a Task and a PipelineRun's embedded pipeline
 * ({@link PipelineSpecValidation}); a TaskRun's {@code spec.status} and embedded task
 * ({@link TaskRunValidation}). Refusals read as
 * Tekton's: {@code validation failed: MESSAGE}, 400 {@code BadRequest}. A run too malformed to
 * read is let through: its controller fails it naming the field; so is a CustomRun with neither
 * {@code customRef} nor {@code customSpec}, which Tekton refuses.
 */
final class TektonWebhook implements AdmissionHandler {

  static final String NAME = "validation.webhook.pipeline.tekton.dev";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(String group, String resource) {
    return CustomRun.GROUP.equals(group) && ("customruns".equals(resource) || "pipelineruns".equals(resource)
        || "pipelines".equals(resource) || "tasks".equals(resource) || "taskruns".equals(resource));
  }

  @Override
  public AdmissionResponse review(AdmissionRequest request) {
    if (request.getObject() == null || "DELETE".equals(request.getOperation())) {
      return AdmissionHandler.allow();
    }
    JsonNode object = Serialization.jsonMapper().valueToTree(request.getObject());
    Optional<String> problem = switch (request.getResource().getResource()) {
      case "customruns" -> customRunProblem(object);
      case "pipelines" -> pipelineProblem(object);
      case "tasks" -> taskProblem(object);
      case "taskruns" -> taskRunProblem(object);
      default -> pipelineRunProblem(object, request.getOldObject());
    };
    return problem.map(p -> AdmissionHandler.refuse(400, "BadRequest", "validation failed: " + p))
        .orElseGet(AdmissionHandler::allow);
  }

  private static Optional<String> customRunProblem(JsonNode object) {
    CustomRun run = Serialization.jsonMapper().convertValue(object, CustomRun.class);
    if (run.malformed().isPresent() || run.getSpec() == null
        || run.getSpec().getCustomRef() == null && run.getSpec().getCustomSpec() == null) {
      // Unlike Tekton, a run naming no task at all is let through: nothing answers it, and tests
      // of the server's own mechanics create such bare runs.
      return Optional.empty();
    }
    return CustomRunValidation.problem(run.getSpec());
  }

  private static Optional<String> pipelineRunProblem(JsonNode object, Object oldObject) {
    if (oldObject != null) {
      Optional<String> update = PipelineRunValidation.updateProblem(Serialization.jsonMapper().valueToTree(oldObject),
          object);
      if (update.isPresent()) {
        return update;
      }
    }
    Optional<String> pending = PipelineRunValidation.pendingAfterStartProblem(object);
    if (pending.isPresent()) {
      return pending;
    }
    PipelineRun run = Serialization.jsonMapper().convertValue(object, PipelineRun.class);
    if (run.malformed().isPresent() || run.getSpec() == null) {
      return Optional.empty();
    }
    Optional<String> status = PipelineRunValidation.specStatusProblem(run.getSpec().getStatus());
    if (status.isPresent()) {
      return status;
    }
    Optional<String> enums = PipelineSpecValidation.problem(run.getSpec().getPipelineSpec(), "spec.pipelineSpec");
    if (enums.isPresent()) {
      return enums;
    }
    try {
      return PipelineRunValidation.timeoutsProblem(run.getSpec().getTimeouts(), PipelineRun.DEFAULT_TIMEOUT);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> pipelineProblem(JsonNode object) {
    Pipeline pipeline = Serialization.jsonMapper().convertValue(object, Pipeline.class);
    return pipeline.malformed().isPresent() || pipeline.getSpec() == null ? Optional.empty()
        : PipelineSpecValidation.problem(pipeline.getSpec(), "spec");
  }

  private static Optional<String> taskRunProblem(JsonNode object) {
    TaskRun run = Serialization.jsonMapper().convertValue(object, TaskRun.class);
    return run.malformed().isPresent() ? Optional.empty() : TaskRunValidation.problem(run.getSpec());
  }

  private static Optional<String> taskProblem(JsonNode object) {
    Task task = Serialization.jsonMapper().convertValue(object, Task.class);
    return task.malformed().isPresent() || task.getSpec() == null ? Optional.empty()
        : PipelineSpecValidation.problem(task.getSpec(), "spec");
  }
}
