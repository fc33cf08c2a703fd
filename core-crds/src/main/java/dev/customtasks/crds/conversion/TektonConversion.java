package dev.customtasks.crds.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Converts Tekton's Pipeline, PipelineRun, Task and TaskRun between {@code tekton.dev/v1beta1} and
 * {@code tekton.dev/v1} on their JSON form, as Tekton's conversion webhook does (tektoncd/pipeline
 * {@code pkg/apis/pipeline/v1beta1/pipelinerun_conversion.go}, {@code pipeline_conversion.go},
 * {@code task_conversion.go}, {@code taskrun_conversion.go} and the helpers beside them). v1 is
 * what is stored; a v1beta1 client writes and reads through this conversion. Fields that are the
 * same in both versions, and fields neither version knows, pass unchanged. The field mapping:
 *
 * <table>
 *   <caption>v1beta1 to v1</caption>
 *   <tr><th>v1beta1</th><th>v1</th></tr>
 *   <tr><td>PipelineRun {@code spec.timeout}</td><td>{@code spec.timeouts.pipeline} (replacing {@code timeouts})</td></tr>
 *   <tr><td>PipelineRun {@code spec.serviceAccountName}, {@code spec.podTemplate}</td>
 *       <td>{@code spec.taskRunTemplate.serviceAccountName}, {@code .podTemplate}</td></tr>
 *   <tr><td>PipelineRun {@code spec.taskRunSpecs[].taskServiceAccountName}, {@code taskPodTemplate}</td>
 *       <td>{@code serviceAccountName}, {@code podTemplate}</td></tr>
 *   <tr><td>{@code stepOverrides}, {@code sidecarOverrides} (TaskRun spec, PipelineRun taskRunSpecs)</td>
 *       <td>{@code stepSpecs}, {@code sidecarSpecs}, each {@code resources} as {@code computeResources}</td></tr>
 *   <tr><td>{@code steps[].resources}, {@code stepTemplate.resources}, {@code sidecars[].resources}</td>
 *       <td>{@code computeResources}</td></tr>
 *   <tr><td>the steps' and step template's container fields v1 dropped ({@code ports}, probes, {@code lifecycle}, ...)</td>
 *       <td>annotation {@code tekton.dev/v1beta1.task-deprecations}, keyed by task name</td></tr>
 *   <tr><td>ParamSpec without {@code type}</td><td>{@code type: string} (both ways)</td></tr>
 *   <tr><td>PipelineRun {@code status.pipelineResults}; TaskRun {@code status.taskResults}</td>
 *       <td>{@code status.results}</td></tr>
 *   <tr><td>TaskRun {@code status.cloudEvents}, {@code status.resourcesResult}</td>
 *       <td>annotations {@code tekton.dev/v1beta1CloudEvents}, {@code tekton.dev/v1beta1ResourcesResult}</td></tr>
 *   <tr><td>PipelineRun {@code status.taskRuns}, {@code status.runs} (the full embedded status);
 *       {@code status.provenance.configSource}</td><td>dropped, as Tekton does</td></tr>
 *   <tr><td>TaskRun {@code status.steps[].terminated.reason}</td><td>also {@code terminationReason}</td></tr>
 *   <tr><td>{@code resources} of a Task, TaskRun, Pipeline, pipeline task or PipelineRun; a
 *       {@code taskRef.bundle} or {@code pipelineRef.bundle}</td>
 *       <td>refused: {@link ConversionException} {@code must not set the field(s): spec.resources}, as
 *       Tekton's v1beta1 validation refuses them (PipelineResources and bundles were removed)</td></tr>
 * </table>
 *
 * <p>v1 to v1beta1 is the inverse, except that {@code spec.timeouts} stays {@code timeouts} (Tekton
 * never writes the old {@code timeout} back).
 */
public final class TektonConversion {

  public static final String GROUP = "tekton.dev";
  public static final String V1 = GROUP + "/v1";
  public static final String V1BETA1 = GROUP + "/v1beta1";
  /** The kinds served in both versions. */
  public static final Set<String> KINDS = Set.of("Pipeline", "PipelineRun", "Task", "TaskRun");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TektonConversion() {
  }

  /** Whether objects of {@code kind} are served in both versions and converted here. */
  public static boolean converts(String kind) {
    return KINDS.contains(kind);
  }

  /**
   * {@code object} in {@code desiredApiVersion}: a converted copy, or a plain copy when it is in that
   * version already.
   *
   * @throws ConversionException when the object holds a field the desired version refuses, or is
   *     not a kind or version converted here
   */
  public static ObjectNode convert(JsonNode object, String desiredApiVersion) {
    if (object == null || !object.isObject()) {
      throw new ConversionException("expected an object to convert, got " + object);
    }
    String kind = object.path("kind").asText();
    String from = object.path("apiVersion").asText();
    if (!converts(kind)) {
      throw new ConversionException("no conversion for kind \"" + kind + "\": only " + GROUP
          + " Pipeline, PipelineRun, Task and TaskRun are converted");
    }
    if (!isTektonVersion(from) || !isTektonVersion(desiredApiVersion)) {
      throw new ConversionException("cannot convert " + kind + " from \"" + from + "\" to \"" + desiredApiVersion
          + "\": only " + V1BETA1 + " and " + V1 + " are served");
    }
    ObjectNode copy = object.deepCopy();
    if (from.equals(desiredApiVersion)) {
      return copy;
    }
    copy.put("apiVersion", desiredApiVersion);
    if (desiredApiVersion.equals(V1)) {
      V1beta1ToV1.convert(copy, kind);
    } else {
      V1ToV1beta1.convert(copy, kind);
    }
    return copy;
  }

  private static boolean isTektonVersion(String apiVersion) {
    return V1.equals(apiVersion) || V1BETA1.equals(apiVersion);
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }
}
