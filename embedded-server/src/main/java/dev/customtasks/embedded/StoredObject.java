package dev.customtasks.embedded;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What housekeeping needs to know of one stored object: where it is, who owns it, when it was
 * last touched (for Events). Plain values, so that the decisions are tested without a server.
 */
record StoredObject(Kind kind, String namespace, String name, String uid, List<Owner> owners,
    Optional<Instant> lastSeen) {

  /** A kind by API group and kind name: owner references may name another version of the group. */
  record Kind(String group, String kind) {

    static Kind of(String apiVersion, String kind) {
      int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
      return new Kind(slash < 0 ? "" : apiVersion.substring(0, slash), kind);
    }
  }

  record Owner(Kind kind, String name, String uid) {
  }
}
