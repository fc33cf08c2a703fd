package dev.customtasks.concurrency;

import dev.customtasks.concurrency.slots.Entry;
import dev.customtasks.concurrency.slots.KeyId;
import java.util.List;

/** What a key's slots need to know about, and do to, the runs that hold or wait for them. */
public interface LockedRuns {

  /**
   * Whether {@code entry} no longer counts: its PipelineRun ended (any way) or is gone; for a
   * standalone Lock, its CustomRun is gone; for one still waiting ({@code holding} false), its
   * CustomRun also ended (cancelled, timed out) without a slot.
   */
  boolean isOver(Entry entry, boolean holding);

  /** Cancels {@code entry}'s PipelineRun as Tekton does, or its CustomRun when standalone. */
  void cancel(Entry entry, String message);

  /**
   * The Lock runs of {@code key} (of every namespace for a cluster key) that exist and have not ended, as the
   * controller knows them (in line or not yet): so that a run does not take the slot of one created
   * before it whose tick merely comes later. None by default.
   */
  default List<Entry> unfinished(KeyId key) {
    return List.of();
  }
}
