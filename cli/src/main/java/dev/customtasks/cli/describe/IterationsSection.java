package dev.customtasks.cli.describe;

import dev.customtasks.cli.output.Table;
import dev.customtasks.crds.api.customrun.CustomRun;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The iterations a looping task lists in {@code status.extraFields.iterations} (a Loop's: number,
 * item, child name, outcome, reason), as a table under {@code ctk describe customrun}. Read as
 * plain JSON, so the CLI needs no task's types; nothing is printed for a run without the list.
 */
final class IterationsSection {

  private IterationsSection() {
  }

  static void print(CustomRun run, PrintWriter out) {
    Object extra = run.getStatus() == null ? null : run.getStatus().getExtraFields();
    if (extra == null) {
      return;
    }
    Object iterations = Serialization.jsonMapper().convertValue(extra, Map.class).get("iterations");
    if (!(iterations instanceof List<?> list) || list.isEmpty()) {
      return;
    }
    out.println("Iterations:");
    Table table = Table.withColumns("#", "ITEM", "RUN", "KIND", "OUTCOME", "REASON");
    for (Object element : list) {
      if (element instanceof Map<?, ?> iteration) {
        table.row(text(iteration.get("iteration")), text(iteration.get("item")), text(iteration.get("name")),
            text(iteration.get("kind")), text(iteration.get("outcome")), text(iteration.get("reason")));
      }
    }
    table.print(out, "  ");
    out.flush();
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
