package dev.customtasks.concurrency.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.concurrency.slots.KeySlots.Arrival;
import dev.customtasks.concurrency.slots.KeySlots.Claim;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeySlotsTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:41:00Z");

  /** A Lock of PipelineRun {@code pr}, its CustomRun created {@code second}s after T0. */
  static Entry lock(String pr, int second) {
    return new Entry("ns", pr + "-take", "uid-" + pr, pr, T0.plusSeconds(second), T0.plusSeconds(second));
  }

  static KeySlots arriveAll(KeySlots slots, int limit, OnNewer onNewer, Entry... runs) {
    for (Entry run : runs) {
      slots = slots.arrive(run, limit, onNewer).slots();
    }
    return slots;
  }

  static KeySlots claim(KeySlots slots, Entry run) {
    return slots.claim(run.uid(), T0.plusSeconds(100)).slots();
  }

  static List<String> names(List<Entry> entries) {
    return entries.stream().map(Entry::who).toList();
  }

  static Stream<Arguments> arrivalOrders() {
    return Stream.of(
        Arguments.of("in creation order", List.of(lock("a", 1), lock("b", 2), lock("c", 3)), List.of("a", "b", "c")),
        Arguments.of("arriving out of creation order", List.of(lock("c", 3), lock("a", 1), lock("b", 2)),
            List.of("a", "b", "c")),
        Arguments.of("same second: by name", List.of(lock("pr-2", 5), lock("pr-10", 5), lock("pr-1", 5)),
            List.of("pr-1", "pr-10", "pr-2")),
        Arguments.of("the same run twice", List.of(lock("a", 1), lock("a", 1)), List.of("a")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrivalOrders")
  void theQueueIsFirstComeFirstServedByCreationThenName(String why, List<Entry> arrivals, List<String> order) {
    KeySlots slots = arriveAll(KeySlots.empty(1), 1, OnNewer.QUEUE, arrivals.toArray(Entry[]::new));

    assertThat(names(slots.queue())).containsExactlyElementsOf(order);
  }

  @Test
  void anEarlierArrivalNotYetInLineKeepsTheFreeSlotFromALaterOne() {
    Entry later = lock("pr-b", 5);
    Entry earlier = lock("pr-a", 5);
    KeySlots slots = arriveAll(KeySlots.empty(1), 1, OnNewer.QUEUE, later);

    assertThat(slots.claim(later.uid(), T0.plusSeconds(6), List.of(earlier, later)))
        .isInstanceOfSatisfying(Claim.Waiting.class, w -> {
          assertThat(w.position()).isEqualTo(2);
          assertThat(w.of()).isEqualTo(2);
        });
    assertThat(slots.claim(later.uid(), T0.plusSeconds(6), List.of(lock("pr-c", 7))))
        .as("a later arrival not in line yet is no reason to wait").isInstanceOf(Claim.Granted.class);

    slots = arriveAll(slots, 1, OnNewer.QUEUE, earlier);
    assertThat(slots.claim(later.uid(), T0.plusSeconds(6), List.of(earlier, later))).isInstanceOf(Claim.Waiting.class);
    assertThat(slots.claim(earlier.uid(), T0.plusSeconds(6), List.of(earlier, later)))
        .isInstanceOf(Claim.Granted.class);
  }

  @Test
  void onlyTheFirstInLineTakesAFreeSlot() {
    KeySlots slots = arriveAll(KeySlots.empty(1), 1, OnNewer.QUEUE, lock("a", 1), lock("b", 2));

    Claim second = slots.claim("uid-b", T0.plusSeconds(10));
    Claim first = slots.claim("uid-a", T0.plusSeconds(10));

    assertThat(second).isEqualTo(new Claim.Waiting(slots, 2, 2));
    assertThat(first).isInstanceOf(Claim.Granted.class);
    assertThat(((Claim.Granted) first).entry().since()).isEqualTo(T0.plusSeconds(10));
    assertThat(names(first.slots().holders())).containsExactly("a");
    assertThat(names(first.slots().queue())).containsExactly("b");
    assertThat(first.slots().claim("uid-a", T0.plusSeconds(20))).isInstanceOf(Claim.Holds.class);
    assertThat(first.slots().claim("uid-b", T0.plusSeconds(20))).isEqualTo(new Claim.Waiting(first.slots(), 1, 1));
    assertThat(first.slots().claim("uid-x", T0)).isInstanceOf(Claim.Absent.class);
  }

  static Stream<Arguments> limits() {
    // limit, runs queued, how many hold after every run claimed once in order
    return Stream.of(
        Arguments.of(1, 5, 1),
        Arguments.of(3, 5, 3),
        Arguments.of(3, 2, 2),
        Arguments.of(10, 10, 10));
  }

  @ParameterizedTest(name = "limit {0}, {1} runs: {2} hold")
  @MethodSource("limits")
  void neverMoreHoldersThanTheLimit(int limit, int runs, int holding) {
    List<Entry> all = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      all.add(lock("pr-" + i, i));
    }
    KeySlots slots = arriveAll(KeySlots.empty(limit), limit, OnNewer.QUEUE, all.toArray(Entry[]::new));
    // Claims in reverse order too: a run further back never takes a slot meant for one ahead.
    for (int pass = 0; pass < 2; pass++) {
      for (int i = runs - 1; i >= 0; i--) {
        slots = claim(slots, all.get(i));
      }
    }

    assertThat(slots.holders()).hasSize(holding);
    assertThat(names(slots.holders())).containsExactlyInAnyOrderElementsOf(
        all.subList(0, holding).stream().map(Entry::who).toList());
    assertThat(slots.queue()).hasSize(runs - holding);
  }

  static Stream<Arguments> limitChanges() {
    // limit at first, holders then, new limit, free slots after
    return Stream.of(
        Arguments.of(3, 3, 1, 0),
        Arguments.of(3, 2, 1, 0),
        Arguments.of(1, 1, 3, 2),
        Arguments.of(2, 1, 2, 1));
  }

  @ParameterizedTest(name = "limit {0} with {1} holding, then limit {2}: {3} free")
  @MethodSource("limitChanges")
  void theLatestLimitWinsAndALoweredOneLetsHoldersFinish(int first, int holding, int latest, int free) {
    KeySlots slots = KeySlots.empty(first);
    for (int i = 0; i < holding; i++) {
      slots = claim(arriveAll(slots, first, OnNewer.QUEUE, lock("h" + i, i)), lock("h" + i, i));
    }

    KeySlots after = slots.arrive(lock("new", 50), latest, OnNewer.QUEUE).slots();

    assertThat(after.limit()).isEqualTo(latest);
    assertThat(after.holders()).hasSize(holding);
    assertThat(after.freeSlots()).isEqualTo(free);
    assertThat(after.claim("uid-new", T0.plusSeconds(60))).isInstanceOf(
        free > 0 ? Claim.Granted.class : Claim.Waiting.class);
  }

  @Test
  void aLoweredLimitAdmitsNobodyUntilFewerHoldThanIt() {
    KeySlots slots = KeySlots.empty(3);
    for (String pr : List.of("a", "b", "c")) {
      slots = claim(arriveAll(slots, 3, OnNewer.QUEUE, lock(pr, 1)), lock(pr, 1));
    }
    slots = slots.arrive(lock("d", 5), 1, OnNewer.QUEUE).slots();

    slots = slots.unlock("ns", "a").slots();
    assertThat(slots.claim("uid-d", T0.plusSeconds(9))).isInstanceOf(Claim.Waiting.class);
    slots = slots.unlock("ns", "b").slots();
    assertThat(slots.claim("uid-d", T0.plusSeconds(9))).isInstanceOf(Claim.Waiting.class);
    slots = slots.unlock("ns", "c").slots();
    assertThat(slots.claim("uid-d", T0.plusSeconds(9))).isInstanceOf(Claim.Granted.class);
  }

  enum ReleasePath { UNLOCK, PIPELINE_RUN_ENDED, LOCK_DELETED, CANCELLED_WHILE_WAITING }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(ReleasePath.class)
  void everyReleasePathLetsTheNextIn(ReleasePath path) {
    KeySlots slots = arriveAll(KeySlots.empty(1), 1, OnNewer.QUEUE, lock("a", 1), lock("b", 2), lock("c", 3));
    slots = claim(slots, lock("a", 1));

    KeySlots after = switch (path) {
      case UNLOCK -> slots.unlock("ns", "a").slots();
      case PIPELINE_RUN_ENDED -> slots.prune(e -> "a".equals(e.pipelineRun()));
      case LOCK_DELETED -> slots.without("uid-a");
      // A waiting run leaving changes nobody's slot, only the line: c moves up behind a.
      case CANCELLED_WHILE_WAITING -> slots.without("uid-b");
    };

    if (path == ReleasePath.CANCELLED_WHILE_WAITING) {
      assertThat(names(after.holders())).containsExactly("a");
      assertThat(after.claim("uid-c", T0)).isEqualTo(new Claim.Waiting(after, 1, 1));
    } else {
      assertThat(after.holders()).isEmpty();
      assertThat(after.claim("uid-b", T0)).isInstanceOf(Claim.Granted.class);
      assertThat(after.claim("uid-c", T0)).isEqualTo(new Claim.Waiting(after, 2, 2));
    }
  }

  @Test
  void unlockOfAKeyThePipelineRunDoesNotHoldReleasesNothing() {
    KeySlots slots = claim(arriveAll(KeySlots.empty(1), 1, OnNewer.QUEUE, lock("a", 1)), lock("a", 1));

    KeySlots.Release release = slots.unlock("ns", "other");

    assertThat(release.released()).isEmpty();
    assertThat(release.slots()).isEqualTo(slots);
  }

  @Test
  void cancelOlderNamesEveryOlderHolderAndQueuedRunAndTakesTheQueuedOutAtOnce() {
    KeySlots slots = arriveAll(KeySlots.empty(1), 1, OnNewer.QUEUE, lock("a", 1), lock("b", 2), lock("c", 3));
    slots = claim(slots, lock("a", 1));

    Arrival arrival = slots.arrive(lock("d", 4), 1, OnNewer.CANCEL_OLDER);

    assertThat(arrival.outcome()).isEqualTo(Arrival.Outcome.QUEUED);
    assertThat(names(arrival.victims())).containsExactly("a", "b", "c");
    // a keeps its slot until its PipelineRun has stopped: never two inside.
    assertThat(names(arrival.slots().holders())).containsExactly("a");
    assertThat(names(arrival.slots().queue())).containsExactly("d");
    assertThat(arrival.slots().claim("uid-d", T0)).isInstanceOf(Claim.Waiting.class);
    assertThat(arrival.slots().prune(e -> "a".equals(e.pipelineRun())).claim("uid-d", T0))
        .isInstanceOf(Claim.Granted.class);
  }

  @Test
  void cancelOlderArrivingAgainNamesTheOlderHoldersAgain() {
    KeySlots slots = claim(arriveAll(KeySlots.empty(1), 1, OnNewer.QUEUE, lock("a", 1)), lock("a", 1));
    slots = slots.arrive(lock("b", 2), 1, OnNewer.CANCEL_OLDER).slots();

    Arrival again = slots.arrive(lock("b", 2), 1, OnNewer.CANCEL_OLDER);

    assertThat(again.outcome()).isEqualTo(Arrival.Outcome.ALREADY_THERE);
    assertThat(names(again.victims())).containsExactly("a");
    assertThat(slots.arrive(lock("b", 2), 1, OnNewer.QUEUE).victims()).isEmpty();
  }

  @Test
  void cancelOlderSparesNewerRunsAndTheArrivingRunsOwnPipelineRun() {
    Entry sameRun = new Entry("ns", "a-take-again", "uid-a2", "a", T0, T0);
    KeySlots slots = arriveAll(KeySlots.empty(2), 2, OnNewer.QUEUE, sameRun, lock("z", 9));

    Arrival arrival = slots.arrive(lock("a", 5), 2, OnNewer.CANCEL_OLDER);

    assertThat(arrival.victims()).isEmpty();
    assertThat(names(arrival.slots().queue())).containsExactly("a", "a", "z");
  }

  static Stream<Arguments> skipNewer() {
    // holders, queued, limit: outcome for a newer skip-newer Lock
    return Stream.of(
        Arguments.of(0, 0, 1, Arrival.Outcome.QUEUED),
        Arguments.of(1, 0, 1, Arrival.Outcome.BUSY),
        Arguments.of(1, 0, 2, Arrival.Outcome.QUEUED),
        Arguments.of(1, 1, 3, Arrival.Outcome.BUSY),
        Arguments.of(2, 0, 2, Arrival.Outcome.BUSY));
  }

  @ParameterizedTest(name = "{0} holding, {1} waiting, limit {2}: {3}")
  @MethodSource("skipNewer")
  void skipNewerIsRefusedWheneverItWouldHaveToWait(int holding, int queued, int limit, Arrival.Outcome outcome) {
    KeySlots slots = KeySlots.empty(limit);
    for (int i = 0; i < holding; i++) {
      slots = claim(arriveAll(slots, limit, OnNewer.QUEUE, lock("h" + i, i)), lock("h" + i, i));
    }
    for (int i = 0; i < queued; i++) {
      slots = arriveAll(slots, limit, OnNewer.QUEUE, lock("q" + i, 10 + i));
    }

    Arrival arrival = slots.arrive(lock("new", 50), limit, OnNewer.SKIP_NEWER);

    assertThat(arrival.outcome()).isEqualTo(outcome);
    assertThat(arrival.slots().find("uid-new").isPresent()).isEqualTo(outcome == Arrival.Outcome.QUEUED);
  }

  @Test
  void aSecondLockOfTheHoldingPipelineRunGetsInAtOnceOnTheSameSlot() {
    KeySlots slots = claim(arriveAll(KeySlots.empty(1), 1, OnNewer.QUEUE, lock("a", 1)), lock("a", 1));
    slots = arriveAll(slots, 1, OnNewer.QUEUE, lock("b", 2));
    Entry again = new Entry("ns", "a-take-again", "uid-a2", "a", T0.plusSeconds(3), T0.plusSeconds(3));

    KeySlots.Arrival arrival = slots.arrive(again, 1, OnNewer.SKIP_NEWER);
    Claim claim = arrival.slots().claim("uid-a2", T0.plusSeconds(4));

    assertThat(arrival.outcome()).isEqualTo(Arrival.Outcome.QUEUED);
    assertThat(claim).isInstanceOf(Claim.Granted.class);
    assertThat(claim.slots().freeSlots()).isZero();
    assertThat(claim.slots().unlock("ns", "a").slots().claim("uid-b", T0.plusSeconds(5))).isInstanceOf(Claim.Granted.class);
  }

  @Test
  void aLimitBelowOneIsNoKey() {
    assertThatThrownBy(() -> KeySlots.empty(0)).hasMessageContaining("at least 1");
  }

  @Test
  void theWaitingMessageSaysPlaceAndHolders() {
    KeySlots slots = arriveAll(KeySlots.empty(1), 1, OnNewer.QUEUE, lock("release-7f2k", 1));
    slots = claim(slots, lock("release-7f2k", 1));

    assertThat(Messages.waiting("deploy-prod", 2, 3, slots.holders(), Scope.NAMESPACE))
        .isEqualTo("waiting for deploy-prod: position 2 of 3, held by release-7f2k (since 10:42)");
    assertThat(Messages.waiting("k", 1, 1, List.of(), Scope.NAMESPACE))
        .isEqualTo("waiting for k: position 1 of 1, not held yet");
  }

  @Test
  void aClusterKeysHoldersAreNamedWithTheirNamespace() {
    Entry teamA = new Entry("team-a", "release-take", "uid-a", "release", T0, T0);
    Entry standalone = new Entry("team-b", "solo-lock", "uid-b", null, T0, T0.plusSeconds(60));

    assertThat(Messages.waiting("db", 1, 1, List.of(teamA, standalone), Scope.CLUSTER))
        .isEqualTo("waiting for db: position 1 of 1, held by team-a/release (since 10:41), team-b/solo-lock (since "
            + "10:42)");
  }
}
