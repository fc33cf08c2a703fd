package dev.customtasks.cli.timeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.customtasks.crds.api.Timestamps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A timeline as JSON for scripts ({@code -o json}; {@code -o yaml} the same as YAML):
 *
 * <pre>
 * {"pipelineRun": "release-run", "state": "Succeeded", "reason": "Succeeded",
 *  "message": "Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 0", "endedBeforeAnyTask": false,
 *  "start": "...", "end": "...", "durationMs": 19900,
 *  "spans": [{"task": "wait-for-window", "section": "tasks", "depth": 0, "kind": "Wait", "custom": true,
 *             "name": "release-run-wait-for-window", "state": "Succeeded", "reason": "Succeeded",
 *             "created": "...", "start": "...", "end": "...", "durationMs": 12200, "waitedMs": 11800,
 *             "attempts": 1, "hopMs": 500, "hopFrom": "build",
 *             "segments": [{"phase": "waiting", "start": "...", "end": "..."}, ...]}, ...],
 *  "hops": [{"from": "build", "to": "wait-for-window", "completed": "...", "created": "...",
 *            "durationMs": 500, "released": true}, ...]}
 * </pre>
 *
 * Times are RFC 3339 with milliseconds; a span's {@code task} is its path ({@code build-all/build/compile}),
 * sub-rows follow their row; {@code end} is null while a run goes on; {@code hopMs} is the hop from
 * the predecessor that released the task (absent for a task without one); {@code endedBeforeAnyTask}
 * says the run ended before any task had a run (refused at validation, cancelled first).
 */
public final class TimelineJson {

  private TimelineJson() {
  }

  public static ObjectNode of(Timeline timeline) {
    ObjectNode root = Serialization.jsonMapper().createObjectNode();
    root.put("pipelineRun", timeline.name()).put("state", timeline.state()).put("reason", timeline.reason())
        .put("message", timeline.message()).put("endedBeforeAnyTask", timeline.endedBeforeAnyTask());
    root.put("start", time(timeline.start())).put("end", time(timeline.end()))
        .put("durationMs", timeline.duration().toMillis());
    ArrayNode spans = root.putArray("spans");
    add(spans, timeline.tasks(), "tasks", timeline);
    add(spans, timeline.finallyTasks(), "finally", timeline);
    ArrayNode hops = root.putArray("hops");
    for (Hop hop : timeline.hops()) {
      hops.addObject().put("from", hop.from()).put("to", hop.to()).put("completed", time(hop.completed()))
          .put("created", time(hop.created())).put("durationMs", hop.duration().toMillis())
          .put("released", hop.released());
    }
    return root;
  }

  private static void add(ArrayNode spans, List<Span> rows, String section, Timeline timeline) {
    for (Span row : rows) {
      for (Span span : row.flatten()) {
        ObjectNode node = spans.addObject();
        node.put("task", span.path()).put("section", section).put("depth", span.depth()).put("kind", span.kind())
            .put("custom", span.custom()).put("name", span.name()).put("state", span.state())
            .put("reason", span.reason()).put("created", time(span.created())).put("start", time(span.start()))
            .put("end", time(span.end()));
        span.duration(timeline.now()).ifPresent(d -> node.put("durationMs", d.toMillis()));
        node.put("waitedMs", span.waited().toMillis()).put("attempts", span.attempts());
        released(timeline, span).ifPresent(h -> node.put("hopMs", h.duration().toMillis()).put("hopFrom", h.from()));
        ArrayNode segments = node.putArray("segments");
        for (Segment segment : span.segments()) {
          segments.addObject().put("phase", segment.phase().name().toLowerCase(java.util.Locale.ROOT)
              .replace('_', '-')).put("start", time(segment.start())).put("end", time(segment.end()));
        }
      }
    }
  }

  private static Optional<Hop> released(Timeline timeline, Span span) {
    return timeline.hops().stream().filter(h -> h.released() && h.to().equals(span.path())).findFirst();
  }

  private static String time(Instant instant) {
    return instant == null ? null : Timestamps.format(instant);
  }
}
