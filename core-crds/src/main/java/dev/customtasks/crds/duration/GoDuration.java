package dev.customtasks.crds.duration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.Duration} text form, as Tekton writes {@code spec.timeout} ({@code 1h0m0s},
 * {@code 1.5s}, {@code 300ms}). Parsing accepts what {@code time.ParseDuration} accepts for
 * non-negative values; formatting produces exactly what Go's {@code Duration.String()} prints, so a
 * value read and written back is unchanged.
 */
public final class GoDuration {

  // Possessive quantifiers: a long run of digits with no unit must fail in linear time, not backtrack.
  private static final Pattern COMPONENT = Pattern.compile("(\\d++(?:\\.\\d*+)?+|\\.\\d++)(ns|us|µs|μs|ms|s|m|h)");
  /** Far longer than any real duration ("2562047h47m16.854775807s" is Go's largest). */
  private static final int MAX_LENGTH = 64;
  private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
      "ns", 1L,
      "us", 1_000L,
      "µs", 1_000L,
      "μs", 1_000L,
      "ms", 1_000_000L,
      "s", 1_000_000_000L,
      "m", 60_000_000_000L,
      "h", 3_600_000_000_000L);

  private GoDuration() {
  }

  /**
   * Parses a Go duration string.
   *
   * @throws IllegalArgumentException naming the text and the problem, for a negative, empty or
   *     malformed value
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration; expected a Go duration such as 90s, 1h30m or 300ms");
    }
    String s = text.strip();
    if (s.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("invalid duration \"" + s.substring(0, 20) + "...\" (" + s.length()
          + " characters); expected a Go duration such as 90s, 1h30m or 300ms");
    }
    if (s.startsWith("-")) {
      throw new IllegalArgumentException("negative duration \"" + text + "\" is not allowed");
    }
    if (s.startsWith("+")) {
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = COMPONENT.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int position = 0;
    while (position < s.length()) {
      if (!m.find(position) || m.start() != position) {
        throw new IllegalArgumentException("invalid duration \"" + text
            + "\"; expected a Go duration such as 90s, 1h30m or 300ms (units ns, us, ms, s, m, h)");
      }
      BigDecimal amount = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
      nanos = nanos.add(amount.multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(m.group(2)))));
      position = m.end();
    }
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("duration \"" + text + "\" is too large");
    }
    return Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
  }

  /**
   * A run's {@code spec.timeout}: empty when unset, blank or zero (Tekton treats 0 as "no timeout").
   *
   * @throws IllegalArgumentException as {@link #parse} for a malformed value
   */
  public static Optional<Duration> timeout(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    Duration timeout = parse(text);
    return timeout.isZero() ? Optional.empty() : Optional.of(timeout);
  }

  /** Formats like Go's {@code Duration.String()}: {@code 1h0m0s}, {@code 1.5s}, {@code 300ms}, {@code 0s}. */
  public static String format(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long abs = Math.abs(nanos);
    if (abs < 1_000_000_000L) {
      if (abs < 1_000L) {
        return sign + abs + "ns";
      }
      if (abs < 1_000_000L) {
        return sign + fraction(abs, 1_000L) + "µs";
      }
      return sign + fraction(abs, 1_000_000L) + "ms";
    }
    long hours = abs / 3_600_000_000_000L;
    long rest = abs % 3_600_000_000_000L;
    long minutes = rest / 60_000_000_000L;
    rest = rest % 60_000_000_000L;
    String seconds = fraction(rest, 1_000_000_000L) + "s";
    if (hours > 0) {
      return sign + hours + "h" + minutes + "m" + seconds;
    }
    if (minutes > 0) {
      return sign + minutes + "m" + seconds;
    }
    return sign + seconds;
  }

  private static String fraction(long value, long unit) {
    return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
  }
}
