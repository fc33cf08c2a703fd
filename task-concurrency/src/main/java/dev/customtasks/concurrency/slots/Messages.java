package dev.customtasks.concurrency.slots;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** The words a waiting Lock shows in its {@code Running} message. */
public final class Messages {

  private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private Messages() {
  }

  /**
   * {@code waiting for deploy-prod: position 2 of 3, held by release-7f2k (since 10:41)}: times in
   * UTC, holders in the order they got their slot, their PipelineRun (or the Lock run when
   * standalone), with its namespace for a cluster key ({@code held by team-a/release-7f2k}).
   */
  public static String waiting(String key, int position, int of, List<Entry> holders, Scope scope) {
    return "waiting for " + key + ": position " + position + " of " + of + ", " + heldBy(holders, scope);
  }

  /**
   * The same, for a run further back in line whose message is not rewritten at every change
   * ({@link Standing}): {@code waiting for deploy-prod: position 57 of 99 (as of 10:41:07), held by
   * release-7f2k (since 10:41)}.
   */
  public static String waiting(String key, int position, int of, List<Entry> holders, Scope scope, Instant asOf) {
    return "waiting for " + key + ": position " + position + " of " + of + " (as of " + TIME.format(asOf) + "), "
        + heldBy(holders, scope);
  }

  /** {@code held by a (since 10:41), b (since 10:43)}, or why nobody does; {@code team-a/a} for a cluster key. */
  public static String heldBy(List<Entry> holders, Scope scope) {
    if (holders.isEmpty()) {
      return "not held yet";
    }
    return "held by " + holders.stream().map(h -> h.who(scope) + " (since " + hourMinute(h.since()) + ")")
        .collect(Collectors.joining(", "));
  }

  public static String hourMinute(Instant instant) {
    return HOUR_MINUTE.format(instant);
  }
}
