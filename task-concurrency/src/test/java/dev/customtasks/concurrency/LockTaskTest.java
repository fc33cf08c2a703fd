package dev.customtasks.concurrency;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.concurrency.LockTask.LockState;
import dev.customtasks.concurrency.LockTask.Request;
import dev.customtasks.concurrency.slots.Entry;
import dev.customtasks.concurrency.slots.OnNewer;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.testkit.CustomRunBuilder;
import dev.customtasks.crds.testkit.TaskTester;
import dev.customtasks.concurrency.slots.KeyNames;
import dev.customtasks.concurrency.slots.KeySlots;
import dev.customtasks.concurrency.slots.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Lock and Unlock decisions on a fixed clock over keys in memory: the whole life of a line. */
class LockTaskTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:41:00Z");
  private final InMemoryKeys keys = new InMemoryKeys();
  private final FakeLockedRuns runs = new FakeLockedRuns();
  private final LockTask lockTask = new LockTask(keys, runs);
  private final TaskTester<Request, LockState> locks = new TaskTester<>(lockTask);
  private final TaskTester<UnlockTask.Request, Void> unlocks = new TaskTester<>(new UnlockTask(keys));

  /** The Lock of PipelineRun {@code pr}, created {@code second}s after T0 and started then. */
  private CustomRun lock(String pr, int second, String... params) {
    CustomRunBuilder builder = customRun(pr + "-take").ref(LockTask.KIND).param("key", "deploy-prod")
        .label(TektonLabels.PIPELINE_RUN, pr);
    for (int i = 0; i < params.length; i += 2) {
      builder.param(params[i], params[i + 1]);
    }
    CustomRun run = builder.build();
    run.getMetadata().setCreationTimestamp(Timestamps.format(T0.plusSeconds(second)));
    return locks.started(run, T0.plusSeconds(second));
  }

  private static Optional<String> result(CustomRun run, String name) {
    return run.getStatus().result(name).map(CustomRunResult::getValue).map(ParamValue::asString);
  }

  private static String message(CustomRun run) {
    return run.getStatus().succeededCondition().orElseThrow().getMessage();
  }

  @Test
  void simultaneousArrivalsGetInByNameWhicheverTickComesFirst() {
    CustomRun second = lock("pr-2", 0);
    CustomRun first = lock("pr-10", 0);
    CustomRun third = lock("pr-3", 0);
    runs.known.addAll(List.of(LockTask.entry(second, T0), LockTask.entry(first, T0), LockTask.entry(third, T0)));

    locks.tick(second, T0);
    locks.tick(third, T0);

    assertThat(second.isDone()).as("pr-2 leaves the free slot to pr-10, created in the same second").isFalse();
    assertThat(message(second)).isEqualTo("waiting for deploy-prod: position 2 of 3, not held yet");
    locks.tick(first, T0);
    assertThat(first.getStatus().isSuccessful()).isTrue();
    runs.endedPipelineRuns.add("pr-10");
    locks.tick(third, T0.plusSeconds(1));
    locks.tick(second, T0.plusSeconds(1));
    assertThat(third.isDone()).isFalse();
    assertThat(second.getStatus().isSuccessful()).isTrue();
  }

  @Test
  void anEarlierLockThatEndsBeforeGettingInLineHoldsNobodyBack() {
    CustomRun gone = lock("pr-1", 0);
    CustomRun next = lock("pr-2", 0);
    runs.known.addAll(List.of(LockTask.entry(gone, T0), LockTask.entry(next, T0)));
    locks.tick(next, T0);
    assertThat(next.isDone()).isFalse();

    runs.endedPipelineRuns.add("pr-1");
    locks.tick(next, T0.plusSeconds(1));

    assertThat(next.getStatus().isSuccessful()).isTrue();
  }

  @Test
  void aHolderWhosePipelineRunEndedIsReleasedWithoutAnotherLockLooking() {
    CustomRun a = lock("pr-a", 0);
    locks.tick(a, T0);
    assertThat(keys.get("deploy-prod").holders()).extracting(Entry::who).containsExactly("pr-a");

    lockTask.releaseEnded(new dev.customtasks.concurrency.slots.KeyId("test", "deploy-prod", dev.customtasks.concurrency.slots.Scope.NAMESPACE), "test", "pr-b");
    assertThat(keys.get("deploy-prod").holders()).as("another PipelineRun's end releases nothing").hasSize(1);
    lockTask.releaseEnded(new dev.customtasks.concurrency.slots.KeyId("test", "deploy-prod", dev.customtasks.concurrency.slots.Scope.NAMESPACE), "test", "pr-a");
    assertThat(keys.get("deploy-prod").holders()).as("pr-a has not ended yet").hasSize(1);
    runs.endedPipelineRuns.add("pr-a");
    lockTask.releaseEnded(new dev.customtasks.concurrency.slots.KeyId("test", "deploy-prod", dev.customtasks.concurrency.slots.Scope.NAMESPACE), "test", "pr-a");

    assertThat(keys.get("deploy-prod").holders()).isEmpty();
  }

  @Test
  void aFreeKeyIsTakenAtOnce() {
    CustomRun a = lock("pr-a", 0);

    locks.tick(a, T0);

    assertThat(a.getStatus().isSuccessful()).isTrue();
    assertThat(result(a, "waited")).contains("0s");
    assertThat(result(a, "position")).contains("0");
    assertThat(keys.get("deploy-prod").holders()).extracting(Entry::who).containsExactly("pr-a");
  }

  @Test
  void theNextWaitsSayingWhereItStandsAndGetsInWhenTheHoldersPipelineRunEnds() {
    CustomRun a = lock("pr-a", 0);
    CustomRun b = lock("pr-b", 10);
    CustomRun c = lock("pr-c", 20);
    locks.tick(a, T0);
    locks.tick(b, T0.plusSeconds(10));
    locks.tick(c, T0.plusSeconds(20));

    assertThat(b.isDone()).isFalse();
    assertThat(b.getStatus().reason()).contains(Reasons.RUNNING);
    assertThat(message(c)).isEqualTo("waiting for deploy-prod: position 2 of 2, held by pr-a (since 10:41)");

    runs.endedPipelineRuns.add("pr-a");
    locks.tick(c, T0.plusSeconds(30));
    assertThat(c.isDone()).as("c may not jump the line").isFalse();
    assertThat(message(c)).isEqualTo("waiting for deploy-prod: position 2 of 2, not held yet");
    locks.tick(b, T0.plusSeconds(40));
    locks.tick(c, T0.plusSeconds(41));

    assertThat(b.getStatus().isSuccessful()).isTrue();
    assertThat(result(b, "waited")).contains("30s");
    assertThat(result(b, "position")).contains("1");
    assertThat(message(c)).isEqualTo("waiting for deploy-prod: position 1 of 1, held by pr-b (since 10:41)");
  }

  @Test
  void runsFurtherBackSayTheirPlaceAsOfWhenTheyLookedAndLookAgainOnTheirRefresh() {
    CustomRun[] all = new CustomRun[8];
    for (int i = 0; i < all.length; i++) {
      all[i] = lock("pr-" + i, i);
      locks.tick(all[i], T0.plusSeconds(i));
    }

    assertThat(message(all[5])).as("position 5 follows every change")
        .isEqualTo("waiting for deploy-prod: position 5 of 5, held by pr-0 (since 10:41)");
    assertThat(message(all[7])).isEqualTo("waiting for deploy-prod: position 7 of 7 (as of 10:41:07), held by pr-0"
        + " (since 10:41)");
    assertThat(locks.tick(all[7], T0.plusSeconds(8)).wakeAt()).as("looks again within the refresh period")
        .hasValueSatisfying(t -> assertThat(t).isAfter(T0.plusSeconds(8)).isBeforeOrEqualTo(T0.plusSeconds(38)));
    assertThat(message(all[7])).as("the same place: the message and its time stay").contains("(as of 10:41:07)");

    runs.endedPipelineRuns.add("pr-0");
    locks.tick(all[1], T0.plusSeconds(60));
    locks.tick(all[7], T0.plusSeconds(61));
    assertThat(message(all[7])).isEqualTo("waiting for deploy-prod: position 6 of 6 (as of 10:42:01), held by pr-1"
        + " (since 10:42)");
    assertThat(locks.tick(all[5], T0.plusSeconds(62)).wakeAt()).as("the head is woken by the key's changes").isEmpty();
  }

  @Test
  void aLimitOfThreeLetsThreeInAndTheFourthWaits() {
    CustomRun[] all = new CustomRun[4];
    for (int i = 0; i < 4; i++) {
      all[i] = lock("pr-" + i, i, "limit", "3");
      locks.tick(all[i], T0.plusSeconds(i));
    }

    assertThat(Stream.of(all).filter(CustomRun::isDone)).hasSize(3);
    assertThat(all[3].isDone()).isFalse();
    assertThat(message(all[3])).startsWith("waiting for deploy-prod: position 1 of 1, held by pr-0 (since 10:41), pr-1");
  }

  @Test
  void aStandaloneLockHoldsUntilItsRunIsDeleted() {
    CustomRun solo = customRun("solo").ref(LockTask.KIND).param("key", "deploy-prod").build();
    solo = locks.started(solo, T0);
    locks.tick(solo, T0);
    CustomRun next = lock("pr-b", 5);
    locks.tick(next, T0.plusSeconds(5));
    assertThat(message(next)).contains("held by solo");

    runs.deletedLocks.add(solo.getMetadata().getUid());
    locks.tick(next, T0.plusSeconds(6));

    assertThat(next.getStatus().isSuccessful()).isTrue();
  }

  @Test
  void skipNewerFailsAtOnceWithBusyWhileTheKeyIsHeld() {
    locks.tick(lock("pr-a", 0), T0);
    CustomRun b = lock("pr-b", 1, "onNewer", "skip-newer");

    locks.tick(b, T0.plusSeconds(1));

    assertThat(b.getStatus().reason()).contains(LockTask.BUSY);
    assertThat(message(b)).contains("deploy-prod is busy (held by pr-a").contains("skip-newer");
    assertThat(keys.get("deploy-prod").queue()).isEmpty();
  }

  @Test
  void cancelOlderCancelsTheOlderPipelineRunsAndGetsInWhenTheHolderHasStopped() {
    locks.tick(lock("pr-a", 0), T0);
    CustomRun b = lock("pr-b", 1);
    locks.tick(b, T0.plusSeconds(1));
    CustomRun c = lock("pr-c", 2, "onNewer", "cancel-older");

    locks.tick(c, T0.plusSeconds(2));

    assertThat(runs.cancelled).hasSize(2);
    assertThat(runs.cancelled.get(0)).startsWith("pr-a: cancelled: a newer run (pr-c) locked deploy-prod");
    assertThat(runs.cancelled.get(1)).startsWith("pr-b: ");
    assertThat(c.isDone()).as("the holder has not stopped yet").isFalse();
    locks.tick(b, T0.plusSeconds(3));
    assertThat(b.getStatus().reason()).contains(LockTask.SUPERSEDED);

    runs.endedPipelineRuns.add("pr-a");
    locks.tick(c, T0.plusSeconds(4));
    assertThat(c.getStatus().isSuccessful()).isTrue();
  }

  @Test
  void cancellingAWaitingLockTakesItOutOfLine() {
    locks.tick(lock("pr-a", 0), T0);
    CustomRun b = lock("pr-b", 1);
    CustomRun c = lock("pr-c", 2);
    locks.tick(b, T0.plusSeconds(1));
    locks.tick(c, T0.plusSeconds(2));

    b.getSpec().setStatus(CustomRun.CANCELLED);
    locks.tick(b, T0.plusSeconds(3));
    locks.tick(c, T0.plusSeconds(4));

    assertThat(b.getStatus().reason()).contains(Reasons.CANCELLED);
    assertThat(keys.get("deploy-prod").queue()).extracting(Entry::who).containsExactly("pr-c");
    assertThat(message(c)).startsWith("waiting for deploy-prod: position 1 of 1");
  }

  @Test
  void aTimedOutWaitingLockLeavesTheLine() {
    locks.tick(lock("pr-a", 0), T0);
    CustomRun b = lock("pr-b", 1, "limit", "1");
    b.getSpec().setTimeout("5s");
    locks.tick(b, T0.plusSeconds(1));

    locks.tick(b, T0.plusSeconds(7));

    assertThat(b.getStatus().reason()).contains(Reasons.TIMED_OUT);
    assertThat(keys.get("deploy-prod").queue()).isEmpty();
  }

  @Test
  void unlockGivesTheSlotBackAndTheNextGetsIn() {
    locks.tick(lock("pr-a", 0), T0);
    CustomRun b = lock("pr-b", 1);
    locks.tick(b, T0.plusSeconds(1));
    CustomRun unlock = unlocks.started(customRun("pr-a-give-back").ref(UnlockTask.KIND).param("key", "deploy-prod")
        .label(TektonLabels.PIPELINE_RUN, "pr-a").build(), T0.plusSeconds(5));

    unlocks.tick(unlock, T0.plusSeconds(5));
    locks.tick(b, T0.plusSeconds(6));

    assertThat(unlock.getStatus().isSuccessful()).isTrue();
    assertThat(result(unlock, "released")).contains("true");
    assertThat(message(unlock)).isEqualTo("released deploy-prod for pr-a");
    assertThat(b.getStatus().isSuccessful()).isTrue();
  }

  @Test
  void unlockOfAKeyThePipelineRunDoesNotHoldSucceedsSayingSo() {
    locks.tick(lock("pr-a", 0), T0);
    CustomRun unlock = unlocks.started(customRun("pr-z-give-back").ref(UnlockTask.KIND).param("key", "deploy-prod")
        .label(TektonLabels.PIPELINE_RUN, "pr-z").build(), T0);
    CustomRun standalone = unlocks.started(customRun("free").ref(UnlockTask.KIND).param("key", "deploy-prod").build(),
        T0);

    unlocks.tick(unlock, T0);
    unlocks.tick(standalone, T0);

    assertThat(unlock.getStatus().isSuccessful()).isTrue();
    assertThat(result(unlock, "released")).contains("false");
    assertThat(message(unlock)).isEqualTo("pr-z does not hold deploy-prod: nothing to release");
    assertThat(message(standalone)).isEqualTo("not part of a PipelineRun: nothing of deploy-prod to release");
    assertThat(keys.get("deploy-prod").holders()).extracting(Entry::who).containsExactly("pr-a");
  }

  @Test
  void theLatestLimitIsTheKeys() {
    locks.tick(lock("pr-a", 0, "limit", "1"), T0);
    CustomRun b = lock("pr-b", 1, "limit", "2");

    locks.tick(b, T0.plusSeconds(1));

    assertThat(keys.get("deploy-prod").limit()).isEqualTo(2);
    assertThat(b.getStatus().isSuccessful()).isTrue();
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of(new String[] {}, "param \"key\": is required"),
        Arguments.of(new String[] {"key", ""}, "param \"key\": is required"),
        Arguments.of(new String[] {"key", "deploy prod"}, "param \"key\": \"deploy prod\" is not a valid key"),
        Arguments.of(new String[] {"key", "k", "limit", "0"}, "param \"limit\": must be a whole number of at least 1, got \"0\""),
        Arguments.of(new String[] {"key", "k", "limit", "two"}, "param \"limit\": must be a whole number of at least 1, got \"two\""),
        Arguments.of(new String[] {"key", "k", "onNewer", "later"},
            "param \"onNewer\": must be one of queue, cancel-older, skip-newer, got \"later\""),
        Arguments.of(new String[] {"key", "k", "scope", "global"},
            "param \"scope\": must be one of namespace, cluster, got \"global\""));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputNamesTheField(String[] params, String message) {
    CustomRunBuilder builder = customRun("bad").ref(LockTask.KIND);
    for (int i = 0; i < params.length; i += 2) {
      builder.param(params[i], params[i + 1]);
    }
    CustomRun run = locks.started(builder.build(), T0);

    assertThatThrownBy(() -> locks.decode(run)).isInstanceOf(InvalidInputException.class).hasMessageStartingWith(message);
    locks.tick(run, T0);
    assertThat(run.getStatus().reason()).contains(Reasons.INVALID_PARAMS);
  }

  @Test
  void anOnNewerInAnEmbeddedSpecIsNamedThere() {
    CustomRun run = locks.started(customRun("embedded").embedded(LockTask.KIND,
        java.util.Map.of("key", "k", "onNewer", "cancel-newer")).build(), T0);

    assertThatThrownBy(() -> locks.decode(run)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reasons.INVALID_SPEC);
      assertThat(e.getMessage()).isEqualTo("customSpec.spec.onNewer: must be one of queue, cancel-older, skip-newer, "
          + "got \"cancel-newer\"");
    });
  }

  @Test
  void defaultsAreAMutexThatQueues() {
    CustomRun run = locks.started(customRun("d").ref(LockTask.KIND).param("key", "k").build(), T0);

    assertThat(locks.decode(run)).isEqualTo(new Request("k", 1, OnNewer.QUEUE));
  }

  /** A Lock of PipelineRun {@code pr} in {@code namespace} on the cluster key deploy-prod. */
  private CustomRun clusterLock(String namespace, String pr, int second) {
    CustomRun run = customRun(pr + "-take").inNamespace(namespace).ref(LockTask.KIND).param("key", "deploy-prod")
        .param("scope", "cluster").label(TektonLabels.PIPELINE_RUN, pr).build();
    run.getMetadata().setUid("uid-" + namespace + "-" + pr);
    run.getMetadata().setCreationTimestamp(Timestamps.format(T0.plusSeconds(second)));
    return locks.started(run, T0.plusSeconds(second));
  }

  @Test
  void aClusterKeyIsSharedByNamespacesAndKeptInTheClusterKeysNamespace() {
    CustomRun a = clusterLock("team-a", "pr-a", 0);
    CustomRun b = clusterLock("team-b", "pr-b", 1);
    locks.tick(a, T0);
    locks.tick(b, T0.plusSeconds(1));

    assertThat(a.getStatus().isSuccessful()).isTrue();
    assertThat(b.isDone()).as("a run of another namespace holds the cluster key").isFalse();
    assertThat(keys.keys).containsOnlyKeys("customtasks/" + KeyNames.objectName("deploy-prod", Scope.CLUSTER));
    KeySlots slots = keys.keys.values().iterator().next();
    assertThat(slots.holders()).extracting(Entry::namespace).containsExactly("team-a");
    assertThat(slots.queue()).extracting(Entry::namespace).containsExactly("team-b");
    assertThat(locks.decode(b).scope()).isEqualTo(Scope.CLUSTER);
  }

  @Test
  void aNamespaceKeyOfTheSameStringIsAnotherKey() {
    locks.tick(clusterLock("team-a", "pr-a", 0), T0);
    CustomRun local = lock("pr-l", 1);

    locks.tick(local, T0.plusSeconds(1));

    assertThat(local.getStatus().isSuccessful()).isTrue();
    assertThat(keys.keys).hasSize(2);
  }

  @Test
  void anUnlockOfTheClusterKeyReleasesItsOwnNamespacesPipelineRunOnly() {
    locks.tick(clusterLock("team-a", "release", 0), T0);
    CustomRun b = clusterLock("team-b", "release", 1);
    locks.tick(b, T0.plusSeconds(1));
    assertThat(b.isDone()).as("same PipelineRun name, another namespace: no re-entry").isFalse();
    assertThat(message(b)).as("the holder named with its namespace, not as if b held it itself")
        .isEqualTo("waiting for deploy-prod: position 1 of 1, held by team-a/release (since 10:41)");

    CustomRun wrongScope = unlocks.started(customRun("release-give-back").inNamespace("team-a").ref(UnlockTask.KIND)
        .param("key", "deploy-prod").label(TektonLabels.PIPELINE_RUN, "release").build(), T0.plusSeconds(2));
    unlocks.tick(wrongScope, T0.plusSeconds(2));
    assertThat(result(wrongScope, "released")).as("the namespace key deploy-prod is not held").contains("false");

    CustomRun unlock = unlocks.started(customRun("release-give-back-2").inNamespace("team-a").ref(UnlockTask.KIND)
        .param("key", "deploy-prod").param("scope", "cluster").label(TektonLabels.PIPELINE_RUN, "release").build(),
        T0.plusSeconds(3));
    unlocks.tick(unlock, T0.plusSeconds(3));
    assertThat(result(unlock, "released")).contains("true");

    locks.tick(b, T0.plusSeconds(4));
    assertThat(b.getStatus().isSuccessful()).isTrue();
  }

  @Test
  void aBadScopeOfAnUnlockNamesTheField() {
    CustomRun run = unlocks.started(customRun("u").ref(UnlockTask.KIND).param("key", "k").param("scope", "all").build(),
        T0);
    assertThatThrownBy(() -> unlocks.decode(run)).isInstanceOf(InvalidInputException.class)
        .hasMessage("param \"scope\": must be one of namespace, cluster, got \"all\"");
  }

  @Test
  void theClusterKeysNamespaceComesFromTheEnvironment() {
    assertThat(LockTask.clusterKeysNamespace(java.util.Map.of())).isEqualTo("customtasks");
    assertThat(LockTask.clusterKeysNamespace(java.util.Map.of("CLUSTER_KEYS_NAMESPACE", "locks"))).isEqualTo("locks");
  }
}
