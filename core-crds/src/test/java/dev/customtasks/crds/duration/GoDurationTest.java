package dev.customtasks.crds.duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "1h0m0s, PT1H",
      "1.5s, PT1.5S",
      "300ms, PT0.3S",
      "2h45m, PT2H45M",
      "0, PT0S",
      "1µs, PT0.000001S",
      "1us, PT0.000001S",
      "90s, PT1M30S",
      "1h30m0.5s, PT1H30M0.5S",
      "+5m, PT5M",
      ".5h, PT30M"})
  void parsesWhatGoParses(String text, Duration expected) {
    assertThat(GoDuration.parse(text)).isEqualTo(expected);
  }

  @Test
  void rejectsANegativeDuration() {
    assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("-1s"))
        .withMessage("negative duration \"-1s\" is not allowed");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource({"abc", "10", "1x", "1h 30m", "h"})
  void rejectsMalformedText(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse(text))
        .withMessageStartingWith("invalid duration \"" + text + "\"")
        .withMessageContaining("units ns, us, ms, s, m, h");
  }

  @Test
  void rejectsEmptyText() {
    assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse(""))
        .withMessageStartingWith("empty duration");
    assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse(null))
        .withMessageStartingWith("empty duration");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "PT1H, 1h0m0s",
      "PT1.5S, 1.5s",
      "PT0.3S, 300ms",
      "PT0S, 0s",
      "PT1M30S, 1m30s",
      "PT2H45M, 2h45m0s",
      "PT0.000001S, 1µs",
      "PT0.000000001S, 1ns",
      "PT24H, 24h0m0s"})
  void formatsAsGoPrintsIt(Duration duration, String expected) {
    assertThat(GoDuration.format(duration)).isEqualTo(expected);
    assertThat(GoDuration.parse(expected)).isEqualTo(duration);
  }
}
