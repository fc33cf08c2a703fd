package dev.customtasks.wait.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.impl.calendar.HolidayCalendar;

/**
* Decides when a wait is over. Pure: the same plan and start always give the same
* deadline, so a restarted controller recomputes it from the run's recorded start time
* and neither fires early nor twice.
*
* <p>A window ends at the first instant, at or after the start, that the cron expression
* matches in the window's time zone and whose local date is not a blackout date. Cron
* matches are whole seconds; a start with a fraction of a second is already past the
* match at its own second. Daylight-saving changes are Quartz's: a local time that does
* not exist (spring forward) never matches, and a local time that occurs twice (fall back)
* matches once, at its second, standard-time occurrence.
*/
public final class WaitSchedule {

  public static final int DEFAULT_HORIZON_YEARS = 10;

  private final int horizonYears;

  public WaitSchedule() {
    this(DEFAULT_HORIZON_YEARS);
  }

  /** @param horizonYears how far past the start a window's opening may lie before the window counts as never opening */
  public WaitSchedule(int horizonYears) {
    if (horizonYears < 1) {
      throw new IllegalArgumentException("horizonYears must be at least 1, got " + horizonYears);
    }
    this.horizonYears = horizonYears;
  }

  /**
  * @throws WaitScheduleException if {@code plan} is a window with no opening within the horizon
  */
  public Deadline deadlineFor(WaitPlan plan, Instant start) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(start, "start");
    if (plan instanceof WaitPlan.ForDuration forDuration) {
      return Deadline.at(start.plus(forDuration.duration()));
    }
    if (plan instanceof WaitPlan.Until until) {
      return Deadline.at(until.instant().isBefore(start) ? start : until.instant());
    }
    if (plan instanceof WaitPlan.Window window) {
      return Deadline.windowOpening(nextOpening(window, start));
    }
    throw new IllegalStateException("unknown wait plan " + plan.getClass().getName());
  }

  private Instant nextOpening(WaitPlan.Window window, Instant start) {
    CronExpression cron = cronIn(window);
    HolidayCalendar blackouts = blackoutsIn(window);
    Instant horizon = start.atZone(window.zone()).plusYears(horizonYears).toInstant();

    Instant searchFrom = ceilToSecond(start);
    int blackedOutMatches = 0;
    // Every blacked-out match moves the search past at least one blackout date, so
    // this loop ends after at most (number of blackout dates + 1) turns.
    for (int turn = 0; turn <= window.blackoutDates().size(); turn++) {
      Date match = firstMatchAtOrAfter(cron, searchFrom);
      if (match == null) {
        throw new WaitScheduleException(window, start, blackedOutMatches == 0
            ? "the expression matches no later time"
            : "every later match falls on a blackout date");
      }
      Instant opening = match.toInstant();
      if (opening.isAfter(horizon)) {
        throw new WaitScheduleException(window, start, blackedOutMatches == 0
            ? "its next match, " + opening + ", is more than " + horizonYears + " years away"
            : "every match within " + horizonYears + " years falls on a blackout date");
      }
      if (blackouts.isTimeIncluded(match.getTime())) {
        return opening;
      }
      blackedOutMatches++;
      searchFrom = Instant.ofEpochMilli(blackouts.getNextIncludedTime(match.getTime()));
    }
    throw new IllegalStateException("blackout search did not converge for window \"" + window.cron() + "\"");
  }

  /** Quartz's getTimeAfter is strictly after a whole second, so ask from the second before. */
  private static Date firstMatchAtOrAfter(CronExpression cron, Instant wholeSecond) {
    return cron.getTimeAfter(Date.from(wholeSecond.minusSeconds(1)));
  }

  private static Instant ceilToSecond(Instant instant) {
    Instant floor = instant.truncatedTo(ChronoUnit.SECONDS);
    return floor.equals(instant) ? floor : floor.plusSeconds(1);
  }

  // CronExpression and HolidayCalendar are mutable and not thread-safe: build them per call.
  private static CronExpression cronIn(WaitPlan.Window window) {
    try {
      CronExpression cron = new CronExpression(window.cron());
      cron.setTimeZone(TimeZone.getTimeZone(window.zone()));
      return cron;
    } catch (ParseException e) {
      // Window's constructor already validated the expression.
      throw new IllegalStateException("invalid cron expression \"" + window.cron() + "\"", e);
    }
  }

  private static HolidayCalendar blackoutsIn(WaitPlan.Window window) {
    HolidayCalendar calendar = new HolidayCalendar();
    // The zone must be set before adding dates: Quartz truncates each to its start of day in that zone.
    calendar.setTimeZone(TimeZone.getTimeZone(window.zone()));
    for (LocalDate date : window.blackoutDates()) {
      calendar.addExcludedDate(Date.from(date.atStartOfDay(window.zone()).toInstant()));
    }
    return calendar;
  }
}
