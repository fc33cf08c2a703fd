package dev.customtasks.wait.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WaitPlansTest {

  @Test
  void durationIsKept() {
    assertThat(WaitPlans.forDuration(Duration.ofSeconds(90), "1m30s"))
        .isEqualTo(new WaitPlan.ForDuration(Duration.ofSeconds(90)));
  }

  @Test
  void negativeDurationIsRejectedQuotingWhatTheUserWrote() {
    assertThatThrownBy(() -> WaitPlans.forDuration(Duration.ofSeconds(-1), "-1s"))
        .isInstanceOf(InvalidWaitException.class)
        .hasMessage("param \"duration\": must not be negative, got -1s")
        .satisfies(e -> assertThat(((InvalidWaitException) e).field()).isEqualTo("duration"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-06-16T09:00:00+02:00", "2025-06-16T07:00:00Z", "2025-06-16t07:00:00z",
      "2025-06-16T07:00:00.000Z"})
  void untilAcceptsRfc3339(String timestamp) {
    assertThat(WaitPlans.until(timestamp)).isEqualTo(new WaitPlan.Until(Instant.parse("2025-06-16T07:00:00Z")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tomorrow", "2025-06-16T07:00:00", "2025-06-16 07:00:00Z", "2025-06-16T07:00Z",
      "2025-02-30T07:00:00Z", "2025-06-16"})
  void untilRejectsWhatIsNotRfc3339(String timestamp) {
    assertThatThrownBy(() -> WaitPlans.until(timestamp))
        .isInstanceOf(InvalidWaitException.class)
        .hasMessage("param \"until\": \"" + timestamp + "\" is not an RFC 3339 timestamp");
  }

  @Test
  void windowWithZoneAndBlackoutDates() {
    WaitPlan.Window window = WaitPlans.window("0 0 9-15 ? * MON-THU", "Europe/Berlin",
        List.of("2025-12-26", " 2025-12-25 ", "2025-12-25"));
    assertThat(window.cron()).isEqualTo("0 0 9-15 ? * MON-THU");
    assertThat(window.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(window.blackoutDates()).containsExactly(LocalDate.parse("2025-12-25"), LocalDate.parse("2025-12-26"));
  }

  @Test
  void windowDefaultsToUtcAndNoBlackoutDates() {
    WaitPlan.Window window = WaitPlans.window("0 0 9 * * ?", " ", null);
    assertThat(window.zone()).as("named UTC in messages, not Z").hasToString("UTC");
    assertThat(window.blackoutDates()).isEmpty();
  }

  @Test
  void invalidCronQuotesQuartzsReason() {
    assertThatThrownBy(() -> WaitPlans.window("0 0 25 * * ?", "UTC", List.of()))
        .isInstanceOf(InvalidWaitException.class)
        .hasMessage("param \"window\": invalid cron expression \"0 0 25 * * ?\": Hour values must be between 0 and 23");
  }

  @Test
  void fiveFieldUnixCronIsRejected() {
    assertThatThrownBy(() -> WaitPlans.window("0 9 * * 1-4", "UTC", List.of()))
        .isInstanceOf(InvalidWaitException.class)
        .hasMessageStartingWith("param \"window\": invalid cron expression \"0 9 * * 1-4\": ");
  }

  @Test
  void emptyCronIsRejected() {
    assertThatThrownBy(() -> WaitPlans.window("", "UTC", List.of()))
        .isInstanceOf(InvalidWaitException.class)
        .hasMessage("param \"window\": must not be empty");
  }

  @Test
  void unknownTimeZoneIsRejected() {
    assertThatThrownBy(() -> WaitPlans.window("0 0 9 * * ?", "Europe/Berln", List.of()))
        .isInstanceOf(InvalidWaitException.class)
        .hasMessage("param \"timezone\": unknown time zone \"Europe/Berln\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-13-01", "2024-02-30", "24-01-01", "01.02.2024", "2024-1-1"})
  void excludedDateNotInIsoFormIsRejected(String date) {
    assertThatThrownBy(() -> WaitPlans.window("0 0 9 * * ?", "UTC", List.of("2024-12-25", date)))
        .isInstanceOf(InvalidWaitException.class)
        .hasMessage("param \"exclude\": \"" + date + "\" is not an ISO date (yyyy-MM-dd)");
  }

  @Test
  void missingExcludedDateIsRejected() {
    assertThatThrownBy(() -> WaitPlans.window("0 0 9 * * ?", "UTC", Arrays.asList("2024-12-25", null)))
        .isInstanceOf(InvalidWaitException.class)
        .hasMessage("param \"exclude\": \"null\" is not an ISO date (yyyy-MM-dd)");
  }
}
