package dev.customtasks.cli.output;

import dev.customtasks.crds.api.SafeText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The top of a {@code describe}: "Label:" and value lines, values aligned as kubectl aligns
 * them; empty values print as "-" so that every run shows the same lines.
 */
public final class Details {

  private record Line(String label, String value) {
  }

  private final List<Line> lines = new ArrayList<>();

  public Details add(String label, String value) {
    // Values come from runs anyone may write: escaped, so that none can drive the terminal.
    lines.add(new Line(label, value == null || value.isBlank() ? "-" : SafeText.escape(value)));
    return this;
  }

  /** Adds the line only when there is a value: for fields most runs do not have. */
  public Details addIfPresent(String label, String value) {
    return value == null || value.isBlank() ? this : add(label, value);
  }

  public void print(PrintWriter out) {
    int width = lines.stream().mapToInt(l -> l.label().length()).max().orElse(0) + 2;
    for (Line line : lines) {
      String label = line.label() + ":";
      out.println(label + " ".repeat(width - label.length()) + line.value());
    }
    out.flush();
  }
}
