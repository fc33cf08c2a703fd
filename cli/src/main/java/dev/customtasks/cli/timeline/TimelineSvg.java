package dev.customtasks.cli.timeline;

import dev.customtasks.cli.output.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A timeline as a standalone SVG a person can attach to a bug report: the same rows as the text
 * (label, kind, state, duration), one {@code rect class="bar ..."} per task that ran, from its
 * start to its completion on the shared axis, with the waiting and failed-attempt stretches drawn
 * over it, then the hops over the threshold with the longest called out. One small template; no
 * script, no external style.
 */
public final class TimelineSvg {

  private static final int WIDTH = 960;
  private static final int LABELS = 380;
  private static final int ROW = 22;
  private static final int TOP = 48;

  private static final String TEMPLATE = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="%1$d" height="%2$d" viewBox="0 0 %1$d %2$d" font-family="monospace" font-size="12">
      <style>
        .bar { fill: #6a9fd8 } .bar.custom { fill: #8a6ad8 } .bar.Failed { fill: #d86a6a }
        .waiting { fill: #f2d17a } .failed-attempt { fill: #d86a6a; opacity: 0.6 }
        .axis { stroke: #999 } .hop { fill: #555 } .longest { fill: #c03030; font-weight: bold }
      </style>
      <rect width="100%%" height="100%%" fill="white"/>
      <text x="8" y="18" font-weight="bold">%3$s</text>
      <text x="%4$d" y="40">0s</text><text x="%5$d" y="40" text-anchor="end">%6$s</text>
      <line class="axis" x1="%4$d" y1="44" x2="%4$d" y2="%7$d"/><line class="axis" x1="%5$d" y1="44" x2="%5$d" y2="%7$d"/>
      %8$s</svg>
      """;

  private final Timeline timeline;
  private final Duration hopThreshold;

  public TimelineSvg(Timeline timeline, Duration hopThreshold) {
    this.timeline = timeline;
    this.hopThreshold = hopThreshold;
  }

  /** The whole document. */
  public String render() {
    StringBuilder body = new StringBuilder();
    int y = TOP;
    if (timeline.endedBeforeAnyTask()) {
      body.append(text(8, y + 15, TimelineText.notStartedLine(timeline), "not-started")).append('\n');
      y += ROW;
    }
    for (Span span : timeline.tasks()) {
      y = rows(body, span, y);
    }
    if (!timeline.finallyTasks().isEmpty()) {
      body.append(text(8, y + 15, "finally:", "")).append('\n');
      y += ROW;
      for (Span span : timeline.finallyTasks()) {
        y = rows(body, span, y);
      }
    }
    int axisBottom = y;
    y += 8;
    Hop longest = timeline.longestHop().orElse(null);
    List<Hop> shown = timeline.shownHops(hopThreshold);
    if (!shown.isEmpty()) {
      body.append(text(8, y + 15, timeline.hopsHeading(hopThreshold) + ":", "")).append('\n');
      y += ROW;
      for (Hop hop : shown) {
        body.append(text(24, y + 15, hop.from() + " -> " + hop.to() + "  " + Durations.elapsed(hop.duration())
            + (hop == longest ? "  <- longest" : ""), hop == longest ? "hop longest" : "hop")).append('\n');
        y += ROW;
      }
    }
    y += 8;
    body.append(text(8, y + 15, "blue: TaskRun  purple: custom task  yellow: waiting (Wait, Approval, Lock in line, Loop interval)"
        + "  red: failed", "")).append('\n');
    y += ROW;
    String title = timeline.name() + "  " + timeline.state() + "  " + Durations.elapsed(timeline.duration())
        + (timeline.end() == null ? " so far" : "");
    return String.format(Locale.ROOT, TEMPLATE, WIDTH, y + 8, escape(title), LABELS, WIDTH - 8,
        escape(Durations.elapsed(timeline.duration())), axisBottom, body);
  }

  private int rows(StringBuilder body, Span top, int y) {
    for (Span span : top.flatten()) {
      String took = span.duration(timeline.now()).map(Durations::elapsed).orElse("");
      body.append("<g class=\"row\" data-task=\"").append(escape(span.path())).append("\">");
      body.append(text(8 + 12 * span.depth(), y + 15, span.label(), ""));
      body.append(text(190, y + 15, span.kind(), ""));
      body.append(text(280, y + 15, span.state() + " " + took, ""));
      if (span.start() == null) {
        body.append(text(LABELS + 4, y + 15, span.reason(), ""));
      } else {
        Instant end = span.end() != null ? span.end() : timeline.now();
        body.append(rect(span.start(), end, y, "bar " + (span.custom() ? "custom " : "") + span.state(),
            span.path() + ": " + span.state() + " " + took));
        for (Segment segment : span.segments()) {
          if (segment.phase() != Segment.Phase.WORKING) {
            String kind = segment.phase() == Segment.Phase.WAITING ? "waiting" : "failed-attempt";
            body.append(rect(segment.start(), segment.end(), y, kind, kind + " " + Durations.elapsed(
                Duration.between(segment.start(), segment.end()))));
          }
        }
      }
      body.append("</g>\n");
      y += ROW;
    }
    return y;
  }

  private String rect(Instant from, Instant to, int y, String cssClass, String title) {
    double x1 = x(from);
    double w = Math.max(1, x(to) - x1);
    return String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\">"
        + "<title>%s</title></rect>", escape(cssClass), x1, y + 4, w, ROW - 8, escape(title));
  }

  private double x(Instant at) {
    double total = Math.max(1, Duration.between(timeline.start(), timeline.axisEnd()).toMillis());
    double fraction = Duration.between(timeline.start(), at).toMillis() / total;
    return LABELS + Math.max(0, Math.min(1, fraction)) * (WIDTH - 8 - LABELS);
  }

  private static String text(int x, int y, String text, String cssClass) {
    return "<text x=\"" + x + "\" y=\"" + y + "\"" + (cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"") + ">"
        + escape(text) + "</text>";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
