package dev.customtasks.cli.serve;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Leader election for {@code ctk serve} on a cluster: one Lease, {@value #LEASE_NAME}, so that of
 * several replicas only one reconciles. Losing the lease does not exit the JVM from inside JOSDK;
 * it tells the serve command, which stops and exits 1, so a supervisor restarts it as a follower.
 */
final class LeaderElection {

  static final String LEASE_NAME = "ctk-controllers";

  private LeaderElection() {
  }

  static LeaderElectionConfiguration configuration(String leaseNamespace, String identity, LeaseTimingOptions timings,
      LeaderCallbacks callbacks) {
    return new LeaderElectionConfiguration(LEASE_NAME, leaseNamespace, timings.leaseDuration(),
        timings.renewDeadline(), timings.retryPeriod(), identity, callbacks, false);
  }

  /**
   * Gives the Lease up if {@code identity} holds it, so that a follower takes over at its next try
   * instead of a lease duration after the last renewal. JOSDK 5.2.3 cannot do this itself: it
   * builds fabric8's elector with {@code releaseOnCancel} false, whatever it is configured with.
   * Call it only once the operator has stopped, so that nothing reconciles here any more.
   *
   * @return whether it released the Lease; false when another replica holds it, or none does
   */
  static boolean release(KubernetesClient client, String leaseNamespace, String identity) {
    Lease lease = client.leases().inNamespace(leaseNamespace).withName(LEASE_NAME).get();
    if (lease == null || lease.getSpec() == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
      return false;
    }
    // What client-go and fabric8 write when they release: no holder, a one-second lease, and the
    // transitions count kept.
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    lease.getSpec().setHolderIdentity(null);
    lease.getSpec().setLeaseDurationSeconds(1);
    lease.getSpec().setAcquireTime(now);
    lease.getSpec().setRenewTime(now);
    // An update with the resourceVersion just read: if another replica took the Lease since, it
    // fails with a conflict instead of taking the Lease from that replica.
    client.resource(lease).update();
    return true;
  }

  /** Host name and process id: unique per replica, and says where the leader runs. */
  static String identity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
