package dev.customtasks.e2e.bench;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Used heap after full collections, in MiB. A reading is taken only once it has held still for
 * {@value #STILL_READINGS} one-second readings in a row: the embedded API server drains its log of
 * served requests every 5 s, so a reading right after a burst of writes would count that log too.
 */
public final class HeapGauge {

  public static final long MIB = 1024 * 1024;
  private static final int STILL_READINGS = 7;
  private static final double STILL_WITHIN_MIB = 2.0;
  private static final int MAX_READINGS = 60;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  /**
   * Settled used heap after GC, in MiB (after {@value #MAX_READINGS} readings, the lowest of the last
   * ones). Bounded by the number of readings: with a few hundred MiB live on a busy machine, one
   * reading's collections can take seconds.
   */
  public double settledUsedMiB() {
    List<Double> readings = new ArrayList<>();
    await().atMost(Duration.ofMinutes(MAX_READINGS / 2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          readings.add(usedAfterGcMiB());
          return readings.size() >= MAX_READINGS || spanOfLast(readings) < STILL_WITHIN_MIB;
        });
    return last(readings).stream().min(Double::compare).orElseThrow();
  }

  /** Used heap right after a few full collections. */
  public double usedAfterGcMiB() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed() / (double) MIB;
  }

  private static double spanOfLast(List<Double> readings) {
    if (readings.size() < STILL_READINGS) {
      return Double.MAX_VALUE;
    }
    List<Double> last = last(readings);
    return last.stream().max(Double::compare).orElseThrow() - last.stream().min(Double::compare).orElseThrow();
  }

  private static List<Double> last(List<Double> readings) {
    return readings.subList(Math.max(0, readings.size() - STILL_READINGS), readings.size());
  }
}
