package dev.customtasks.concurrency.slots;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * How closely a waiting Lock's message follows its place in line. The runs near the front (those
 * that may take a slot a hand-over frees, and the next {@value #FOLLOWED_BEHIND} behind them) are
 * woken by every change of the key and always say their place as it is. The runs further back would
 * otherwise rewrite their message at every hand-over (with 100 waiting, 99 status writes for each,
 * O(N²) writes for the whole line); they say their place as of the time it was computed and look
 * again every {@link #REFRESH}, each at its own phase of the period, so their writes are spread out
 * and bounded by the line's length over the period, however fast the line moves.
 */
public final class Standing {

  /** How many runs behind those that may take a free slot still follow every change. */
  public static final int FOLLOWED_BEHIND = 4;
  /** How often a run further back says its place again. */
  public static final Duration REFRESH = Duration.ofSeconds(30);

  private static final Pattern AS_OF = Pattern.compile(" \\(as of \\d\\d:\\d\\d:\\d\\d\\)");

  private Standing() {
  }

  /**
   * How many runs at the head of the line follow every change of a key of {@code limit} slots:
   * the first {@code limit} (one of them takes the next free slot) and {@value #FOLLOWED_BEHIND} more.
   */
  public static int followed(int limit) {
    return Math.max(1, limit) + FOLLOWED_BEHIND;
  }

  /** Whether the run at {@code position} (1 = next) of a key of {@code limit} slots follows every change. */
  public static boolean followsEveryChange(int position, int limit) {
    return position <= followed(limit);
  }

  /**
   * When a run further back looks at its place again: the first instant after {@code now} at the
   * run's own phase of {@link #REFRESH} (from its uid), so that a line that arrived together does
   * not refresh together.
   */
  public static Instant nextRefresh(String uid, Instant now) {
    long period = REFRESH.toMillis();
    long phase = Math.floorMod(uid.hashCode(), period);
    long sinceLast = Math.floorMod(now.toEpochMilli() - phase, period);
    return now.plusMillis(period - sinceLast);
  }

  /**
   * The message to show: {@code current} when it says the same place as {@code fresh} (only the
   * time it was computed may differ), so an unchanged place costs no status write; else {@code fresh}.
   */
  public static String keepIfSame(String current, String fresh) {
    if (current != null && AS_OF.matcher(current).replaceAll("").equals(AS_OF.matcher(fresh).replaceAll(""))) {
      return current;
    }
    return fresh;
  }
}
