package dev.customtasks.loop.plan;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One started iteration as the planner sees it.
 *
 * @param number 1 for the first iteration
 * @param phase where its child stands
 * @param completedAt when its child ended; null while it runs (or when the child did not say)
 * @param results its child's results once it succeeded (name to string value); empty otherwise
 */
public record Iteration(int number, Phase phase, Instant completedAt, Map<String, String> results) {

  /** Where an iteration's child stands. */
  public enum Phase {
    /** Created, not started by its controller yet (or not seen in the cache yet). */
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isDone() {
      return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
  }

  public Iteration {
    Objects.requireNonNull(phase, "phase");
    // Kept in the child's order: results are reported in it.
    results = results == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(results));
  }

  public static Iteration running(int number) {
    return new Iteration(number, Phase.RUNNING, null, Map.of());
  }

  public static Iteration succeeded(int number, Instant at, Map<String, String> results) {
    return new Iteration(number, Phase.SUCCEEDED, at, results);
  }

  public static Iteration failed(int number, Instant at) {
    return new Iteration(number, Phase.FAILED, at, Map.of());
  }

  public boolean isDone() {
    return phase.isDone();
  }

  public boolean isFailed() {
    return phase == Phase.FAILED || phase == Phase.CANCELLED;
  }
}
