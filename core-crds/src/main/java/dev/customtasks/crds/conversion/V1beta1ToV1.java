package dev.customtasks.crds.conversion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code tekton.dev/v1beta1} to {@code tekton.dev/v1}, in place, as Tekton's {@code ConvertTo}
 * methods do (tektoncd/pipeline {@code pkg/apis/pipeline/v1beta1/*_conversion.go}); see
 * {@link TektonConversion} for the mapping.
 */
final class V1beta1ToV1 {

  /** The container fields of a v1beta1 step that v1 dropped, in Tekton's declaration order. */
  static final List<String> DEPRECATED_STEP_FIELDS = List.of("ports", "livenessProbe", "readinessProbe",
      "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy", "stdin", "stdinOnce", "tty");
  /** Where Tekton keeps the deprecated step fields of each task in v1, keyed by task name. */
  static final String TASK_DEPRECATIONS = "tekton.dev/v1beta1.task-deprecations";
  static final String CLOUD_EVENTS = "tekton.dev/v1beta1CloudEvents";
  static final String RESOURCES_RESULT = "tekton.dev/v1beta1ResourcesResult";

  private V1beta1ToV1() {
  }

  static void convert(ObjectNode object, String kind) {
    ObjectNode spec = Json.objectMember(object, "spec");
    ObjectNode metadata = Json.objectMember(object, "metadata");
    String name = metadata.path("name").asText("");
    switch (kind) {
      case "Task" -> taskSpec(spec, metadata, name, "spec");
      case "Pipeline" -> pipelineSpec(spec, metadata, "spec");
      case "TaskRun" -> taskRun(spec, metadata, name);
      case "PipelineRun" -> pipelineRun(spec, metadata);
      default -> throw new ConversionException("no conversion for kind \"" + kind + "\"");
    }
    Json.object(object, "status").ifPresent(status -> {
      if (kind.equals("TaskRun")) {
        taskRunStatus(status, metadata, name);
      } else if (kind.equals("PipelineRun")) {
        pipelineRunStatus(status, metadata);
      }
    });
  }

  private static void pipelineRun(ObjectNode spec, ObjectNode metadata) {
    refuse(spec, "resources", "spec");
    Json.object(spec, "pipelineRef").ifPresent(ref -> refuse(ref, "bundle", "spec.pipelineRef"));
    Json.object(spec, "pipelineSpec").ifPresent(p -> pipelineSpec(p, metadata, "spec.pipelineSpec"));
    JsonNode timeout = spec.remove("timeout");
    if (timeout != null && !timeout.isNull()) {
      // Tekton's ConvertTo replaces the timeouts with the pipeline timeout alone.
      spec.putObject("timeouts").set("pipeline", timeout);
    }
    JsonNode serviceAccount = spec.remove("serviceAccountName");
    JsonNode podTemplate = spec.remove("podTemplate");
    if (serviceAccount != null || podTemplate != null) {
      ObjectNode template = Json.objectMember(spec, "taskRunTemplate");
      if (serviceAccount != null) {
        template.set("serviceAccountName", serviceAccount);
      }
      if (podTemplate != null) {
        template.set("podTemplate", podTemplate);
      }
    }
    for (ObjectNode taskRunSpec : Json.objects(spec, "taskRunSpecs")) {
      Json.rename(taskRunSpec, "taskServiceAccountName", "serviceAccountName");
      Json.rename(taskRunSpec, "taskPodTemplate", "podTemplate");
      overrides(taskRunSpec);
    }
  }

  private static void pipelineRunStatus(ObjectNode status, ObjectNode metadata) {
    Json.rename(status, "pipelineResults", "results");
    dropConfigSource(status);
    Json.object(status, "pipelineSpec").ifPresent(p -> pipelineSpec(p, metadata, "status.pipelineSpec"));
    // v1 has no full embedded status; Tekton's conversion does not carry it over.
    status.remove("taskRuns");
    status.remove("runs");
  }

  static void pipelineSpec(ObjectNode spec, ObjectNode metadata, String path) {
    refuse(spec, "resources", path);
    paramSpecs(spec);
    for (String section : List.of("tasks", "finally")) {
      List<ObjectNode> tasks = Json.objects(spec, section);
      for (int i = 0; i < tasks.size(); i++) {
        pipelineTask(tasks.get(i), metadata, path + "." + section + "[" + i + "]");
      }
    }
  }

  private static void pipelineTask(ObjectNode task, ObjectNode metadata, String path) {
    refuse(task, "resources", path);
    Json.object(task, "taskRef").ifPresent(ref -> refuse(ref, "bundle", path + ".taskRef"));
    Json.object(task, "taskSpec").ifPresent(embedded ->
        taskSpec(embedded, metadata, task.path("name").asText(""), path + ".taskSpec"));
  }

  private static void taskRun(ObjectNode spec, ObjectNode metadata, String name) {
    refuse(spec, "resources", "spec");
    Json.object(spec, "taskRef").ifPresent(ref -> refuse(ref, "bundle", "spec.taskRef"));
    Json.object(spec, "taskSpec").ifPresent(t -> taskSpec(t, metadata, name, "spec.taskSpec"));
    overrides(spec);
  }

  private static void taskRunStatus(ObjectNode status, ObjectNode metadata, String name) {
    toAnnotation(status, "cloudEvents", metadata, CLOUD_EVENTS);
    toAnnotation(status, "resourcesResult", metadata, RESOURCES_RESULT);
    taskRunStatusFields(status, metadata, name);
  }

  private static void taskRunStatusFields(ObjectNode status, ObjectNode metadata, String name) {
    Json.rename(status, "taskResults", "results");
    dropConfigSource(status);
    for (ObjectNode step : Json.objects(status, "steps")) {
      // v1 repeats a terminated container's reason beside its state.
      JsonNode reason = step.path("terminated").path("reason");
      if (reason.isTextual() && !step.has("terminationReason")) {
        step.put("terminationReason", reason.asText());
      }
    }
    Json.object(status, "taskSpec").ifPresent(t -> taskSpec(t, metadata, name, "status.taskSpec"));
    for (ObjectNode retry : Json.objects(status, "retriesStatus")) {
      retry.remove("cloudEvents");
      retry.remove("resourcesResult");
      taskRunStatusFields(retry, metadata, name);
    }
  }

  /** v1's provenance has no {@code configSource} (the deprecated form of {@code refSource}); Tekton drops it. */
  private static void dropConfigSource(ObjectNode status) {
    Json.object(status, "provenance").ifPresent(p -> p.remove("configSource"));
  }

  /** {@code stepOverrides}/{@code sidecarOverrides} to {@code stepSpecs}/{@code sidecarSpecs}. */
  private static void overrides(ObjectNode spec) {
    Json.rename(spec, "stepOverrides", "stepSpecs");
    Json.rename(spec, "sidecarOverrides", "sidecarSpecs");
    for (String field : List.of("stepSpecs", "sidecarSpecs")) {
      Json.objects(spec, field).forEach(o -> Json.rename(o, "resources", "computeResources"));
    }
  }

  static void taskSpec(ObjectNode spec, ObjectNode metadata, String taskName, String path) {
    refuse(spec, "resources", path);
    saveDeprecations(spec, metadata, taskName);
    Json.objects(spec, "steps").forEach(step -> Json.rename(step, "resources", "computeResources"));
    Json.object(spec, "stepTemplate").ifPresent(t -> Json.rename(t, "resources", "computeResources"));
    Json.objects(spec, "sidecars").forEach(sidecar -> Json.rename(sidecar, "resources", "computeResources"));
    paramSpecs(spec);
  }

  /** Tekton's ParamSpec conversion sets the type it defaults to, {@code string}. */
  static void paramSpecs(ObjectNode spec) {
    for (ObjectNode param : Json.objects(spec, "params")) {
      if (!param.hasNonNull("type") || param.get("type").asText().isEmpty()) {
        param.put("type", "string");
      }
    }
  }

  /**
   * Moves the steps' and step template's fields v1 dropped into the
   * {@value #TASK_DEPRECATIONS} annotation under {@code taskName}, as Tekton's
   * {@code serializeTaskDeprecations} does, so that converting back restores them.
   */
  private static void saveDeprecations(ObjectNode spec, ObjectNode metadata, String taskName) {
    List<ObjectNode> steps = Json.objects(spec, "steps");
    ObjectNode template = Json.object(spec, "stepTemplate").orElse(null);
    boolean any = steps.stream().anyMatch(s -> DEPRECATED_STEP_FIELDS.stream().anyMatch(f -> Json.isSet(s, f)))
        || (template != null && (Json.isSet(template, "name")
            || DEPRECATED_STEP_FIELDS.stream().anyMatch(f -> Json.isSet(template, f))));
    if (!any) {
      return;
    }
    ObjectNode deprecation = TektonConversion.mapper().createObjectNode();
    ArrayNode deprecatedSteps = deprecation.putArray("deprecatedSteps");
    for (ObjectNode step : steps) {
      // Tekton serialises a whole v1beta1 Step, whose name is never omitted.
      ObjectNode saved = deprecatedSteps.addObject().put("name", "");
      DEPRECATED_STEP_FIELDS.forEach(field -> move(step, saved, field));
    }
    if (template != null) {
      ObjectNode saved = deprecation.putObject("deprecatedStepTemplate");
      move(template, saved, "name");
      DEPRECATED_STEP_FIELDS.forEach(field -> move(template, saved, field));
    }
    ObjectNode annotations = Json.objectMember(metadata, "annotations");
    ObjectNode all = readAnnotation(annotations, TASK_DEPRECATIONS);
    all.set(taskName, deprecation);
    annotations.put(TASK_DEPRECATIONS, all.toString());
  }

  private static void move(ObjectNode from, ObjectNode to, String field) {
    JsonNode value = from.remove(field);
    if (value != null && !value.isNull()) {
      to.set(field, value);
    }
  }

  static ObjectNode readAnnotation(ObjectNode annotations, String key) {
    JsonNode text = annotations.get(key);
    if (text == null || text.asText().isEmpty()) {
      return TektonConversion.mapper().createObjectNode();
    }
    try {
      JsonNode parsed = TektonConversion.mapper().readTree(text.asText());
      if (parsed instanceof ObjectNode o) {
        return o;
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    throw new ConversionException("error deserializing key " + key + " from metadata: not a JSON object");
  }

  private static void toAnnotation(ObjectNode status, String field, ObjectNode metadata, String key) {
    JsonNode value = status.remove(field);
    if (value != null && !value.isNull()) {
      Json.objectMember(metadata, "annotations").put(key, value.toString());
    }
  }

  private static void refuse(ObjectNode node, String field, String path) {
    if (Json.isSet(node, field)) {
      throw ConversionException.disallowed(path + "." + field);
    }
  }
}
