package dev.customtasks.embedded;

import java.time.Duration;

/**
 * How Kubernetes writes an age ({@code HumanDuration} in k8s.io/apimachinery/pkg/util/duration):
 * 45s, 3m12s, 150m, 5h3m, 20h, 2d4h, 30d, 2y270d. The embedded server's tables use it, as a real
 * server's do, so ctk uses it too.
 */
public final class HumanDuration {

  private HumanDuration() {
  }

  public static String format(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return withRest(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return withRest(hours, "h", minutes % 60, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      return withRest(hours / 24, "d", hours % 24, "h");
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    }
    if (hours < 24 * 365 * 8) {
      return withRest(hours / 24 / 365, "y", (hours / 24) % 365, "d");
    }
    return hours / 24 / 365 + "y";
  }

  private static String withRest(long whole, String unit, long rest, String restUnit) {
    return rest == 0 ? whole + unit : whole + unit + rest + restUnit;
  }
}
