package dev.customtasks.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fields a field selector may name on one resource, and their values in an object, as
 * kube-apiserver has them. Every kind has {@code metadata.name} and (if namespaced)
 * {@code metadata.namespace}; some built-in kinds have more: an Event its
 * {@code involvedObject.*}, {@code reason}, {@code reportingComponent}, {@code source} and
 * {@code type} ({@code pkg/registry/core/event/strategy.go}, {@code ToSelectableFields}: {@code source}
 * is {@code source.component}, else {@code reportingController}), a Pod, Secret, Service and
 * Namespace theirs ({@code pkg/apis/core/v1/conversion.go}). A field the object lacks is {@code ""}.
 *
 * <p>A label the resource does not have is refused with kube-apiserver's words: {@code field
 * label not supported: LABEL} for the kinds that list their own fields (those above, and custom
 * resources: apiextensions-apiserver's {@code crConverter.ConvertFieldLabel}), and
 * {@code "LABEL" is not a known field selector: only "metadata.name", "metadata.namespace"} for
 * the other built-in kinds (apimachinery's {@code DefaultMetaV1FieldSelectorConversion}).
 */
final class SelectableFields {

  static final String NAME = "metadata.name";
  static final String NAMESPACE = "metadata.namespace";

  private static final Map<String, SelectableFields> BUILT_IN = Map.of(
      "/events", own(true, Map.ofEntries(
          Map.entry("involvedObject.kind", text("involvedObject", "kind")),
          Map.entry("involvedObject.namespace", text("involvedObject", "namespace")),
          Map.entry("involvedObject.name", text("involvedObject", "name")),
          Map.entry("involvedObject.uid", text("involvedObject", "uid")),
          Map.entry("involvedObject.apiVersion", text("involvedObject", "apiVersion")),
          Map.entry("involvedObject.resourceVersion", text("involvedObject", "resourceVersion")),
          Map.entry("involvedObject.fieldPath", text("involvedObject", "fieldPath")),
          Map.entry("reason", text("reason")),
          Map.entry("reportingComponent", text("reportingController")),
          Map.entry("source", o -> {
            String component = o.path("source").path("component").asText("");
            return component.isEmpty() ? o.path("reportingController").asText("") : component;
          }),
          Map.entry("type", text("type")))),
      "/pods", own(true, Map.of(
          "spec.nodeName", text("spec", "nodeName"),
          "spec.restartPolicy", text("spec", "restartPolicy"),
          "spec.schedulerName", text("spec", "schedulerName"),
          "spec.serviceAccountName", text("spec", "serviceAccountName"),
          "spec.hostNetwork", o -> String.valueOf(o.path("spec").path("hostNetwork").asBoolean(false)),
          "status.phase", text("status", "phase"),
          "status.podIP", text("status", "podIP"),
          // Accepted by the conversion but not among the pod's selectable fields: always "".
          "status.podIPs", o -> "",
          "status.nominatedNodeName", text("status", "nominatedNodeName"))),
      "/namespaces", own(false, Map.of("status.phase", text("status", "phase"))),
      "/secrets", own(true, Map.of("type", text("type"))),
      "/services", own(true, Map.of("spec.clusterIP", text("spec", "clusterIP"), "spec.type", text("spec", "type"))));

  /** Built-in kinds without fields of their own: both metadata fields, whatever the scope. */
  private static final SelectableFields METADATA_ONLY = new SelectableFields(true, Map.of(), false);

  private final boolean namespace;
  private final Map<String, Function<JsonNode, String>> own;
  /** Whether a refusal says {@code field label not supported} (else apimachinery's default words). */
  private final boolean listsOwnLabels;

  private SelectableFields(boolean namespace, Map<String, Function<JsonNode, String>> own,
      boolean listsOwnLabels) {
    this.namespace = namespace;
    this.own = own;
    this.listsOwnLabels = listsOwnLabels;
  }

  private static SelectableFields own(boolean namespace, Map<String, Function<JsonNode, String>> own) {
    return new SelectableFields(namespace, own, true);
  }

  /** A built-in resource ({@code group} {@code ""} for the core group), or any resource no CRD defines. */
  static SelectableFields builtIn(String group, String plural) {
    return stored(group + "/" + plural);
  }

  /** The fields a store of {@code GROUP/PLURAL} files its objects under (a custom kind's too). */
  static SelectableFields stored(String resource) {
    return BUILT_IN.getOrDefault(resource, METADATA_ONLY);
  }

  /** A custom resource: {@code metadata.namespace} only when the CRD is namespaced. */
  static SelectableFields custom(boolean namespaced) {
    return new SelectableFields(namespaced, Map.of(), true);
  }

  /** Whether {@link #values} reads the object beyond its name and namespace. */
  boolean readsObject() {
    return !own.isEmpty();
  }

  /** kube-apiserver's refusal of {@code label}, empty when the resource has that field. */
  Optional<String> refusal(String label) {
    if (label.equals(NAME) || (namespace && label.equals(NAMESPACE)) || own.containsKey(label)) {
      return Optional.empty();
    }
    return Optional.of(listsOwnLabels ? "field label not supported: " + label
        : "\"" + label + "\" is not a known field selector: only \"" + NAME + "\", \"" + NAMESPACE + "\"");
  }

  /**
   * Every selectable field of an object and its value ({@code ""} where the object has none):
   * {@code name} and {@code namespace} ({@code ""} for a cluster-scoped object) as given, the
   * others read from {@code object}, which may be null when {@link #readsObject()} is false.
   */
  Map<String, String> values(String name, String namespace, JsonNode object) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(NAME, name);
    values.put(NAMESPACE, namespace);
    own.forEach((label, read) -> values.put(label, read.apply(object)));
    return values;
  }

  private static Function<JsonNode, String> text(String... path) {
    List<String> fields = List.of(path);
    return object -> {
      JsonNode node = object;
      for (String field : fields) {
        node = node.path(field);
      }
      return node.isValueNode() ? node.asText() : "";
    };
  }
}
