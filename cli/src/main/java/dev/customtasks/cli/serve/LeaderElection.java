package dev.customtasks.cli.serve;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.net.InetAddress;
import java.net.UnknownHostException;

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
      Runnable onLost) {
    return new LeaderElectionConfiguration(LEASE_NAME, leaseNamespace, timings.leaseDuration(),
        timings.renewDeadline(), timings.retryPeriod(), identity,
        new LeaderCallbacks(() -> { }, onLost, newLeader -> { }), false);
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
