package dev.customtasks.crds.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which update events are someone else's: the decision, without a server. */
class OwnStatusWritesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final String C = "timer";

  @Test
  void aStatusThisProcessWroteIsOursOnceAndThenForgotten() {
    CustomRun before = run("ours", 1L, "Running");
    CustomRun after = run("ours", 1L, "Succeeded");

    OwnStatusWrites.expect(C, before, after.getStatus());

    assertThat(OwnStatusWrites.changedByOthers(C, after, before)).isFalse();
    assertThat(OwnStatusWrites.pending(C, after)).isFalse();
    assertThat(OwnStatusWrites.changedByOthers(C, after, before)).as("the same status again is not ours").isTrue();
  }

  @Test
  void aStatusNobodyHereWroteIsSomeoneElses() {
    CustomRun before = run("edited", 1L, "Running");
    CustomRun after = run("edited", 1L, "Running");
    after.getStatus().setStartTime("yesterday");

    OwnStatusWrites.expect(C, before, run("edited", 1L, "Succeeded").getStatus());

    assertThat(OwnStatusWrites.changedByOthers(C, after, before)).isTrue();
    assertThat(OwnStatusWrites.pending(C, after)).as("our write's event is still to come").isTrue();
  }

  @Test
  void anEventShowingALaterWriteConsumesTheEarlierOnesToo() {
    CustomRun before = run("two-writes", 1L, "Running");
    CustomRun first = run("two-writes", 1L, "Retrying");
    CustomRun second = run("two-writes", 1L, "Succeeded");
    OwnStatusWrites.expect(C, before, first.getStatus());
    OwnStatusWrites.expect(C, first, second.getStatus());

    assertThat(OwnStatusWrites.changedByOthers(C, second, before)).isFalse();
    assertThat(OwnStatusWrites.pending(C, second)).isFalse();
  }

  @Test
  void aWriteThatFailedIsForgotten() {
    CustomRun before = run("conflict", 1L, "Running");
    CustomRun after = run("conflict", 1L, "Succeeded");
    OwnStatusWrites.expect(C, before, after.getStatus());

    OwnStatusWrites.forget(C, before, after.getStatus());

    assertThat(OwnStatusWrites.pending(C, after)).isFalse();
    assertThat(OwnStatusWrites.changedByOthers(C, after, before)).isTrue();
  }

  @Test
  void anotherControllersWriteIsNotThisOnes() {
    CustomRun before = run("shared", 1L, "Running");
    CustomRun after = run("shared", 1L, "Succeeded");
    OwnStatusWrites.expect("wait", before, after.getStatus());

    assertThat(OwnStatusWrites.changedByOthers(C, after, before)).isTrue();
    assertThat(OwnStatusWrites.changedByOthers("wait", after, before)).as("still its own").isFalse();
  }

  @Test
  void aChangeOfMetadataOnlyIsNobodysToReconcile() {
    CustomRun before = run("labelled", 1L, "Running");
    CustomRun after = run("labelled", 1L, "Running");
    after.getMetadata().setLabels(Map.of("team", "blue"));

    assertThat(OwnStatusWrites.changedByOthers(C, after, before)).isFalse();
  }

  @Test
  void aSpecChangeOrTheDeletionMarkAlwaysCounts() {
    CustomRun before = run("changed", 1L, "Running");
    CustomRun respecified = run("changed", 2L, "Running");
    CustomRun deleted = run("changed", 1L, "Running");
    deleted.getMetadata().setDeletionTimestamp("2026-03-01T12:05:00Z");

    assertThat(OwnStatusWrites.changedByOthers(C, respecified, before)).isTrue();
    assertThat(OwnStatusWrites.changedByOthers(C, deleted, before)).isTrue();
  }

  private static CustomRun run(String uid, long generation, String reason) {
    CustomRun run = dev.customtasks.crds.testkit.CustomRunBuilder.customRun(uid)
        .ref(dev.customtasks.crds.examples.TimerTask.KIND).build();
    run.getMetadata().setUid(uid);
    run.getMetadata().setGeneration(generation);
    CustomRunStatus status = new CustomRunStatus();
    status.setStartTime("2026-03-01T12:00:00Z");
    if ("Succeeded".equals(reason)) {
      status.markSucceeded(reason, "", T0);
    } else {
      status.markRunning(reason, "", T0);
    }
    run.setStatus(status);
    return run;
  }
}
