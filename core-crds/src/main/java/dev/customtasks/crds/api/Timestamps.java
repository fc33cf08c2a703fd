package dev.customtasks.crds.api;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;

/**
 * RFC 3339 timestamps as stored in run status. We write milliseconds because the gaps between
 * pipeline tasks are measured from these fields; Go's {@code metav1.Time} reads fractional seconds.
 */
public final class Timestamps {

  private static final DateTimeFormatter MILLIS = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private Timestamps() {
  }

  public static String format(Instant instant) {
    return MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Parses RFC 3339 (any offset, optional fraction); null stays null. */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
  }

  /** Parses RFC 3339 where a malformed or missing value is simply absent (objects others wrote). */
  public static java.util.Optional<Instant> tryParse(String text) {
    try {
      return java.util.Optional.ofNullable(parse(text));
    } catch (java.time.format.DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }
}
