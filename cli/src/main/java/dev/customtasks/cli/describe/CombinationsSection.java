package dev.customtasks.cli.describe;

import dev.customtasks.cli.output.Table;
import dev.customtasks.cli.output.Terminal;
import dev.customtasks.crds.api.customrun.CustomRun;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The combinations of a fanned-out run ({@code Matrix}), read from the shape it keeps in
 * {@code status.extraFields}: {@code combinations} and {@code children}, each child with
 * {@code index}, {@code child}, {@code params}, {@code displayName}, {@code state} and
 * {@code message}. Nothing is printed for a run that keeps no such list.
 */
final class CombinationsSection {

  private CombinationsSection() {
  }

  static void print(CustomRun run, PrintWriter out, Terminal terminal) {
    if (run.getStatus() == null || !(run.getStatus().getExtraFields() instanceof Map<?, ?> extra)
        || !extra.containsKey("combinations") || !(extra.get("children") instanceof List<?> children)) {
      return;
    }
    out.println("Combinations: " + extra.get("combinations") + " (" + summary(children) + ")");
    Table table = Table.withColumns("INDEX", "CHILD", "STATE", "PARAMS", "NAME", "MESSAGE")
        .styled((column, cell) -> "STATE".equals(column) ? paint(cell, terminal) : cell);
    for (Object item : children) {
      if (item instanceof Map<?, ?> child) {
        table.row(text(child.get("index")), text(child.get("child")), text(child.get("state")),
            params(child.get("params")), text(child.get("displayName")), text(child.get("message")));
      }
    }
    table.print(out, "  ");
    out.flush();
  }

  /** {@code 3 Succeeded, 2 Running, 1 NotStarted}: the states, most frequent first. */
  private static String summary(List<?> children) {
    Map<String, Long> counts = children.stream().filter(Map.class::isInstance).map(c -> text(((Map<?, ?>) c)
        .get("state"))).collect(Collectors.groupingBy(s -> s, java.util.LinkedHashMap::new, Collectors.counting()));
    return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
  }

  private static String paint(String state, Terminal terminal) {
    return switch (state.strip()) {
      case "Succeeded" -> terminal.green(state);
      case "Failed", "Cancelled" -> terminal.red(state);
      case "Running", "Pending" -> terminal.yellow(state);
      default -> state;
    };
  }

  private static String params(Object params) {
    if (!(params instanceof Map<?, ?> map)) {
      return "";
    }
    return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
