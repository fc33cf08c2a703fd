package dev.customtasks.e2e.bench;

import dev.customtasks.e2e.cluster.ClusterTarget;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * CPU time used between two readings, by this JVM and by the API server's process where it has
 * one of its own ({@link ClusterTarget#serverProcessCpu}), and what it means for a closed loop of
 * chains: with {@code n} chains each waiting on its previous task, and the CPU the bound, each
 * task's turn takes at least {@code n × cpu per task ÷ cores} (Little's law: n in flight, at most
 * cores ÷ cpu-per-task completed per second).
 */
final class CpuUse {

  private final ClusterTarget target;
  private final long jvmStart;
  private final Optional<Duration> serverStart;

  private CpuUse(ClusterTarget target) {
    this.target = target;
    this.jvmStart = jvmCpuNanos();
    this.serverStart = target.serverProcessCpu();
  }

  /** Starts counting now. */
  static CpuUse from(ClusterTarget target) {
    return new CpuUse(target);
  }

  /** CPU since the start: this JVM's and the server process's (empty where it has none), in ns. */
  Spent spent() {
    long jvm = jvmCpuNanos() - jvmStart;
    Optional<Long> server = serverStart.flatMap(start -> target.serverProcessCpu().map(now -> now.minus(start).toNanos()));
    return new Spent(jvm, server);
  }

  /** CPU spent: {@code jvmNanos} by this JVM, {@code serverNanos} by the API server's process where known. */
  record Spent(long jvmNanos, Optional<Long> serverNanos) {

    long totalNanos() {
      return jvmNanos + serverNanos.orElse(0L);
    }

    /** How busy {@code cores} were over {@code seconds} of wall time, as a share (1.0 = every core all the time). */
    double busy(double seconds, int cores) {
      return totalNanos() / 1e9 / (seconds * cores);
    }

    /**
     * The figure for the report: CPU per task, split by process, and the turn per task that the
     * CPU alone forces on {@code chains} chains in flight on {@code cores} cores, against
     * {@code measuredTurnMs}.
     */
    String perTask(int tasks, int chains, int cores, String jvmHolds, double measuredTurnMs) {
      double jvmMs = jvmNanos / 1e6 / tasks;
      double totalMs = totalNanos() / 1e6 / tasks;
      String split = serverNanos.map(s -> String.format(Locale.ROOT,
          "%.1f ms: %.1f in this JVM (%s), %.1f in the API server's process", totalMs, jvmMs, jvmHolds, s / 1e6 / tasks))
          .orElse(String.format(Locale.ROOT, "%.1f ms in this JVM (%s)", jvmMs, jvmHolds));
      return String.format(Locale.ROOT, "%s; so with %d chains in flight on %d cores each task's turn takes at least "
          + "%d x %.1f / %d = %.0f ms (Little's law); measured: %.0f ms (each chain's time over its tasks)",
          split, chains, cores, chains, totalMs, cores, chains * totalMs / cores, measuredTurnMs);
    }
  }

  private static long jvmCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
