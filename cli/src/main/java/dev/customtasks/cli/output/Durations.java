package dev.customtasks.cli.output;

import dev.customtasks.embedded.HumanDuration;
import java.time.Duration;
import java.util.Locale;

/** Durations for people: ages as kubectl writes them, run times with sub-second precision. */
public final class Durations {

  private Durations() {
  }

  /** kubectl's {@code HumanDuration}: 45s, 3m12s, 5h3m, 2d4h, 400d; the same the embedded server's tables use. */
  public static String age(Duration d) {
    return HumanDuration.format(d);
  }

  /** How long something took: 350ms, 1.2s, 59.9s, then as {@link #age(Duration)}. */
  public static String elapsed(Duration d) {
    if (d.isNegative()) {
      return "0ms";
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return d.toMillis() + "ms";
    }
    if (d.compareTo(Duration.ofMinutes(1)) < 0) {
      return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
    return age(d);
  }
}
