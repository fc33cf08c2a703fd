package dev.customtasks.e2e.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The values {@code -De2e.cluster} accepts. */
public enum TargetChoice {
  EMBEDDED,
  KIND,
  KUBECONFIG,
  /** The embedded API server in another process, through its kubeconfig ({@link ServeTarget}). */
  SERVE;

  /** The spelling on the command line. */
  public String propertyValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Blank means the default, {@code embedded}; anything unknown is an error naming what is allowed. */
  public static TargetChoice parse(String value) {
    if (value == null || value.isBlank()) {
      return EMBEDDED;
    }
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(c -> c.propertyValue().equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown " + ClusterTargets.CLUSTER_PROPERTY + "=\"" + value
            + "\"; allowed values are " + allowedValues() + " (default " + EMBEDDED.propertyValue() + ")"));
  }

  static String allowedValues() {
    return Arrays.stream(values()).map(TargetChoice::propertyValue).collect(Collectors.joining(", "));
  }
}
