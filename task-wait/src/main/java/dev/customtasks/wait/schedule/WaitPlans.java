package dev.customtasks.wait.schedule;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.quartz.CronExpression;

/**
* Turns the raw text of a {@code Wait}'s parameters into a {@link WaitPlan}. Every problem
* is an {@link InvalidWaitException} naming the parameter and the offending value.
*/
public final class WaitPlans {

  public static final String DURATION = "duration";
  public static final String UNTIL = "until";
  public static final String WINDOW = "window";
  public static final String TIMEZONE = "timezone";
  public static final String EXCLUDE = "exclude";

  /** Time zone of a window when the user names none: Kubernetes timestamps are UTC too. Named "UTC", not the offset "Z", in messages. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

  // RFC 3339 proper: seconds and an offset are required, unlike ISO_OFFSET_DATE_TIME.
  private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .appendLiteral('T')
      .appendValue(ChronoField.HOUR_OF_DAY, 2)
      .appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
      .optionalEnd()
      .appendOffset("+HH:MM", "Z")
      .toFormatter(Locale.ROOT)
      .withChronology(IsoChronology.INSTANCE)
      .withResolverStyle(ResolverStyle.STRICT);

  private WaitPlans() {
  }

  /**
  * @param duration the already parsed duration
  * @param original the text the user wrote, quoted back in the error
  */
  public static WaitPlan.ForDuration forDuration(Duration duration, String original) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new InvalidWaitException(DURATION, "must not be negative, got " + original);
    }
    return new WaitPlan.ForDuration(duration);
  }

  /** @param timestamp an RFC 3339 timestamp such as {@code 2025-06-16T09:00:00+02:00} */
  public static WaitPlan.Until until(String timestamp) {
    return new WaitPlan.Until(parseTimestamp(timestamp));
  }

  /**
  * @param cron     a Quartz cron expression (seconds first, 6 or 7 fields)
  * @param timezone an IANA time zone; {@code null} or blank means {@link #DEFAULT_ZONE}
  * @param exclude  blackout dates as {@code yyyy-MM-dd}; {@code null} means none
  */
  public static WaitPlan.Window window(String cron, String timezone, List<String> exclude) {
    return new WaitPlan.Window(validCron(cron), parseZone(timezone), parseDates(exclude));
  }

  private static String validCron(String cron) {
    if (cron == null || cron.isBlank()) {
      throw new InvalidWaitException(WINDOW, "must not be empty");
    }
    try {
      new CronExpression(cron);
      return cron;
    } catch (ParseException e) {
      throw new InvalidWaitException(WINDOW, "invalid cron expression \"" + cron + "\": " + e.getMessage());
    }
  }

  private static Instant parseTimestamp(String timestamp) {
    if (timestamp == null || timestamp.isBlank()) {
      throw new InvalidWaitException(UNTIL, "must not be empty");
    }
    try {
      return OffsetDateTime.parse(timestamp.strip(), RFC_3339).toInstant();
    } catch (DateTimeException e) {
      throw new InvalidWaitException(UNTIL, "\"" + timestamp + "\" is not an RFC 3339 timestamp");
    }
  }

  private static ZoneId parseZone(String timezone) {
    if (timezone == null || timezone.isBlank()) {
      return DEFAULT_ZONE;
    }
    try {
      return ZoneId.of(timezone.strip());
    } catch (DateTimeException e) {
      throw new InvalidWaitException(TIMEZONE, "unknown time zone \"" + timezone + "\"");
    }
  }

  private static SortedSet<LocalDate> parseDates(List<String> exclude) {
    SortedSet<LocalDate> dates = new TreeSet<>();
    if (exclude == null) {
      return dates;
    }
    for (String text : exclude) {
      dates.add(parseDate(text));
    }
    return dates;
  }

  private static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text == null ? "" : text.strip(), DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (DateTimeException e) {
      throw new InvalidWaitException(EXCLUDE, "\"" + text + "\" is not an ISO date (yyyy-MM-dd)");
    }
  }
}
