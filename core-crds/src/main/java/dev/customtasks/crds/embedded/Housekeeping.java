package dev.customtasks.crds.embedded;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a real cluster does in the background and the mock does not, decided on plain values:
 * Events expire after a time to live (kube-apiserver's {@code --event-ttl}, an hour by default),
 * and dependents whose owners are all gone are deleted (the garbage collector's background
 * propagation, which {@code kubectl delete} asks for). Without them a server that runs for days
 * would keep every Event and every child of every deleted run.
 */
final class Housekeeping {

  /** kube-apiserver's default {@code --event-ttl}. */
  static final Duration EVENT_TTL = Duration.ofHours(1);

  private Housekeeping() {
  }

  /** Events last seen more than {@code ttl} before {@code now}. */
  static List<StoredObject> expiredEvents(Collection<StoredObject> events, Instant now, Duration ttl) {
    Instant cutoff = now.minus(ttl);
    return events.stream().filter(e -> e.lastSeen().map(seen -> seen.isBefore(cutoff)).orElse(false)).toList();
  }

  /**
   * Objects every one of whose owners is known to be gone: each owner is of a kind in
   * {@code ownerKinds} (all of whose objects are in {@code objects}) and no object of
   * {@code objects} has its uid. An owner of any other kind might exist, so its dependents stay.
   * These are candidates: an owner created after the listing would not be in it, so callers check
   * each one again before deleting.
   */
  static List<StoredObject> orphans(Collection<StoredObject> objects, Set<StoredObject.Kind> ownerKinds) {
    Set<String> uids = objects.stream().map(StoredObject::uid).collect(Collectors.toSet());
    return objects.stream()
        .filter(o -> !o.owners().isEmpty())
        .filter(o -> o.owners().stream().allMatch(owner -> ownerKinds.contains(owner.kind())
            && !uids.contains(owner.uid())))
        .toList();
  }
}
