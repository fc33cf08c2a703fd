package dev.customtasks.cli.output;

import dev.customtasks.crds.api.SafeText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A kubectl-style table: upper-case headers, columns padded to their widest cell and three
 * spaces apart, no borders. A styler may colour a cell; widths are measured before colouring.
 */
public final class Table {

  private static final String GAP = "   ";

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();
  private BiFunction<String, String, String> styler = (header, cell) -> cell;

  private Table(List<String> headers) {
    this.headers = headers;
  }

  public static Table withColumns(String... headers) {
    return new Table(List.of(headers));
  }

  /** Colours cells: given the column's header and the plain cell, returns what to print. */
  public Table styled(BiFunction<String, String, String> styler) {
    this.styler = styler;
    return this;
  }

  public Table row(String... cells) {
    return row(java.util.Arrays.asList(cells));
  }

  public Table row(List<String> cells) {
    if (cells.size() != headers.size()) {
      throw new IllegalArgumentException("a row of " + headers + " needs " + headers.size() + " cells, got " + cells);
    }
    rows.add(cells.stream().map(c -> c == null || c.isEmpty() ? "-" : SafeText.escape(oneLine(c))).toList());
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(PrintWriter out) {
    print(out, "");
  }

  /** Prints every line with {@code indent} in front, e.g. a table inside a description. */
  public void print(PrintWriter out, String indent) {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < headers.size(); c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    printLine(out, indent, headers, widths, false);
    rows.forEach(row -> printLine(out, indent, row, widths, true));
    out.flush();
  }

  private void printLine(PrintWriter out, String indent, List<String> cells, int[] widths, boolean style) {
    StringBuilder line = new StringBuilder(indent);
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      boolean last = c == cells.size() - 1;
      String padding = last ? "" : " ".repeat(widths[c] - cell.length()) + GAP;
      line.append(style ? styler.apply(headers.get(c), cell) : cell).append(padding);
    }
    out.println(line.toString().stripTrailing());
  }

  private static String oneLine(String text) {
    return text.replace("\r", "").replace('\n', ' ');
  }
}
