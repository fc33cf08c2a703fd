package dev.customtasks.embedded;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

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
   * Dependents every one of whose owners is gone: each owner is of a kind in {@code ownerKinds}
   * and its uid is not among {@code liveUids}. An owner of any other kind might exist, so its
   * dependents stay. {@code liveUids} must be listed after {@code dependents}: an owner exists
   * before any dependent names its uid, so an owner missing from the later listing was deleted.
   */
  static List<StoredObject> orphans(Collection<StoredObject> dependents, Set<String> liveUids,
      Set<StoredObject.Kind> ownerKinds) {
    return dependents.stream()
        .filter(o -> !o.owners().isEmpty())
        .filter(o -> o.owners().stream().allMatch(owner -> ownerKinds.contains(owner.kind())
            && !liveUids.contains(owner.uid())))
        .toList();
  }
}
