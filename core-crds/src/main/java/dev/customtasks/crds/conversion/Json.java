package dev.customtasks.crds.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small edits of JSON objects that both directions of the conversion make. */
final class Json {

  private Json() {
  }

  /** The member {@code name} of {@code node} when it is an object. */
  static Optional<ObjectNode> object(JsonNode node, String name) {
    JsonNode member = node == null ? null : node.get(name);
    return member != null && member.isObject() ? Optional.of((ObjectNode) member) : Optional.empty();
  }

  /** The objects in the array member {@code name} of {@code node}; none when it is absent. */
  static List<ObjectNode> objects(JsonNode node, String name) {
    List<ObjectNode> items = new ArrayList<>();
    JsonNode member = node == null ? null : node.get(name);
    if (member != null && member.isArray()) {
      for (JsonNode item : member) {
        if (item.isObject()) {
          items.add((ObjectNode) item);
        }
      }
    }
    return items;
  }

  /** Moves the member {@code from} to {@code to}, keeping its place at the end; nothing when absent. */
  static void rename(ObjectNode node, String from, String to) {
    JsonNode value = node.remove(from);
    if (value != null) {
      node.set(to, value);
    }
  }

  /** Whether {@code node} holds {@code name} with a value other than null, an empty array or an empty object. */
  static boolean isSet(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    if (value == null || value.isNull()) {
      return false;
    }
    return !(value.isContainerNode() && value.isEmpty());
  }

  /** The object member {@code name} of {@code node}, added when absent. */
  static ObjectNode objectMember(ObjectNode node, String name) {
    JsonNode member = node.get(name);
    if (member instanceof ObjectNode o) {
      return o;
    }
    return node.putObject(name);
  }

  static ArrayNode array() {
    return TektonConversion.mapper().createArrayNode();
  }
}
