package dev.customtasks.wait.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.quartz.CronExpression;

/**
* What a user asked a {@code Wait} to wait for. Exactly one form is used per run.
*
* <p>The records only guard their own invariants with {@link IllegalArgumentException};
* user input goes through {@link WaitPlans}, which reports problems by parameter name.
*/
public sealed interface WaitPlan {

  /** Finish {@code duration} after the run started. */
  record ForDuration(Duration duration) implements WaitPlan {
    public ForDuration {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("duration must not be negative, got " + duration);
      }
    }
  }

  /** Finish at {@code instant}; an instant before the start finishes at once. */
  record Until(Instant instant) implements WaitPlan {
    public Until {
      Objects.requireNonNull(instant, "instant");
    }
  }

  /**
  * Finish at the next opening of a Quartz cron window, evaluated in {@code zone}, on a
  * local date that is not one of {@code blackoutDates}.
  */
  record Window(String cron, ZoneId zone, SortedSet<LocalDate> blackoutDates) implements WaitPlan {
    public Window {
      Objects.requireNonNull(cron, "cron");
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(blackoutDates, "blackoutDates");
      if (!CronExpression.isValidExpression(cron)) {
        throw new IllegalArgumentException("invalid cron expression \"" + cron + "\"");
      }
      // Copy into natural order so a caller's comparator or later mutation cannot leak in.
      TreeSet<LocalDate> copy = new TreeSet<>();
      copy.addAll(blackoutDates);
      blackoutDates = Collections.unmodifiableSortedSet(copy);
    }

    public Window(String cron, ZoneId zone) {
      this(cron, zone, Collections.emptySortedSet());
    }
  }
}
