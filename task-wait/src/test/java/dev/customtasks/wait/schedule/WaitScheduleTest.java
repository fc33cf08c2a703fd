package dev.customtasks.wait.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WaitScheduleTest {

  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final String WORKING_MINUTES_MON_THU = "0 0/1 9-15 ? * MON-THU";

  private final WaitSchedule schedule = new WaitSchedule();

  private Deadline deadline(WaitPlan plan, Instant start) {
    return schedule.deadlineFor(plan, start);
  }

  private Instant windowOpening(String cron, ZoneId zone, Instant start, String... blackoutDates) {
    Deadline deadline = deadline(new WaitPlan.Window(cron, zone, dates(blackoutDates)), start);
    assertThat(deadline.scheduledFor()).contains(deadline.fireAt());
    assertThat(deadline.fireAt()).isAfterOrEqualTo(start);
    return deadline.fireAt();
  }

  private static SortedSet<LocalDate> dates(String... isoDates) {
    return Stream.of(isoDates).map(LocalDate::parse).collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
  }

  private static Instant local(String localDateTime, ZoneId zone) {
    return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
  }

  @Nested
  class Durations {

    private final Instant start = Instant.parse("2025-06-16T07:00:00Z");

    @Test
    void zeroFinishesAtStart() {
      assertThat(deadline(new WaitPlan.ForDuration(Duration.ZERO), start))
          .isEqualTo(new Deadline(start, Optional.empty()));
    }

    @Test
    void ninetySecondsFinishesNinetySecondsAfterStart() {
      assertThat(deadline(new WaitPlan.ForDuration(Duration.ofSeconds(90)), start))
          .isEqualTo(new Deadline(Instant.parse("2025-06-16T07:01:30Z"), Optional.empty()));
    }

    @Test
    void isDueFromFireAtOn() {
      Deadline deadline = deadline(new WaitPlan.ForDuration(Duration.ofSeconds(90)), start);
      assertThat(deadline.isDue(Instant.parse("2025-06-16T07:01:29.999Z"))).isFalse();
      assertThat(deadline.isDue(Instant.parse("2025-06-16T07:01:30Z"))).isTrue();
    }
  }

  @Nested
  class Untils {

    private final Instant start = Instant.parse("2025-06-16T07:00:00Z");

    @Test
    void futureInstantFinishesThen() {
      Instant until = Instant.parse("2025-06-17T00:00:00Z");
      assertThat(deadline(new WaitPlan.Until(until), start)).isEqualTo(new Deadline(until, Optional.empty()));
    }

    @Test
    void pastInstantFinishesAtOnce() {
      assertThat(deadline(new WaitPlan.Until(Instant.parse("2020-01-01T00:00:00Z")), start))
          .isEqualTo(new Deadline(start, Optional.empty()));
    }
  }

  @Nested
  class Windows {

    @Test
    void startExactlyOnAMatchFiresAtStart() {
      Instant mondayNineBerlin = Instant.parse("2025-06-16T07:00:00Z");
      assertThat(windowOpening(WORKING_MINUTES_MON_THU, BERLIN, mondayNineBerlin)).isEqualTo(mondayNineBerlin);
    }

    @Test
    void startAFractionPastAMatchWaitsForTheNextMatch() {
      assertThat(windowOpening(WORKING_MINUTES_MON_THU, BERLIN, Instant.parse("2025-06-16T07:00:00.250Z")))
          .isEqualTo(Instant.parse("2025-06-16T07:01:00Z"));
    }

    @Test
    void startAFractionBeforeAMatchFiresAtTheMatch() {
      assertThat(windowOpening(WORKING_MINUTES_MON_THU, BERLIN, Instant.parse("2025-06-16T06:59:59.999Z")))
          .isEqualTo(Instant.parse("2025-06-16T07:00:00Z"));
    }

    @Test
    void fridayEveningInSummerWaitsForMondayNineBerlin() {
      Instant fridayEvening = local("2025-06-13T18:00:00", BERLIN);
      assertThat(windowOpening(WORKING_MINUTES_MON_THU, BERLIN, fridayEvening))
          .isEqualTo(Instant.parse("2025-06-16T07:00:00Z"));
    }

    @Test
    void fridayEveningInWinterWaitsForMondayNineBerlin() {
      Instant fridayEvening = local("2025-01-10T18:00:00", BERLIN);
      assertThat(windowOpening(WORKING_MINUTES_MON_THU, BERLIN, fridayEvening))
          .isEqualTo(Instant.parse("2025-01-13T08:00:00Z"));
    }

    @Test
    void insideTheWindowFiresAtTheNextMinute() {
      assertThat(windowOpening(WORKING_MINUTES_MON_THU, BERLIN, local("2025-06-17T11:42:10", BERLIN)))
          .isEqualTo(local("2025-06-17T11:43:00", BERLIN));
    }

    @Test
    void afterTheLastMatchOfThursdayWaitsForMonday() {
      assertThat(windowOpening(WORKING_MINUTES_MON_THU, BERLIN, local("2025-06-19T15:59:30", BERLIN)))
          .isEqualTo(local("2025-06-23T09:00:00", BERLIN));
    }

    @Test
    void fullHoursWindowWaitsForTheNextFullHour() {
      assertThat(windowOpening("0 0 9-15 ? * MON-THU", BERLIN, local("2025-06-16T09:00:01", BERLIN)))
          .isEqualTo(local("2025-06-16T10:00:00", BERLIN));
    }
  }

  /**
  * Quartz works on local wall-clock time. These tests pin what it does on the days the
  * clock jumps; the property that matters for a wait is that it never fires before the
  * start, never at a local time the user did not write, and at most once per local time.
  */
  @Nested
  class DaylightSavingTime {

    @Test
    void berlinSpringForwardSkipsTheLocalTimeThatDoesNotExist() {
      // 2025-03-30 02:00 CET jumps to 03:00 CEST: 02:30 does not happen that day,
      // so the next 02:30 that exists is Monday's.
      assertThat(windowOpening("0 30 2 * * ?", BERLIN, Instant.parse("2025-03-29T12:00:00Z")))
          .isEqualTo(Instant.parse("2025-03-31T00:30:00Z"));
    }

    @Test
    void berlinSpringForwardEveryHalfHourContinuesAfterTheGap() {
      Instant oneFortyFiveCet = Instant.parse("2025-03-30T00:45:00Z");
      assertThat(windowOpening("0 0/30 * * * ?", BERLIN, oneFortyFiveCet))
          .isEqualTo(Instant.parse("2025-03-30T01:00:00Z"))
          .isEqualTo(local("2025-03-30T03:00:00", BERLIN));
    }

    @Test
    void windowOnlyAtALocalTimeThatNeverExistsNeverOpens() {
      WaitPlan.Window window = new WaitPlan.Window("0 30 2 30 3 ? 2025", BERLIN);
      assertThatThrownBy(() -> deadline(window, Instant.parse("2025-03-01T00:00:00Z")))
          .isInstanceOf(WaitScheduleException.class)
          .hasMessage("window \"0 30 2 30 3 ? 2025\" has no opening after 2025-03-01T00:00:00Z"
              + " in time zone Europe/Berlin: the expression matches no later time");
    }

    @Test
    void berlinFallBackFiresOnceAtTheSecondStandardTimeOccurrence() {
      // 2025-10-26 03:00 CEST falls back to 02:00 CET: 02:30 happens at 00:30Z and at 01:30Z.
      assertThat(windowOpening("0 30 2 * * ?", BERLIN, Instant.parse("2025-10-25T12:00:00Z")))
          .isEqualTo(Instant.parse("2025-10-26T01:30:00Z"));
      assertThat(windowOpening("0 30 2 * * ?", BERLIN, Instant.parse("2025-10-26T01:30:01Z")))
          .isEqualTo(Instant.parse("2025-10-27T01:30:00Z"));
    }

    @Test
    void berlinFallBackFromInsideTheFirstPassWaitsForTheNextLocalTimeInStandardTime() {
      // 02:10 CEST: Quartz takes the next local 02:30 and resolves it to CET, so it fires
      // later than the 02:30 CEST instant, never earlier.
      Instant twoTenCest = Instant.parse("2025-10-26T00:10:00Z");
      assertThat(windowOpening("0 0/30 * * * ?", BERLIN, twoTenCest))
          .isEqualTo(Instant.parse("2025-10-26T01:30:00Z"));
    }

    @Test
    void newYorkSpringForwardSkipsTheLocalTimeThatDoesNotExist() {
      // 2025-03-09 02:00 EST jumps to 03:00 EDT.
      assertThat(windowOpening("0 30 2 * * ?", NEW_YORK, Instant.parse("2025-03-08T12:00:00Z")))
          .isEqualTo(Instant.parse("2025-03-10T06:30:00Z"));
    }

    @Test
    void newYorkFallBackFiresOnceAtTheSecondStandardTimeOccurrence() {
      // 2025-11-02 02:00 EDT falls back to 01:00 EST: 01:30 happens at 05:30Z and at 06:30Z.
      assertThat(windowOpening("0 30 1 * * ?", NEW_YORK, Instant.parse("2025-11-01T12:00:00Z")))
          .isEqualTo(Instant.parse("2025-11-02T06:30:00Z"));
    }
  }

  @Nested
  class BlackoutDates {

    @Test
    void skipsAHoliday() {
      // Friday 2025-10-03 is German Unity Day.
      assertThat(windowOpening("0 0 9 ? * MON-FRI", BERLIN, local("2025-10-02T12:00:00", BERLIN), "2025-10-03"))
          .isEqualTo(local("2025-10-06T09:00:00", BERLIN));
    }

    @Test
    void skipsSeveralConsecutiveDays() {
      assertThat(windowOpening("0 0/1 9-15 ? * MON-FRI", BERLIN, local("2025-12-23T16:00:00", BERLIN),
          "2025-12-24", "2025-12-25", "2025-12-26", "2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01"))
          .isEqualTo(Instant.parse("2026-01-02T08:00:00Z"));
    }

    @Test
    void startOnAMatchOfABlackoutDateWaitsForTheNextDay() {
      assertThat(windowOpening("0 0 9 * * ?", UTC, Instant.parse("2025-06-16T09:00:00Z"), "2025-06-16"))
          .isEqualTo(Instant.parse("2025-06-17T09:00:00Z"));
    }

    @Test
    void blackoutDatesAreLocalDatesInTheWindowsZone() {
      // 01:00 in Auckland on 2 June is still 1 June in UTC; the local date is what counts.
      ZoneId auckland = ZoneId.of("Pacific/Auckland");
      assertThat(windowOpening("0 0 1 * * ?", auckland, Instant.parse("2025-06-01T00:00:00Z"), "2025-06-02"))
          .isEqualTo(Instant.parse("2025-06-02T13:00:00Z"))
          .isEqualTo(local("2025-06-03T01:00:00", auckland));
    }

    @Test
    void blackoutDatesBeforeTheStartDoNotMatter() {
      assertThat(windowOpening("0 0 9 * * ?", UTC, Instant.parse("2025-06-16T10:00:00Z"), "2025-06-01", "2025-06-16"))
          .isEqualTo(Instant.parse("2025-06-17T09:00:00Z"));
    }
  }

  @Nested
  class WindowsThatNeverOpen {

    @Test
    void yearFieldInThePast() {
      WaitPlan.Window window = new WaitPlan.Window("0 0 9 * * ? 2020", UTC);
      assertThatThrownBy(() -> deadline(window, Instant.parse("2025-01-01T00:00:00Z")))
          .isInstanceOf(WaitScheduleException.class)
          .hasMessage("window \"0 0 9 * * ? 2020\" has no opening after 2025-01-01T00:00:00Z"
              + " in time zone UTC: the expression matches no later time")
          .satisfies(e -> assertThat(((WaitScheduleException) e).cron()).isEqualTo("0 0 9 * * ? 2020"));
    }

    @Test
    void nextMatchBeyondTheHorizon() {
      WaitPlan.Window window = new WaitPlan.Window("0 0 9 1 1 ? 2040", UTC);
      assertThatThrownBy(() -> deadline(window, Instant.parse("2025-01-01T00:00:00Z")))
          .isInstanceOf(WaitScheduleException.class)
          .hasMessage("window \"0 0 9 1 1 ? 2040\" has no opening after 2025-01-01T00:00:00Z"
              + " in time zone UTC: its next match, 2040-01-01T09:00:00Z, is more than 10 years away");
    }

    @Test
    void nextMatchJustInsideTheHorizonIsFine() {
      assertThat(windowOpening("0 0 9 29 2 ?", UTC, Instant.parse("2025-01-01T00:00:00Z")))
          .isEqualTo(Instant.parse("2028-02-29T09:00:00Z"));
    }

    @Test
    void everyLaterMatchIsBlackedOut() {
      WaitPlan.Window window = new WaitPlan.Window("0 0 9 25 12 ? 2025-2026", BERLIN, dates("2025-12-25", "2026-12-25"));
      assertThatThrownBy(() -> deadline(window, Instant.parse("2025-01-01T00:00:00Z")))
          .isInstanceOf(WaitScheduleException.class)
          .hasMessage("window \"0 0 9 25 12 ? 2025-2026\" has no opening after 2025-01-01T00:00:00Z"
              + " in time zone Europe/Berlin: every later match falls on a blackout date");
    }

    @Test
    void everyMatchWithinTheHorizonIsBlackedOut() {
      // Leap days: 2028 and 2032 are blacked out, 2036 is more than 10 years away.
      WaitPlan.Window window = new WaitPlan.Window("0 0 9 29 2 ?", UTC, dates("2028-02-29", "2032-02-29"));
      assertThatThrownBy(() -> deadline(window, Instant.parse("2025-01-01T00:00:00Z")))
          .isInstanceOf(WaitScheduleException.class)
          .hasMessage("window \"0 0 9 29 2 ?\" has no opening after 2025-01-01T00:00:00Z"
              + " in time zone UTC: every match within 10 years falls on a blackout date");
    }

    @Test
    void tenYearsOfBlackoutDatesAgainstAnEverySecondCronEndsWithAnError() {
      LocalDate first = LocalDate.parse("2025-01-01");
      SortedSet<LocalDate> everyDay = first.datesUntil(first.plusYears(11))
          .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
      WaitPlan.Window window = new WaitPlan.Window("* * * * * ?", UTC, everyDay);
      assertThatThrownBy(() -> deadline(window, Instant.parse("2025-01-01T00:00:00Z")))
          .isInstanceOf(WaitScheduleException.class)
          .hasMessageEndingWith("every match within 10 years falls on a blackout date");
    }

    @Test
    void aShorterHorizonIsHonoured() {
      WaitPlan.Window window = new WaitPlan.Window("0 0 9 29 2 ?", UTC);
      assertThatThrownBy(() -> new WaitSchedule(3).deadlineFor(window, Instant.parse("2025-01-01T00:00:00Z")))
          .isInstanceOf(WaitScheduleException.class)
          .hasMessageEndingWith("its next match, 2028-02-29T09:00:00Z, is more than 3 years away");
    }
  }
}
