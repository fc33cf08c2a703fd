package dev.customtasks.cli.describe;

import dev.customtasks.cli.output.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How a describe writes instants and durations: the timestamp, and how long ago in brackets. */
final class Times {

  private Times() {
  }

  static String when(Instant instant, Instant now) {
    if (instant == null) {
      return "";
    }
    return instant.truncatedTo(ChronoUnit.MILLIS) + " (" + Durations.age(Duration.between(instant, now)) + " ago)";
  }

  static String took(RunRow row, Instant now) {
    return row.duration(now).map(d -> Durations.elapsed(d) + (row.completed() == null ? " so far" : "")).orElse("");
  }
}
