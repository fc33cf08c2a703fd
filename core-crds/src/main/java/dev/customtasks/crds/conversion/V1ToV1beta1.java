package dev.customtasks.crds.conversion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code tekton.dev/v1} to {@code tekton.dev/v1beta1}, in place, as Tekton's {@code ConvertFrom}
 * methods do (tektoncd/pipeline {@code pkg/apis/pipeline/v1beta1/*_conversion.go}): the inverse of
 * {@link V1beta1ToV1}.
 */
final class V1ToV1beta1 {

  private V1ToV1beta1() {
  }

  static void convert(ObjectNode object, String kind) {
    ObjectNode metadata = Json.objectMember(object, "metadata");
    String name = metadata.path("name").asText("");
    Json.object(object, "spec").ifPresent(spec -> {
      switch (kind) {
        case "Task" -> taskSpec(spec, metadata, name);
        case "Pipeline" -> pipelineSpec(spec, metadata);
        case "TaskRun" -> taskRun(spec, metadata, name);
        case "PipelineRun" -> pipelineRun(spec, metadata);
        default -> throw new ConversionException("no conversion for kind \"" + kind + "\"");
      }
    });
    Json.object(object, "status").ifPresent(status -> {
      if (kind.equals("TaskRun")) {
        fromAnnotation(metadata, V1beta1ToV1.CLOUD_EVENTS, status, "cloudEvents");
        fromAnnotation(metadata, V1beta1ToV1.RESOURCES_RESULT, status, "resourcesResult");
        taskRunStatus(status, metadata, name);
      } else if (kind.equals("PipelineRun")) {
        Json.rename(status, "results", "pipelineResults");
        Json.object(status, "pipelineSpec").ifPresent(p -> pipelineSpec(p, metadata));
      }
    });
    dropEmptyAnnotations(metadata);
  }

  private static void pipelineRun(ObjectNode spec, ObjectNode metadata) {
    Json.object(spec, "pipelineSpec").ifPresent(p -> pipelineSpec(p, metadata));
    JsonNode template = spec.remove("taskRunTemplate");
    if (template != null && template.isObject()) {
      if (template.hasNonNull("serviceAccountName")) {
        spec.set("serviceAccountName", template.get("serviceAccountName"));
      }
      if (template.hasNonNull("podTemplate")) {
        spec.set("podTemplate", template.get("podTemplate"));
      }
    }
    for (ObjectNode taskRunSpec : Json.objects(spec, "taskRunSpecs")) {
      Json.rename(taskRunSpec, "serviceAccountName", "taskServiceAccountName");
      Json.rename(taskRunSpec, "podTemplate", "taskPodTemplate");
      overrides(taskRunSpec);
    }
  }

  private static void pipelineSpec(ObjectNode spec, ObjectNode metadata) {
    V1beta1ToV1.paramSpecs(spec);
    for (String section : List.of("tasks", "finally")) {
      for (ObjectNode task : Json.objects(spec, section)) {
        Json.object(task, "taskSpec").ifPresent(embedded -> taskSpec(embedded, metadata, task.path("name").asText("")));
      }
    }
  }

  private static void taskRun(ObjectNode spec, ObjectNode metadata, String name) {
    Json.object(spec, "taskSpec").ifPresent(t -> taskSpec(t, metadata, name));
    overrides(spec);
  }

  private static void taskRunStatus(ObjectNode status, ObjectNode metadata, String name) {
    Json.rename(status, "results", "taskResults");
    // v1beta1's step state has no terminationReason: it is the terminated state's reason.
    Json.objects(status, "steps").forEach(step -> step.remove("terminationReason"));
    Json.object(status, "taskSpec").ifPresent(t -> taskSpec(t, metadata, name));
    Json.objects(status, "retriesStatus").forEach(retry -> taskRunStatus(retry, metadata, name));
  }

  private static void overrides(ObjectNode spec) {
    for (String field : List.of("stepSpecs", "sidecarSpecs")) {
      Json.objects(spec, field).forEach(o -> Json.rename(o, "computeResources", "resources"));
    }
    Json.rename(spec, "stepSpecs", "stepOverrides");
    Json.rename(spec, "sidecarSpecs", "sidecarOverrides");
  }

  private static void taskSpec(ObjectNode spec, ObjectNode metadata, String taskName) {
    Json.objects(spec, "steps").forEach(step -> Json.rename(step, "computeResources", "resources"));
    Json.object(spec, "stepTemplate").ifPresent(t -> Json.rename(t, "computeResources", "resources"));
    Json.objects(spec, "sidecars").forEach(sidecar -> Json.rename(sidecar, "computeResources", "resources"));
    V1beta1ToV1.paramSpecs(spec);
    restoreDeprecations(spec, metadata, taskName);
  }

  /** Tekton's {@code deserializeTaskDeprecations}: puts the saved fields back and removes them from the annotation. */
  private static void restoreDeprecations(ObjectNode spec, ObjectNode metadata, String taskName) {
    ObjectNode annotations = Json.object(metadata, "annotations").orElse(null);
    if (annotations == null || !annotations.has(V1beta1ToV1.TASK_DEPRECATIONS)) {
      return;
    }
    ObjectNode all = V1beta1ToV1.readAnnotation(annotations, V1beta1ToV1.TASK_DEPRECATIONS);
    JsonNode saved = all.remove(taskName);
    if (saved == null) {
      return;
    }
    List<ObjectNode> steps = Json.objects(spec, "steps");
    List<ObjectNode> savedSteps = Json.objects(saved, "deprecatedSteps");
    if (steps.size() != savedSteps.size()) {
      throw new ConversionException("length of deserialized steps mismatch the length of target steps");
    }
    for (int i = 0; i < steps.size(); i++) {
      ObjectNode step = steps.get(i);
      ObjectNode from = savedSteps.get(i);
      V1beta1ToV1.DEPRECATED_STEP_FIELDS.stream().filter(from::has).forEach(f -> step.set(f, from.get(f)));
    }
    Json.object(saved, "deprecatedStepTemplate").ifPresent(from -> {
      ObjectNode template = Json.objectMember(spec, "stepTemplate");
      if (from.has("name")) {
        template.set("name", from.get("name"));
      }
      V1beta1ToV1.DEPRECATED_STEP_FIELDS.stream().filter(from::has).forEach(f -> template.set(f, from.get(f)));
    });
    if (all.isEmpty()) {
      annotations.remove(V1beta1ToV1.TASK_DEPRECATIONS);
    } else {
      annotations.put(V1beta1ToV1.TASK_DEPRECATIONS, all.toString());
    }
  }

  private static void fromAnnotation(ObjectNode metadata, String key, ObjectNode status, String field) {
    ObjectNode annotations = Json.object(metadata, "annotations").orElse(null);
    JsonNode text = annotations == null ? null : annotations.remove(key);
    if (text == null) {
      return;
    }
    try {
      status.set(field, TektonConversion.mapper().readTree(text.asText()));
    } catch (JsonProcessingException e) {
      throw new ConversionException("error deserializing key " + key + " from metadata: " + e.getOriginalMessage());
    }
  }

  private static void dropEmptyAnnotations(ObjectNode metadata) {
    JsonNode annotations = metadata.get("annotations");
    if (annotations != null && annotations.isObject() && annotations.isEmpty()) {
      metadata.remove("annotations");
    }
  }
}
