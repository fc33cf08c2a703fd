package dev.customtasks.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of kubectl's JSONPath that CRD printer columns use: {@code .a.b}, {@code [0]},
 * {@code [*]} and {@code [?(@.field=="value")]}, e.g. Tekton's
 * {@code .status.conditions[?(@.type=="Succeeded")].status}. A path outside that finds nothing,
 * and its cell stays empty.
 */
final class ColumnPath {

  private static final Pattern STEP = Pattern.compile(
      "\\.([A-Za-z0-9_\\-]+)|\\[(\\d+)]|(\\[\\*])|\\[\\?\\(@\\.([A-Za-z0-9_\\-.]+)\\s*==\\s*[\"']([^\"']*)[\"']\\)]");

  /** One step: a field, an index, every item, or the items whose field has a value. */
  private record Step(String field, Integer index, boolean every, String filterField, String filterValue) {
  }

  private final List<Step> steps;

  private ColumnPath(List<Step> steps) {
    this.steps = steps;
  }

  static ColumnPath parse(String expression) {
    String path = expression.trim();
    if (path.startsWith("{") && path.endsWith("}")) {
      path = path.substring(1, path.length() - 1);
    }
    List<Step> steps = new ArrayList<>();
    Matcher m = STEP.matcher(path);
    int at = 0;
    while (at < path.length() && m.find(at) && m.start() == at) {
      steps.add(new Step(m.group(1), m.group(2) == null ? null : Integer.valueOf(m.group(2)), m.group(3) != null,
          m.group(4), m.group(5)));
      at = m.end();
    }
    return new ColumnPath(at == path.length() ? steps : List.of());
  }

  /** The values the path finds in {@code object}, in order; none for a path it cannot read. */
  List<JsonNode> find(JsonNode object) {
    if (steps.isEmpty()) {
      return List.of();
    }
    List<JsonNode> current = List.of(object);
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      current.forEach(node -> apply(step, node, next));
      current = next;
    }
    return current;
  }

  private static void apply(Step step, JsonNode node, List<JsonNode> next) {
    if (step.field() != null) {
      add(node.get(step.field()), next);
    } else if (step.index() != null) {
      add(node.isArray() ? node.get(step.index()) : null, next);
    } else if (node.isArray() && step.every()) {
      node.forEach(next::add);
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        JsonNode field = item;
        for (String name : step.filterField().split("\\.")) {
          field = field == null ? null : field.get(name);
        }
        if (field != null && field.isValueNode() && field.asText().equals(step.filterValue())) {
          next.add(item);
        }
      }
    }
  }

  private static void add(JsonNode node, List<JsonNode> next) {
    if (node != null && !node.isNull() && !node.isMissingNode()) {
      next.add(node);
    }
  }
}
