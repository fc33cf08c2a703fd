package dev.customtasks.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The one part of a CRD's structural schema the embedded server checks: {@code enum}. A create,
 * a PUT or a JSON merge or JSON patch (checked on the object it would leave) of a custom resource
 * whose field holds a value its installed CRD's schema does not list is refused with 422
 * {@code Invalid} and kube-apiserver's message, every such field named:
 * {@code Approval.customtasks.dev "gate" is invalid: spec.onTimeout: Unsupported value: "later":
 * supported values: "approve", "reject"} (apiextensions-apiserver's
 * {@code pkg/apiserver/validation/validation.go}, {@code kubeOpenAPIResultToFieldErrors}, with
 * apimachinery's {@code field.NotSupported}; array items are named {@code [i]}, as kube-openapi's
 * {@code slice_validator.go} names them). Types, {@code required}, patterns and CEL rules are not
 * checked, nor writes to a subresource ({@code /status}). A kind whose schema has no {@code enum}
 * costs a map lookup per write.
 */
final class SchemaEnums {

  private final Supplier<List<CustomResourceDefinition>> crds;
  /** Bumped after every write to CRDs; the cache is good while it was built at the same count. */
  private final AtomicLong crdWrites = new AtomicLong();
  private volatile Cache cache = new Cache(-1, Map.of());

  SchemaEnums(Supplier<List<CustomResourceDefinition>> crds) {
    this.crds = crds;
  }

  /** The enum fields of one version of one kind: where they are, under which schema properties. */
  private record Node(List<JsonNode> values, Map<String, Node> properties, Node items) {
  }

  /** Per {@code GROUP/VERSION/PLURAL}, the root of its enum fields, and the kind's qualified name. */
  private record Cache(long builtAt, Map<String, Kind> kinds) {
  }

  private record Kind(String qualifiedKind, Node root) {
  }

  /** A CRD was created, replaced, patched or deleted: the schemas are read again on the next write. */
  void crdsChanged() {
    crdWrites.incrementAndGet();
  }

  /** The refusal of {@code request}, when it would leave a custom resource with a value its schema's enum lacks. */
  Optional<MockResponse> refusal(RecordedRequest request, MockStore store) {
    HttpMethod method = request.method();
    if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
      return Optional.empty();
    }
    String path = Responses.pathWithoutQuery(request);
    ResourcePath resource = ResourcePath.parse(path);
    String[] parts = path.split("/");
    if (!resource.isResource() || resource.group().isEmpty() || !resource.subresource().isEmpty()
        || parts.length < 4) {
      return Optional.empty();
    }
    Kind kind = kinds().get(resource.group() + "/" + parts[3] + "/" + resource.plural());
    if (kind == null) {
      return Optional.empty();
    }
    Optional<JsonNode> object = method == HttpMethod.PATCH
        ? store.get(path).flatMap(stored -> Patches.applied(stored, request))
        : body(request);
    if (object.isEmpty() || !object.get().isObject()) {
      return Optional.empty();
    }
    List<String> problems = new ArrayList<>();
    check(kind.root(), object.get(), "", problems);
    if (problems.isEmpty()) {
      return Optional.empty();
    }
    String name = object.get().path("metadata").path("name").asText("");
    // apimachinery's errors.NewInvalid: one error as it is, more as an aggregate in brackets.
    String errors = problems.size() == 1 ? problems.get(0) : "[" + String.join(", ", problems) + "]";
    return Optional.of(Responses.failure(422, "Invalid", kind.qualifiedKind() + " \"" + name + "\" is invalid: "
        + errors));
  }

  private static Optional<JsonNode> body(RecordedRequest request) {
    String body = Responses.body(request);
    try {
      return Optional.of(Serialization.jsonMapper().readTree(body));
    } catch (JsonProcessingException e) {
      return RequestChecks.yaml(body);
    }
  }

  private static void check(Node node, JsonNode value, String path, List<String> problems) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    if (node.values() != null && !node.values().contains(value)) {
      problems.add(path + ": Unsupported value: " + (value.isTextual() ? quote(value.asText()) : value.toString())
          + ": supported values: " + String.join(", ", node.values().stream()
              .map(v -> quote(v.isTextual() ? v.asText() : v.toString())).toList()));
    }
    if (value.isObject()) {
      node.properties().forEach((name, child) ->
          check(child, value.get(name), path.isEmpty() ? name : path + "." + name, problems));
    }
    if (value.isArray() && node.items() != null) {
      for (int i = 0; i < value.size(); i++) {
        check(node.items(), value.get(i), path + "[" + i + "]", problems);
      }
    }
  }

  /** Go's {@code strconv.Quote} for the text a schema holds: quotes and backslashes escaped. */
  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private Map<String, Kind> kinds() {
    Cache current = cache;
    long writes = crdWrites.get();
    if (current.builtAt() == writes) {
      return current.kinds();
    }
    Map<String, Kind> kinds = new HashMap<>();
    for (CustomResourceDefinition crd : crds.get()) {
      String group = crd.getSpec().getGroup();
      String qualified = crd.getSpec().getNames().getKind() + "." + group;
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        Node root = version.getSchema() == null ? null : node(version.getSchema().getOpenAPIV3Schema());
        if (root != null) {
          kinds.put(group + "/" + version.getName() + "/" + crd.getSpec().getNames().getPlural(),
              new Kind(qualified, root));
        }
      }
    }
    cache = new Cache(writes, Map.copyOf(kinds));
    return kinds;
  }

  /** The enum fields at and under {@code schema}; null when there are none. */
  private static Node node(JSONSchemaProps schema) {
    if (schema == null) {
      return null;
    }
    List<JsonNode> values = schema.getEnum() == null || schema.getEnum().isEmpty() ? null
        : List.copyOf(schema.getEnum());
    Map<String, Node> properties = new LinkedHashMap<>();
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, property) -> {
        Node child = node(property);
        if (child != null) {
          properties.put(name, child);
        }
      });
    }
    Node items = schema.getItems() == null ? null : node(schema.getItems().getSchema());
    return values == null && properties.isEmpty() && items == null ? null : new Node(values, properties, items);
  }
}
