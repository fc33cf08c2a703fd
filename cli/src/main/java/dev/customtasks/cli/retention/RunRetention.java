package dev.customtasks.cli.retention;

import dev.customtasks.crds.duration.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * How long finished runs stay on the embedded server: {@code forever}, or a duration after their
 * completion. Only top-level runs are counted; a run's children go with it, as the garbage
 * collector deletes dependents of a deleted owner.
 */
public record RunRetention(Optional<Duration> keep) {

  public static final String FOREVER = "forever";

  /** A run as retention sees it. */
  public record StoredRun(String kind, String namespace, String name, boolean owned, Optional<Instant> completion) {
  }

  /** Reads {@code forever} or a Go duration such as {@code 24h} or {@code 90m}. */
  public static RunRetention parse(String text) {
    if (FOREVER.equals(text)) {
      return new RunRetention(Optional.empty());
    }
    try {
      return new RunRetention(Optional.of(GoDuration.parse(text)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + ", or '" + FOREVER + "'", e);
    }
  }

  /** Top-level runs that finished longer than the retention before {@code now}. */
  public List<StoredRun> due(Collection<StoredRun> runs, Instant now) {
    if (keep.isEmpty()) {
      return List.of();
    }
    Instant cutoff = now.minus(keep.get());
    return runs.stream()
        .filter(run -> !run.owned())
        .filter(run -> run.completion().map(done -> done.isBefore(cutoff)).orElse(false))
        .toList();
  }

  /** For the banner: "finished runs deleted 24h0m0s after they finish", or "... kept until ctk stops". */
  public String describe() {
    return "finished runs " + keep.map(k -> "deleted " + GoDuration.format(k) + " after they finish")
        .orElse("kept until ctk stops");
  }
}
