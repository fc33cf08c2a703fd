package dev.customtasks.concurrency.slots;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which waiting runs follow every change of their key, and when the others look again. */
class StandingTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:41:00Z");

  @Test
  void theRunsThatMayTakeASlotAndFourBehindThemFollowEveryChange() {
    assertThat(Standing.followed(1)).isEqualTo(5);
    assertThat(Standing.followed(3)).isEqualTo(7);
    assertThat(Standing.followsEveryChange(5, 1)).isTrue();
    assertThat(Standing.followsEveryChange(6, 1)).isFalse();
    assertThat(Standing.followsEveryChange(7, 3)).isTrue();
  }

  @Test
  void aRunFurtherBackLooksAgainWithinOnePeriodAtItsOwnPhase() {
    Instant next = Standing.nextRefresh("uid-a", T0);
    assertThat(next).isAfter(T0).isBeforeOrEqualTo(T0.plus(Standing.REFRESH));
    assertThat(Standing.nextRefresh("uid-a", next)).isEqualTo(next.plus(Standing.REFRESH));
    assertThat(Standing.nextRefresh("uid-a", next.minusMillis(1))).isEqualTo(next);
  }

  @Test
  void aLineThatArrivedTogetherDoesNotLookAgainTogether() {
    List<Instant> refreshes = IntStream.range(0, 100).mapToObj(i -> Standing.nextRefresh("uid-" + i, T0)).toList();
    long inOneSecond = refreshes.stream().filter(t -> t.isBefore(T0.plus(Duration.ofSeconds(1)))).count();
    assertThat(refreshes.stream().distinct().count()).isGreaterThan(90);
    assertThat(inOneSecond).as("about 100/30 in any second").isLessThan(15);
  }

  @Test
  void anUnchangedPlaceKeepsItsMessageAndTheTimeItWasComputed() {
    String before = "waiting for k: position 57 of 99 (as of 10:41:07), held by pr-1 (since 10:41)";
    assertThat(Standing.keepIfSame(before,
        "waiting for k: position 57 of 99 (as of 10:41:37), held by pr-1 (since 10:41)")).isEqualTo(before);
    String moved = "waiting for k: position 56 of 99 (as of 10:41:37), held by pr-1 (since 10:41)";
    assertThat(Standing.keepIfSame(before, moved)).isEqualTo(moved);
    assertThat(Standing.keepIfSame(null, moved)).isEqualTo(moved);
    assertThat(Standing.keepIfSame("waiting for k: position 6 of 9, held by pr-1 (since 10:41)",
        "waiting for k: position 6 of 9 (as of 10:41:37), held by pr-1 (since 10:41)"))
        .isEqualTo("waiting for k: position 6 of 9, held by pr-1 (since 10:41)");
  }

  @Test
  void aMessageFurtherBackSaysWhenItWasComputed() {
    assertThat(Messages.waiting("k", 57, 99, List.of(), Scope.NAMESPACE, T0.plusSeconds(7)))
        .isEqualTo("waiting for k: position 57 of 99 (as of 10:41:07), not held yet");
  }
}
