package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HousekeepingTest {

  private static final StoredObject.Kind PIPELINE_RUN = new StoredObject.Kind("tekton.dev", "PipelineRun");
  private static final StoredObject.Kind CUSTOM_RUN = new StoredObject.Kind("tekton.dev", "CustomRun");
  private static final StoredObject.Kind DEPLOYMENT = new StoredObject.Kind("apps", "Deployment");
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void eventsExpireOnlyOnceLastSeenLongerAgoThanTheTtl() {
    StoredObject old = event("old", NOW.minus(Duration.ofMinutes(61)));
    StoredObject fresh = event("fresh", NOW.minus(Duration.ofMinutes(59)));
    StoredObject undated = new StoredObject(new StoredObject.Kind("", "Event"), "ns", "undated", "u", List.of(),
        Optional.empty());

    assertThat(Housekeeping.expiredEvents(List.of(old, fresh, undated), NOW, Duration.ofHours(1)))
        .containsExactly(old);
  }

  @Test
  void aDependentIsAnOrphanOnlyWhenEveryOwnerOfAKnownKindIsGone() {
    StoredObject parent = object(PIPELINE_RUN, "parent", "p-1");
    StoredObject childOfLiveParent = object(CUSTOM_RUN, "live-child", "c-1", owner(PIPELINE_RUN, "parent", "p-1"));
    StoredObject childOfDeletedParent = object(CUSTOM_RUN, "orphan", "c-2", owner(PIPELINE_RUN, "gone", "p-2"));
    StoredObject childOfRecreatedParent = object(CUSTOM_RUN, "stale", "c-3", owner(PIPELINE_RUN, "parent", "p-0"));
    StoredObject oneOwnerLeft = object(CUSTOM_RUN, "shared", "c-4", owner(PIPELINE_RUN, "gone", "p-2"),
        owner(PIPELINE_RUN, "parent", "p-1"));
    StoredObject ownedByUnknownKind = object(CUSTOM_RUN, "foreign", "c-5", owner(DEPLOYMENT, "web", "d-1"));
    StoredObject unowned = object(CUSTOM_RUN, "standalone", "c-6");

    List<StoredObject> all = List.of(parent, childOfLiveParent, childOfDeletedParent, childOfRecreatedParent,
        oneOwnerLeft, ownedByUnknownKind, unowned);
    Set<String> liveUids = all.stream().map(StoredObject::uid).collect(java.util.stream.Collectors.toSet());

    List<StoredObject> orphans = Housekeeping.orphans(all, liveUids, Set.of(PIPELINE_RUN, CUSTOM_RUN));

    assertThat(orphans).containsExactlyInAnyOrder(childOfDeletedParent, childOfRecreatedParent);
  }

  @Test
  void ownerReferencesNameTheGroupWhateverTheVersion() {
    assertThat(StoredObject.Kind.of("tekton.dev/v1beta1", "CustomRun")).isEqualTo(CUSTOM_RUN);
    assertThat(StoredObject.Kind.of("v1", "ConfigMap")).isEqualTo(new StoredObject.Kind("", "ConfigMap"));
  }

  private static StoredObject event(String name, Instant lastSeen) {
    return new StoredObject(new StoredObject.Kind("", "Event"), "ns", name, name, List.of(), Optional.of(lastSeen));
  }

  private static StoredObject object(StoredObject.Kind kind, String name, String uid, StoredObject.Owner... owners) {
    return new StoredObject(kind, "ns", name, uid, List.of(owners), Optional.empty());
  }

  private static StoredObject.Owner owner(StoredObject.Kind kind, String name, String uid) {
    return new StoredObject.Owner(kind, name, uid);
  }
}
