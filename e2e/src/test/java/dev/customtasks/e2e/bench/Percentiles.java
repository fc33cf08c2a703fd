package dev.customtasks.e2e.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** p50, p99 and max of a sample of milliseconds, by the nearest-rank method (no interpolation). */
public record Percentiles(int count, double p50, double p99, double max) {

  public static Percentiles of(Collection<Double> millis) {
    if (millis.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Double> sorted = new ArrayList<>(millis);
    sorted.sort(Double::compare);
    return new Percentiles(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99), sorted.get(sorted.size() - 1));
  }

  /** The smallest sample with at least {@code fraction} of all samples at or below it. */
  private static double rank(List<Double> sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  /** e.g. {@code p50 7 ms, p99 16 ms, max 21 ms (n=900)}. */
  public String describe() {
    return String.format(Locale.ROOT, "p50 %s ms, p99 %s ms, max %s ms (n=%d)", ms(p50), ms(p99), ms(max), count);
  }

  static String ms(double millis) {
    return Math.abs(millis) >= 100 ? String.format(Locale.ROOT, "%.0f", millis)
        : String.format(Locale.ROOT, "%.1f", millis);
  }
}
