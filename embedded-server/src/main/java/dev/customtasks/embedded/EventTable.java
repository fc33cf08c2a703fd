package dev.customtasks.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.customtasks.crds.api.Timestamps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The table kube-apiserver prints for core Events ({@code pkg/printers/internalversion/printers.go},
 * {@code eventColumnDefinitions} and {@code printEvent}): LAST SEEN, TYPE, REASON, OBJECT ({@code
 * kind/name}, the kind in lower case) and MESSAGE, and for {@code -o wide} also SUBOBJECT (the field
 * path), SOURCE ({@code source.component}, else {@code reportingController}; then the host, else
 * {@code reportingInstance}, after a comma), FIRST SEEN, COUNT and NAME. As a server always does, every
 * column is sent and kubectl hides those of priority 1 unless asked for wide output.
 *
 * <p>FIRST SEEN is {@code firstTimestamp}, else {@code eventTime}; LAST SEEN is {@code lastTimestamp},
 * else FIRST SEEN, and a series' {@code lastObservedTime} before both; COUNT is the series' count,
 * else {@code count}, else 1. A time that is missing reads {@code <unknown>}.
 */
final class EventTable {

  private record Column(String name, int priority, String format, String description) {
  }

  private static final List<Column> COLUMNS = List.of(
      new Column("Last Seen", 0, "", "The time at which the most recent occurrence of this event was recorded."),
      new Column("Type", 0, "", "Type of this event (Normal, Warning), new types could be added in the future"),
      new Column("Reason", 0, "", "This should be a short, machine understandable string that gives the reason "
          + "for the transition into the object's current status."),
      new Column("Object", 0, "", "The object that this event is about."),
      new Column("Subobject", 1, "", "If referring to a piece of an object instead of an entire object, this "
          + "string should contain a valid JSON/Go field access statement."),
      new Column("Source", 1, "", "The component reporting this event. Should be a short machine understandable "
          + "string."),
      new Column("Message", 0, "", "A human-readable description of the status of this operation."),
      new Column("First Seen", 1, "", "The time at which the event was first recorded. (Time of server receipt is "
          + "in TypeMeta.)"),
      new Column("Count", 1, "", "The number of times this event has occurred."),
      new Column("Name", 1, "name", "Name must be unique within a namespace."));

  private static final String UNKNOWN = "<unknown>";

  private EventTable() {
  }

  /** The table of {@code events} (Event objects), their ages measured at {@code now}. */
  static ObjectNode of(List<JsonNode> events, String resourceVersion, Instant now) {
    ObjectNode table = Serialization.jsonMapper().createObjectNode()
        .put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column column : COLUMNS) {
      definitions.addObject().put("name", column.name()).put("type", "string").put("format", column.format())
          .put("description", column.description()).put("priority", column.priority());
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode event : events) {
      ObjectNode row = rows.addObject();
      cells(event, now, row.putArray("cells"));
      row.putObject("object").put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1")
          .set("metadata", event.path("metadata"));
    }
    return table;
  }

  private static void cells(JsonNode event, Instant now, ArrayNode cells) {
    String firstSeen = age(text(event, "firstTimestamp"), now);
    if (text(event, "firstTimestamp").isEmpty()) {
      firstSeen = age(text(event, "eventTime"), now);
    }
    String lastSeen = text(event, "lastTimestamp").isEmpty() ? firstSeen : age(text(event, "lastTimestamp"), now);
    long count = event.path("count").asLong(0);
    JsonNode series = event.path("series");
    if (series.isObject()) {
      lastSeen = age(series.path("lastObservedTime").asText(""), now);
      count = series.path("count").asLong(0);
    } else if (count == 0) {
      count = 1;
    }
    JsonNode involved = event.path("involvedObject");
    String kind = involved.path("kind").asText("").toLowerCase(Locale.ROOT);
    String name = involved.path("name").asText("");
    cells.add(lastSeen).add(text(event, "type")).add(text(event, "reason"))
        .add(name.isEmpty() ? kind : kind + "/" + name)
        .add(involved.path("fieldPath").asText(""))
        .add(source(event))
        .add(text(event, "message").strip())
        .add(firstSeen)
        .add(count)
        .add(event.path("metadata").path("name").asText(""));
  }

  private static String source(JsonNode event) {
    String component = firstNonEmpty(event.path("source").path("component").asText(""),
        text(event, "reportingController"));
    String instance = firstNonEmpty(event.path("source").path("host").asText(""), text(event, "reportingInstance"));
    return instance.isEmpty() ? component : component + ", " + instance;
  }

  private static String firstNonEmpty(String first, String second) {
    return first.isEmpty() ? second : first;
  }

  private static String age(String timestamp, Instant now) {
    if (timestamp.isEmpty()) {
      return UNKNOWN;
    }
    try {
      return HumanDuration.format(Duration.between(Timestamps.parse(timestamp), now));
    } catch (DateTimeParseException e) {
      return UNKNOWN;
    }
  }

  private static String text(JsonNode event, String field) {
    JsonNode value = event.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : "";
  }
}
