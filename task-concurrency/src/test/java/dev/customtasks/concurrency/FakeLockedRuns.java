package dev.customtasks.concurrency;

import dev.customtasks.concurrency.slots.Entry;
import dev.customtasks.concurrency.slots.KeyId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Runs a unit test ends by hand; cancels are recorded, not sent. */
final class FakeLockedRuns implements LockedRuns {

  final Set<String> endedPipelineRuns = new HashSet<>();
  final Set<String> deletedLocks = new HashSet<>();
  final List<String> cancelled = new ArrayList<>();

  @Override
  public boolean isOver(Entry entry, boolean holding) {
    return entry.pipelineRun() != null ? endedPipelineRuns.contains(entry.pipelineRun())
        : deletedLocks.contains(entry.uid());
  }

  @Override
  public void cancel(Entry entry, String message) {
    cancelled.add(entry.who() + ": " + message);
  }

  /** Lock runs the controller knows of, in line or not yet: {@link #unfinished} gives those not over. */
  final List<Entry> known = new ArrayList<>();

  @Override
  public List<Entry> unfinished(KeyId key) {
    return known.stream().filter(e -> !isOver(e, false)).toList();
  }
}
