package dev.customtasks.concurrency.slots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.concurrency.slots.KeySlots.Claim;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cluster key: runs of several namespaces in one line. */
class ClusterScopeTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:41:00Z");

  private static Entry lock(String namespace, String pr, int second) {
    return new Entry(namespace, pr + "-take", "uid-" + namespace + "-" + pr, pr, T0.plusSeconds(second),
        T0.plusSeconds(second));
  }

  @Test
  void theLineIsByCreationThenNamespaceThenName() {
    Entry bLate = lock("team-b", "a", 2);
    Entry bEarly = lock("team-b", "z", 1);
    Entry aTie = lock("team-a", "z", 1);
    KeySlots slots = KeySlots.empty(1);
    for (Entry e : List.of(bLate, bEarly, aTie)) {
      slots = slots.arrive(e, 1, OnNewer.QUEUE).slots();
    }
    assertThat(slots.queue()).containsExactly(aTie, bEarly, bLate);
    assertThat(slots.claim(aTie.uid(), T0.plusSeconds(3))).isInstanceOf(Claim.Granted.class);
    assertThat(slots.claim(bEarly.uid(), T0.plusSeconds(3))).isInstanceOf(Claim.Waiting.class);
  }

  @Test
  void pipelineRunsOfOneNameInTwoNamespacesAreTwoOwners() {
    Entry a = lock("team-a", "release", 0);
    Entry b = lock("team-b", "release", 1);
    assertThat(a.sameOwner(b)).isFalse();
    KeySlots slots = KeySlots.empty(1).arrive(a, 1, OnNewer.QUEUE).slots();
    slots = slots.claim(a.uid(), T0).slots();
    slots = slots.arrive(b, 1, OnNewer.QUEUE).slots();
    // Not a re-entry of team-a's PipelineRun: team-b's waits.
    assertThat(slots.claim(b.uid(), T0.plusSeconds(1))).isInstanceOf(Claim.Waiting.class);
    assertThat(slots.freeSlots()).isZero();
  }

  @Test
  void unlockReleasesOnlyThePipelineRunOfItsNamespace() {
    Entry a = lock("team-a", "release", 0);
    Entry b = lock("team-b", "release", 1);
    KeySlots slots = KeySlots.empty(2).arrive(a, 2, OnNewer.QUEUE).slots().claim(a.uid(), T0).slots()
        .arrive(b, 2, OnNewer.QUEUE).slots().claim(b.uid(), T0).slots();
    KeySlots.Release release = slots.unlock("team-b", "release");
    assertThat(release.released()).extracting(Entry::namespace).containsExactly("team-b");
    assertThat(release.slots().holders()).extracting(Entry::namespace).containsExactly("team-a");
  }

  @Test
  void cancelOlderNamesTheOlderRunsOfOtherNamespaces() {
    Entry a = lock("team-a", "p1", 0);
    Entry b = lock("team-b", "p2", 1);
    KeySlots slots = KeySlots.empty(1).arrive(a, 1, OnNewer.QUEUE).slots().claim(a.uid(), T0).slots();
    KeySlots.Arrival arrival = slots.arrive(b, 1, OnNewer.CANCEL_OLDER);
    assertThat(arrival.victims()).containsExactly(a);
  }

  @Test
  void skipNewerIsBusyWhileARunOfAnotherNamespaceHolds() {
    Entry a = lock("team-a", "p1", 0);
    Entry b = lock("team-b", "p2", 1);
    KeySlots slots = KeySlots.empty(1).arrive(a, 1, OnNewer.QUEUE).slots().claim(a.uid(), T0).slots();
    assertThat(slots.arrive(b, 1, OnNewer.SKIP_NEWER).outcome()).isEqualTo(KeySlots.Arrival.Outcome.BUSY);
  }

  @Test
  void aClusterKeyAndANamespaceKeyOfOneStringAreTwoObjects() {
    assertThat(KeyNames.objectName("deploy-prod", Scope.NAMESPACE)).isEqualTo("deploy-prod");
    assertThat(KeyNames.objectName("deploy-prod", Scope.CLUSTER)).isNotEqualTo("deploy-prod")
        .startsWith("cluster-deploy-prod-").matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63);
    assertThat(KeyId.of("k", Scope.CLUSTER, "team-a", "customtasks").namespace()).isEqualTo("customtasks");
    assertThat(KeyId.of("k", Scope.NAMESPACE, "team-a", "customtasks").namespace()).isEqualTo("team-a");
  }

  @Test
  void scopeWords() {
    assertThat(Scope.parse("cluster")).contains(Scope.CLUSTER);
    assertThat(Scope.parse("Cluster")).isEmpty();
    assertThat(Scope.of(null)).isEqualTo(Scope.NAMESPACE);
    assertThat(Scope.words()).isEqualTo("namespace, cluster");
  }
}
