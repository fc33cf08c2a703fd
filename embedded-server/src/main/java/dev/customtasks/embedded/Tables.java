package dev.customtasks.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.customtasks.crds.api.Timestamps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Server-side printing: when kubectl asks for a {@code meta.k8s.io/v1 Table} (it does for
 * {@code kubectl get} without {@code -o}), the list or object is turned into one, with the CRD's
 * printer columns ({@code additionalPrinterColumns}) or, without any, Name and Age. So
 * {@code kubectl get customruns} shows SUCCEEDED, REASON, STARTTIME and COMPLETIONTIME as on a
 * cluster with Tekton. Events get kube-apiserver's own columns ({@link EventTable}).
 */
final class Tables {

  private static final String NAME_DESCRIPTION = "Name must be unique within a namespace.";

  private final MockStore store;
  private final Supplier<List<CustomResourceDefinition>> crds;
  private final Clock clock;

  Tables(MockStore store, Supplier<List<CustomResourceDefinition>> crds, Clock clock) {
    this.store = store;
    this.crds = crds;
    this.clock = clock;
  }

  static boolean wantsTable(RecordedRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("as=Table");
  }

  /** The table for a GET of a list or an object, empty when the path is neither. */
  Optional<MockResponse> answer(String path, RecordedRequest request) {
    Optional<ResourcePath> resource = ResourcePath.parse(path);
    if (resource.isEmpty()) {
      return Optional.empty();
    }
    MockResponse stored = store.dispatch(request);
    if (stored.code() != HttpURLConnection.HTTP_OK) {
      return Optional.of(NotFound.explain(path, stored));
    }
    JsonNode body;
    try {
      body = Serialization.jsonMapper().readTree(Responses.body(stored));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.of(stored);
    }
    if (resource.get().group().isEmpty() && resource.get().plural().equals("events")) {
      return Optional.of(Responses.json(HttpURLConnection.HTTP_OK, EventTable.of(objects(body),
          body.path("metadata").path("resourceVersion").asText(""), clock.instant()).toString()));
    }
    List<CustomResourceColumnDefinition> columns = columnsOf(resource.get());
    return Optional.of(Responses.json(HttpURLConnection.HTTP_OK, table(body, columns).toString()));
  }

  private List<CustomResourceColumnDefinition> columnsOf(ResourcePath resource) {
    return crds.get().stream()
        .filter(c -> c.getSpec().getGroup().equals(resource.group())
            && c.getSpec().getNames().getPlural().equals(resource.plural()))
        .flatMap(c -> c.getSpec().getVersions().stream())
        .filter(v -> v.getName().equals(resource.version()))
        .map(CustomResourceDefinitionVersion::getAdditionalPrinterColumns)
        .filter(c -> c != null && !c.isEmpty())
        .findFirst()
        .orElseGet(() -> List.of(new CustomResourceColumnDefinitionBuilder().withName("Age")
            .withJsonPath(".metadata.creationTimestamp").withType("date").build()));
  }

  private ObjectNode table(JsonNode body, List<CustomResourceColumnDefinition> columns) {
    ObjectNode table = Serialization.jsonMapper().createObjectNode()
        .put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", body.path("metadata").path("resourceVersion").asText(""));
    ArrayNode definitions = table.putArray("columnDefinitions");
    definitions.addObject().put("name", "Name").put("type", "string").put("format", "name")
        .put("description", NAME_DESCRIPTION).put("priority", 0);
    for (CustomResourceColumnDefinition column : columns) {
      definitions.addObject().put("name", column.getName()).put("type", column.getType())
          .put("format", column.getFormat() == null ? "" : column.getFormat())
          .put("description", column.getDescription() == null ? "" : column.getDescription())
          .put("priority", column.getPriority() == null ? 0 : column.getPriority());
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode object : objects(body)) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(object.path("metadata").path("name").asText());
      columns.forEach(column -> cells.add(cell(object, column)));
      row.putObject("object").put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1")
          .set("metadata", object.path("metadata"));
    }
    return table;
  }

  /** The items of a list, or the one object. */
  private static List<JsonNode> objects(JsonNode body) {
    List<JsonNode> objects = new ArrayList<>();
    if (body.has("items")) {
      body.get("items").forEach(objects::add);
    } else {
      objects.add(body);
    }
    return objects;
  }

  private JsonNode cell(JsonNode object, CustomResourceColumnDefinition column) {
    List<JsonNode> values = ColumnPath.parse(column.getJsonPath()).find(object);
    if (values.isEmpty()) {
      return Serialization.jsonMapper().nullNode();
    }
    if ("date".equals(column.getType())) {
      try {
        return Serialization.jsonMapper().getNodeFactory().textNode(HumanDuration.format(
            Duration.between(Timestamps.parse(values.get(0).asText()), clock.instant())));
      } catch (RuntimeException e) {
        return values.get(0);
      }
    }
    return values.size() == 1 ? values.get(0) : Serialization.jsonMapper().getNodeFactory()
        .textNode(String.join(",", values.stream().map(JsonNode::asText).toList()));
  }

  /** A list or one object: {@code /api/v1/...} or {@code /apis/GROUP/VERSION/...}, no subresource. */
  record ResourcePath(String group, String version, String plural) {

    static Optional<ResourcePath> parse(String path) {
      String[] s = path.substring(1).split("/");
      int start;
      String group;
      if (s[0].equals("api") && s.length >= 3) {
        start = 2;
        group = "";
      } else if (s[0].equals("apis") && s.length >= 4) {
        start = 3;
        group = s[1];
      } else {
        return Optional.empty();
      }
      String version = s[start - 1];
      int rest = s.length - start;
      if (s[start].equals("namespaces") && rest >= 3) {
        start += 2;
        rest -= 2;
      }
      return rest <= 2 ? Optional.of(new ResourcePath(group, version, s[start])) : Optional.empty();
    }
  }
}
