package dev.customtasks.concurrency.slots;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who holds a key's slots and who waits for one, in order: the state one {@code ConcurrencyKey}
 * object keeps. Immutable; every change returns a new value that the caller writes back
 * compare-and-set, so a decision made on stale state is made again on fresh state.
 *
 * <p>The rules: at most {@code limit} holders; the queue is first come, first served by the
 * CustomRun's creation (ties by name, {@link Entry#ARRIVAL}); a run takes a slot only when it is
 * among the first {@link #freeSlots()} of the queue, so nobody jumps the line, except a Lock of a
 * PipelineRun that holds the key already (re-entry: one PipelineRun, one slot). A lowered limit
 * takes no slot away: current holders finish and nobody new gets in until fewer hold than the
 * limit.
 *
 * @param limit slots of the key: the limit of the latest Lock that arrived, at least 1
 * @param holders the runs holding a slot, in the order they got it
 * @param queue the runs waiting, first in line first
 */
public record KeySlots(int limit, List<Entry> holders, List<Entry> queue) {

  public KeySlots {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    holders = List.copyOf(holders);
    queue = List.copyOf(queue);
  }

  /** A key nobody holds or waits for. */
  public static KeySlots empty(int limit) {
    return new KeySlots(limit, List.of(), List.of());
  }

  /**
   * How many runs may take a slot now: never negative, also when a lowered limit left more
   * holders. A PipelineRun holds one slot however many of its Locks hold the key.
   */
  public int freeSlots() {
    long owners = holders.stream().map(e -> e.pipelineRun() != null ? "pr:" + e.namespace() + "/" + e.pipelineRun() : "run:" + e.uid())
        .distinct().count();
    return (int) Math.max(0, limit - owners);
  }

  /** Whether another Lock of {@code run}'s PipelineRun holds the key already (re-entry). */
  private boolean ownerHolds(Entry run) {
    return run.pipelineRun() != null && holders.stream().anyMatch(h -> h.sameOwner(run));
  }

  /** The entry of the run {@code uid}, holding or waiting. */
  public Optional<Entry> find(String uid) {
    return holders.stream().filter(e -> e.uid().equals(uid)).findFirst()
        .or(() -> queue.stream().filter(e -> e.uid().equals(uid)).findFirst());
  }

  public boolean holds(String uid) {
    return holders.stream().anyMatch(e -> e.uid().equals(uid));
  }

  /**
   * A Lock run arrives: it sets the key's limit (the latest wins) and, by {@code onNewer}, queues,
   * cancels the older runs and queues, or is refused as busy. A run already holding or queued
   * arrives again unchanged (a retried tick); with {@code cancel-older} it names the older holders
   * again, so a cancel lost with a tick is sent again.
   *
   * @param run the arriving Lock, its {@code since} the instant of arrival
   * @param newLimit its {@code limit} param, at least 1
   */
  public Arrival arrive(Entry run, int newLimit, OnNewer onNewer) {
    Predicate<Entry> older = e -> Entry.ARRIVAL.compare(e, run) < 0 && !e.sameOwner(run);
    if (find(run.uid()).isPresent()) {
      return new Arrival(this, Arrival.Outcome.ALREADY_THERE,
          onNewer == OnNewer.CANCEL_OLDER ? holders.stream().filter(older).toList() : List.of());
    }
    KeySlots limited = new KeySlots(newLimit, holders, queue);
    if (onNewer == OnNewer.SKIP_NEWER && !ownerHolds(run) && !(limited.freeSlots() > 0 && queue.isEmpty())) {
      return new Arrival(this, Arrival.Outcome.BUSY, List.of());
    }
    List<Entry> victims = new ArrayList<>();
    List<Entry> waiting = new ArrayList<>(queue);
    if (onNewer == OnNewer.CANCEL_OLDER) {
      holders.stream().filter(older).forEach(victims::add);
      waiting.stream().filter(older).forEach(victims::add);
      // Queued victims leave at once: they will never get in. Holders keep their slot until their
      // PipelineRun has actually stopped, so two runs are never inside the section together.
      waiting.removeIf(older);
    }
    waiting.add(run);
    waiting.sort(Entry.ARRIVAL);
    return new Arrival(new KeySlots(newLimit, holders, waiting), Arrival.Outcome.QUEUED, victims);
  }

  /**
   * The run {@code uid} asks for its slot at {@code now}: it holds one already, takes one (it is
   * among the first {@link #freeSlots()} in the queue), waits (with its place), or is not there.
   */
  public Claim claim(String uid, Instant now) {
    return claim(uid, now, List.of());
  }

  /**
   * The same, minding the Lock runs of the key that exist but are not in line yet ({@code arriving}:
   * created, not yet seen by a tick, e.g. created in the same second): one that came first (by
   * {@link Entry#ARRIVAL}) counts as ahead, so a run does not take the slot of an earlier one whose
   * tick merely came later. Strict first come, first served for simultaneous arrivals.
   */
  public Claim claim(String uid, Instant now, List<Entry> arriving) {
    Optional<Entry> holder = holders.stream().filter(e -> e.uid().equals(uid)).findFirst();
    if (holder.isPresent()) {
      return new Claim.Holds(this, holder.get());
    }
    for (int i = 0; i < queue.size(); i++) {
      Entry e = queue.get(i);
      if (!e.uid().equals(uid)) {
        continue;
      }
      List<Entry> notInLine = arriving.stream()
          .filter(a -> find(a.uid()).isEmpty() && !a.uid().equals(uid) && !ownerHolds(a)).toList();
      long ahead = notInLine.stream().filter(a -> Entry.ARRIVAL.compare(a, e) < 0).count();
      // A PipelineRun that holds the key already gets in again at once: its second Lock would
      // otherwise wait for the PipelineRun's own end.
      if (i + ahead < freeSlots() || ownerHolds(e)) {
        Entry granted = e.since(now);
        List<Entry> newHolders = new ArrayList<>(holders);
        newHolders.add(granted);
        List<Entry> newQueue = new ArrayList<>(queue);
        newQueue.remove(i);
        return new Claim.Granted(new KeySlots(limit, newHolders, newQueue), granted);
      }
      return new Claim.Waiting(this, i + 1 + (int) ahead, queue.size() + notInLine.size());
    }
    return new Claim.Absent(this);
  }

  /** The key without the run {@code uid}, holding or waiting: its Lock was cancelled, timed out or deleted. */
  public KeySlots without(String uid) {
    return removeIf(e -> e.uid().equals(uid));
  }

  /**
   * The key without what {@code namespace/pipelineRun} holds or waits for: an {@code Unlock} ran in
   * it. The namespace tells apart PipelineRuns of one name in a cluster key.
   *
   * @return the new state and the entries that left
   */
  public Release unlock(String namespace, String pipelineRun) {
    Predicate<Entry> ofRun = e -> pipelineRun.equals(e.pipelineRun()) && java.util.Objects.equals(namespace, e.namespace());
    List<Entry> released = new ArrayList<>();
    holders.stream().filter(ofRun).forEach(released::add);
    queue.stream().filter(ofRun).forEach(released::add);
    return new Release(removeIf(ofRun), released);
  }

  /**
   * The key without the entries that are over ({@code over} says so: their PipelineRun ended or is
   * gone, a standalone Lock was deleted, a queued Lock ended without a slot).
   */
  public KeySlots prune(Predicate<Entry> over) {
    return removeIf(over);
  }

  private KeySlots removeIf(Predicate<Entry> gone) {
    return new KeySlots(limit, holders.stream().filter(gone.negate()).toList(),
        queue.stream().filter(gone.negate()).toList());
  }

  /**
   * What an arrival did.
   *
   * @param slots the key afterwards (unchanged when {@code BUSY} or {@code ALREADY_THERE})
   * @param outcome queued (and may take a slot at once through {@link #claim}), busy, or already there
   * @param victims the older runs to cancel ({@code cancel-older}); empty otherwise
   */
  public record Arrival(KeySlots slots, Outcome outcome, List<Entry> victims) {

    public Arrival {
      victims = List.copyOf(victims);
    }

    public enum Outcome { QUEUED, BUSY, ALREADY_THERE }
  }

  /**
   * @param slots the key afterwards
   * @param released the entries that left it
   */
  public record Release(KeySlots slots, List<Entry> released) {

    public Release {
      released = List.copyOf(released);
    }
  }

  /** Where a run stands after asking for its slot; {@link #slots()} is the key afterwards. */
  public sealed interface Claim {

    KeySlots slots();

    /** It held a slot already. */
    record Holds(KeySlots slots, Entry entry) implements Claim {
    }

    /** It took a slot now: write {@link #slots()} back. */
    record Granted(KeySlots slots, Entry entry) implements Claim {
    }

    /** It waits at {@code position} (1 = next) of {@code of} waiting. */
    record Waiting(KeySlots slots, int position, int of) implements Claim {
    }

    /** It is neither holding nor waiting. */
    record Absent(KeySlots slots) implements Claim {
    }
  }
}
