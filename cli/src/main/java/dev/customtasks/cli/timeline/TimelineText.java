package dev.customtasks.cli.timeline;

import dev.customtasks.cli.output.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A timeline as text for a terminal: one row per task with its kind, state, duration and a bar on
 * an axis shared by every row and scaled to the width; finally tasks under their own heading;
 * sub-rows (matrix combinations, loop iterations, nested PipelineRuns and their tasks) indented
 * under their task; then the hops over a threshold (the longest alone when none is over, and the
 * heading says which), the longest called out, and a legend. Only a
 * hop from the predecessor that released its task is listed ({@link Hop#released()}): the others
 * measure how long a branch waited for its siblings, not the controller.
 *
 * <p>Bars are ASCII: {@code =} an ordinary task working, {@code #} a custom task working,
 * {@code ~} waiting on purpose, {@code x} a failed attempt of a retried task, {@code >} the end of
 * a run still going. With colour (a terminal, no {@code NO_COLOR}) the same characters are
 * coloured, so a copied timeline reads the same. No line is wider than the width given; where the
 * width leaves fewer than {@link #MIN_DRAWN_BAR} columns for the bars, each row's start and duration
 * are listed as text instead.
 */
public final class TimelineText {

  /** The narrowest width the bars are laid out for (a narrower terminal gets the list, {@link #MIN_DRAWN_BAR}). */
  static final int MIN_WIDTH = 40;
  private static final int MIN_BAR = 10;
  /** Where fewer columns than this are left for the bars, each task's start and duration are listed instead. */
  static final int MIN_DRAWN_BAR = 5;
  private static final int START = 7;
  private static final int MIN_NAME = 8;
  private static final int MAX_NAME = 32;
  private static final int MAX_KIND = 12;
  private static final int STATE = 9;
  private static final int TOOK = 6;

  private static final String GREEN = "\u001B[32m";
  private static final String RED = "\u001B[31m";
  private static final String YELLOW = "\u001B[33m";
  private static final String CYAN = "\u001B[36m";
  private static final String RESET = "\u001B[0m";

  private final Timeline timeline;
  private final int width;
  private final boolean colour;
  private final Duration hopThreshold;

  /**
   * @param width the terminal's columns; no line is longer
   * @param colour whether to colour states and bars with ANSI codes
   * @param hopThreshold hops longer than this are listed (the longest always is)
   */
  public TimelineText(Timeline timeline, int width, boolean colour, Duration hopThreshold) {
    this.timeline = timeline;
    this.width = width;
    this.colour = colour;
    this.hopThreshold = hopThreshold;
  }

  /** The lines to print, without line ends. */
  public List<String> lines() {
    if (timeline.endedBeforeAnyTask()) {
      return notStarted();
    }
    List<Span> rows = timeline.all();
    int layoutWidth = Math.max(width, MIN_WIDTH);
    int kindWidth = Math.min(MAX_KIND, Math.max(4, rows.stream().mapToInt(s -> s.kind().length()).max().orElse(4)));
    int nameWidth = Math.min(MAX_NAME, Math.max(4, rows.stream().mapToInt(s -> indent(s).length() + s.label()
        .length()).max().orElse(4)));
    int fixed = 2 + 2 + kindWidth + 2 + STATE + 2 + TOOK + 2 + 2;
    if (width < fixed + MIN_NAME + MIN_DRAWN_BAR) {
      return list(rows);
    }
    nameWidth = Math.max(MIN_NAME, Math.min(nameWidth, layoutWidth - fixed - MIN_BAR));
    int barWidth = Math.max(1, layoutWidth - fixed - nameWidth);
    Axis axis = new Axis(timeline.start(), timeline.axisEnd(), barWidth);

    List<String> lines = new ArrayList<>();
    lines.add("Timeline: " + timeline.name() + "  " + paintState(timeline.state()) + "  "
        + Durations.elapsed(timeline.duration()) + (timeline.end() == null ? " so far" : "")
        + ", one column = " + Durations.elapsed(axis.column()));
    String head = "  " + pad("TASK", nameWidth) + "  " + pad("KIND", kindWidth) + "  " + pad("STATE", STATE) + "  "
        + String.format("%" + TOOK + "s", "TOOK") + "  ";
    lines.add(head + axisLabels(barWidth + 2));
    for (Span span : timeline.tasks()) {
      addRows(lines, span, nameWidth, kindWidth, axis);
    }
    if (!timeline.finallyTasks().isEmpty()) {
      lines.add("  finally:");
      for (Span span : timeline.finallyTasks()) {
        addRows(lines, span, nameWidth, kindWidth, axis);
      }
    }
    hops(lines);
    legend(lines);
    return lines.stream().map(this::cut).toList();
  }

  /**
   * Too narrow a terminal for bars: each row's start (after the run's) and duration as text, so
   * that nothing is lost by the width; the hops follow, no legend (there is nothing drawn).
   */
  private List<String> list(List<Span> rows) {
    int nameWidth = Math.max(4, Math.min(MAX_NAME, rows.stream().mapToInt(s -> indent(s).length()
        + s.label().length()).max().orElse(4)));
    nameWidth = Math.max(4, Math.min(nameWidth, width - 2 - 1 - START - 1 - TOOK));
    List<String> lines = new ArrayList<>();
    lines.addAll(wrap("Timeline: " + timeline.name() + "  " + timeline.state() + "  "
        + Durations.elapsed(timeline.duration()) + (timeline.end() == null ? " so far" : ""), "", "  "));
    String head = "  " + pad("TASK", nameWidth) + " " + String.format("%" + START + "s", "START") + " "
        + String.format("%" + TOOK + "s", "TOOK");
    lines.add(head + (head.length() + 2 + STATE <= width ? "  STATE" : ""));
    for (Span span : timeline.tasks()) {
      listRows(lines, span, nameWidth);
    }
    if (!timeline.finallyTasks().isEmpty()) {
      lines.add("  finally:");
      for (Span span : timeline.finallyTasks()) {
        listRows(lines, span, nameWidth);
      }
    }
    hops(lines);
    return lines.stream().map(this::cut).toList();
  }

  private void listRows(List<String> lines, Span span, int nameWidth) {
    for (Span row : span.flatten()) {
      String start = row.start() == null ? ""
          : "+" + Durations.elapsed(Duration.between(timeline.start(), row.start()));
      String took = row.duration(timeline.now()).map(Durations::elapsed).orElse("");
      // A skipped task's reason stands where its bar would; a run still going keeps its '>'.
      String more = (row.end() == null && row.start() != null ? " >" : "")
          + (row.reason().isEmpty() || row.start() != null ? "" : " " + row.reason());
      String line = "  " + pad(fit(indent(row) + row.label(), nameWidth), nameWidth) + " "
          + String.format("%" + START + "s", fit(start, START)) + " " + String.format("%" + TOOK + "s", fit(took, TOOK));
      // The state only whole: a name keeps its columns before it, and "Su" would say nothing.
      lines.add(line + (line.length() + 2 + row.state().length() <= width ? "  " + paintState(row.state()) + more
          : ""));
    }
  }

  /**
   * A run that ended before any task ran has no bars to draw: one line says so and why, wrapped
   * at the width rather than cut, since the message is the point.
   */
  private List<String> notStarted() {
    List<String> lines = new ArrayList<>();
    lines.add(cut("Timeline: " + timeline.name() + "  " + paintState(timeline.state()) + "  "
        + Durations.elapsed(timeline.duration())));
    lines.addAll(wrap(notStartedLine(timeline), "  ", "    "));
    return lines;
  }

  /**
   * What a run that ended before any task ran says: {@code PipelineRun NAME did not start: it ended
   * before any task ran, REASON: MESSAGE}.
   */
  static String notStartedLine(Timeline timeline) {
    String why = timeline.reason().isEmpty() ? "" : timeline.reason();
    if (!timeline.message().isBlank()) {
      why += (why.isEmpty() ? "" : ": ") + timeline.message().strip();
    }
    return "PipelineRun " + timeline.name() + " did not start: it ended before any task ran"
        + (why.isEmpty() ? "." : ", " + dev.customtasks.crds.api.SafeText.escape(why));
  }

  /**
   * {@code text} in lines no wider than the width, broken at spaces (a word too long is cut); its
   * own line breaks stay, each later line under {@code next}, so that a CEL error's caret still
   * points under the expression above it.
   */
  private List<String> wrap(String text, String first, String next) {
    List<String> lines = new ArrayList<>();
    String prefix = first;
    for (String paragraph : text.split("\n", -1)) {
      lines.addAll(wrapLine(paragraph.stripTrailing(), prefix, next));
      prefix = next;
    }
    return lines;
  }

  private List<String> wrapLine(String text, String first, String next) {
    int max = Math.max(width, 1);
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String word : text.split(" ")) {
      if (!empty && line.length() + 1 + word.length() > max) {
        lines.add(cut(line.toString()));
        line = new StringBuilder(next);
        empty = true;
      }
      line.append(empty ? "" : " ").append(word);
      empty = false;
    }
    lines.add(cut(line.toString()));
    return lines;
  }

  private void addRows(List<String> lines, Span span, int nameWidth, int kindWidth, Axis axis) {
    for (Span row : span.flatten()) {
      String took = row.duration(timeline.now()).map(Durations::elapsed).orElse("");
      String line = "  " + pad(fit(indent(row) + row.label(), nameWidth), nameWidth) + "  "
          + pad(fit(row.kind(), kindWidth), kindWidth) + "  " + paintState(pad(row.state(), STATE)) + "  "
          + String.format("%" + TOOK + "s", fit(took, TOOK)) + "  ";
      if (row.segments().isEmpty()) {
        String why = row.reason().isEmpty() ? "" : " " + row.reason();
        line += "|" + pad(fit(why, axis.width()), axis.width()) + "|";
      } else {
        line += "|" + bar(row, axis) + "|";
      }
      lines.add(line);
    }
  }

  private static String indent(Span row) {
    return "  ".repeat(row.depth());
  }

  /**
   * The row's bar: each segment over the columns its ends round to, so that adjacent segments
   * share no column and a stretch shorter than half a column is not drawn; a bar that would be
   * empty gets one column where it starts.
   */
  private String bar(Span row, Axis axis) {
    char[] cells = new char[axis.width()];
    java.util.Arrays.fill(cells, ' ');
    boolean drawn = false;
    for (Segment segment : row.segments()) {
      int from = axis.nearest(segment.start());
      int to = axis.nearest(segment.end());
      for (int i = from; i < Math.min(to, cells.length); i++) {
        cells[i] = mark(row, segment);
        drawn = true;
      }
    }
    if (!drawn && !row.segments().isEmpty()) {
      cells[axis.column(row.segments().get(0).start())] = mark(row, row.segments().get(0));
    }
    if (row.end() == null && row.start() != null) {
      int last = Math.min(cells.length - 1, Math.max(axis.column(row.start()), axis.nearest(timeline.now()) - 1));
      cells[last] = '>';
    }
    return paintBar(new String(cells), row.state());
  }

  private static char mark(Span row, Segment segment) {
    return switch (segment.phase()) {
      case WAITING -> '~';
      case FAILED_ATTEMPT -> 'x';
      case WORKING -> row.custom() ? '#' : '=';
    };
  }

  private String axisLabels(int span) {
    String left = "0s";
    String right = Durations.elapsed(timeline.duration());
    if (span < left.length() + right.length() + 1) {
      return pad("", span);
    }
    return left + " ".repeat(span - left.length() - right.length()) + right;
  }

  private void hops(List<String> lines) {
    List<Hop> shown = timeline.shownHops(hopThreshold);
    if (shown.isEmpty()) {
      return;
    }
    Hop longest = timeline.longestHop().orElseThrow();
    String heading = timeline.hopsHeading(hopThreshold) + ":";
    int at = heading.indexOf(" (");
    if (heading.length() > width && at > 0) {
      // Cut, it would lose what the list is; the explanation goes under it as the legend's lines do.
      lines.addAll(wrap(heading.substring(0, at), "", "    "));
      lines.addAll(wrap(heading.substring(at + 1), "    ", "    "));
    } else {
      lines.add(heading);
    }
    int edgeWidth = shown.stream().mapToInt(h -> edge(h).length()).max().orElse(0);
    for (Hop hop : shown) {
      lines.add("  " + pad(edge(hop), edgeWidth) + "  " + String.format("%" + TOOK + "s",
          Durations.elapsed(hop.duration())) + (hop == longest ? "  <- longest" : ""));
    }
  }

  private static String edge(Hop hop) {
    return hop.from() + " -> " + hop.to();
  }

  private void legend(List<String> lines) {
    List<String> items = List.of("= TaskRun", "# custom task", "~ waiting (Wait, Approval, Lock, Loop interval)",
        "x failed attempt", "> still running");
    StringBuilder line = new StringBuilder("Legend:");
    for (String item : items) {
      if (line.length() + 2 + item.length() > Math.max(width, MIN_WIDTH) && line.length() > "Legend:".length()) {
        lines.add(line.toString());
        line = new StringBuilder("       ");
      }
      line.append("  ").append(item);
    }
    lines.add(line.toString());
  }

  private String paintState(String state) {
    return switch (state.strip()) {
      case "Succeeded" -> paint(GREEN, state);
      case "Failed" -> paint(RED, state);
      case "Running" -> paint(YELLOW, state);
      default -> state;
    };
  }

  /** Colours runs of one character: waiting cyan, failed attempts red, working by the row's state. */
  private String paintBar(String bar, String state) {
    if (!colour) {
      return bar;
    }
    String working = switch (state) {
      case "Failed" -> RED;
      case "Running", "Pending" -> YELLOW;
      default -> GREEN;
    };
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < bar.length()) {
      char c = bar.charAt(i);
      int j = i;
      while (j < bar.length() && bar.charAt(j) == c) {
        j++;
      }
      String run = bar.substring(i, j);
      out.append(switch (c) {
        case ' ' -> run;
        case '~' -> paint(CYAN, run);
        case 'x' -> paint(RED, run);
        default -> paint(working, run);
      });
      i = j;
    }
    return out.toString();
  }

  private String paint(String code, String text) {
    return colour && !text.isBlank() ? code + text + RESET : text;
  }

  /** Cuts a line at the width, counting only visible characters (colour codes are kept whole). */
  private String cut(String line) {
    StringBuilder out = new StringBuilder();
    int visible = 0;
    boolean painted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\u001B') {
        int end = line.indexOf('m', i);
        String code = line.substring(i, end + 1);
        out.append(code);
        painted = !code.equals(RESET);
        i = end;
      } else if (visible < width) {
        out.append(c);
        visible++;
      }
    }
    if (painted) {
      out.append(RESET);
    }
    return out.toString().stripTrailing();
  }

  private static String fit(String text, int width) {
    return text.length() <= width ? text : text.substring(0, Math.max(0, width - 2)) + "..".substring(0,
        Math.min(2, width));
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  /** The shared time axis: {@code width} columns from {@code start} to {@code end}. */
  record Axis(Instant start, Instant end, int width) {

    Duration column() {
      return Duration.ofNanos(Math.max(1, Duration.between(start, end).toNanos() / width));
    }

    /** The column {@code at} falls in. */
    int column(Instant at) {
      return clamp((int) Math.floor(fraction(at) * width));
    }

    /** The column boundary nearest to {@code at}: 0 to {@code width}. */
    int nearest(Instant at) {
      return Math.max(0, Math.min(width, (int) Math.round(fraction(at) * width)));
    }

    private double fraction(Instant at) {
      long total = Duration.between(start, end).toNanos();
      return total <= 0 ? 0 : (double) Duration.between(start, at).toNanos() / total;
    }

    private int clamp(int column) {
      return Math.max(0, Math.min(width - 1, column));
    }
  }
}
