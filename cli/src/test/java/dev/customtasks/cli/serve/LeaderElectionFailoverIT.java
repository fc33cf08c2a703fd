package dev.customtasks.cli.serve;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static dev.customtasks.crds.testkit.RunAwaits.awaitDone;
import static dev.customtasks.crds.testkit.RunAwaits.awaitObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.wait.WaitTask;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code ctk serve} processes against one API server, as two replicas in a cluster: only the
 * holder of the Lease reconciles, and the other takes over when the holder dies or stops. The
 * Lease timings are shortened (lease 4s) so that a failover takes seconds, not 15.
 */
class LeaderElectionFailoverIT {

  private static final String WAIT_CRD = "META-INF/fabric8/waits.customtasks.dev-v1.yml";
  private static final String NAMESPACE = EmbeddedApiServer.KUBECONFIG_NAMESPACE;
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final Duration LEASE_DURATION = Duration.ofSeconds(4);
  private static final List<String> SHORT_LEASE = List.of("--lease-duration", "4s", "--renew-deadline", "3s",
      "--retry-period", "500ms");

  private final List<ServeProcess> processes = new ArrayList<>();
  private EmbeddedApiServer cluster;
  private KubernetesClient client;
  private Path kubeconfig;
  private Path logs;

  /** A failure says what the serve processes printed last; their whole output stays under target/. */
  @RegisterExtension
  final TestExecutionExceptionHandler withTheirOutput = (context, failure) -> {
    StringBuilder tails = new StringBuilder("output of the ctk serve processes:\n");
    processes.forEach(p -> tails.append(p.tail()));
    failure.addSuppressed(new AssertionError(tails.toString()));
    throw failure;
  };

  @BeforeEach
  void startCluster(@TempDir Path dir, TestInfo test) {
    cluster = EmbeddedApiServer.start().installCrds(List.of(WAIT_CRD));
    client = cluster.client();
    kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
    logs = Path.of("target", "leader-election-failover", test.getTestMethod().orElseThrow().getName());
  }

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (ServeProcess process : processes) {
      process.close();
    }
    cluster.close();
  }

  @Test
  void aFollowerTakesOverFromAKilledLeaderAndFinishesItsRuns() throws Exception {
    ServeProcess leader = serve("leader", SHORT_LEASE);
    Lease held = awaitHolder(leader);
    ServeProcess follower = serve("follower", SHORT_LEASE).awaitReady(BOUND);
    await().atMost(BOUND).until(() -> follower.output().contains("the Lease is held by "
        + held.getSpec().getHolderIdentity()));

    createWait("before-the-kill", "1s");
    createWait("in-flight", "10s");
    // Longer than a lease duration: the follower sees the Lease renewed and never takes it.
    await().during(LEASE_DURATION.plusSeconds(1)).atMost(BOUND).until(() -> lease()
        .filter(l -> Objects.equals(l.getSpec().getHolderIdentity(), held.getSpec().getHolderIdentity()))
        .filter(l -> Objects.equals(l.getSpec().getLeaseTransitions(), held.getSpec().getLeaseTransitions()))
        .isPresent());
    assertThat(awaitDone(client, NAMESPACE, "before-the-kill").getStatus().isSuccessful()).isTrue();
    assertThat(leader.waitReconciles()).as("the leader's wait reconciles").isPositive();
    assertThat(follower.waitReconciles()).as("the follower's wait reconciles").isZero();
    CustomRun inFlight = client.resources(CustomRun.class).inNamespace(NAMESPACE).withName("in-flight").get();
    assertThat(inFlight.getStatus().hasStarted()).as("in-flight started").isTrue();
    assertThat(inFlight.getStatus().isDone()).as("in-flight done before the kill").isFalse();

    leader.kill();
    Instant killedAt = Instant.now();
    long killed = System.nanoTime();
    Lease taken = awaitHolder(follower);
    System.out.printf("failover after SIGKILL took %.1f s (lease duration 4s, retry period 500ms)%n",
        (System.nanoTime() - killed) / 1e9);
    assertThat(taken.getSpec().getLeaseTransitions()).isEqualTo(held.getSpec().getLeaseTransitions() + 1);
    // The Lease changes hands in the API server just before the new holder says so.
    await().atMost(BOUND).until(() -> follower.output()
        .contains("==> ctk serve: this replica holds the Lease now and reconciles."));

    createWait("after-the-kill", "1s");
    assertThat(awaitDone(client, NAMESPACE, "after-the-kill").getStatus().isSuccessful()).isTrue();
    CustomRun finished = awaitObject(client, CustomRun.class, NAMESPACE, "in-flight", CustomRun::isDone, BOUND);
    assertThat(finished.getStatus().isSuccessful()).isTrue();
    // The new leader kept the dead one's start and deadline: it fired neither early nor from scratch.
    assertThat(finished.getStatus().getStartTime()).isEqualTo(inFlight.getStatus().getStartTime());
    Instant firedAt = Timestamps.parse(finished.getStatus().result("firedAt").orElseThrow().getValue().asString());
    assertThat(firedAt).isAfterOrEqualTo(inFlight.getStatus().startInstant().plusSeconds(10)).isAfter(killedAt);
    assertThat(follower.waitReconciles()).as("the new leader's wait reconciles").isPositive();
  }

  @Test
  void aLeaderStoppedCleanlyReleasesTheLeaseAndTheFollowerTakesItAtOnce() throws Exception {
    // A lease far longer than the handover may take: only a released Lease changes hands in time.
    List<String> longLease = List.of("--lease-duration", "30s", "--renew-deadline", "3s", "--retry-period", "500ms");
    ServeProcess leader = serve("leader", longLease);
    Lease held = awaitHolder(leader);
    ServeProcess follower = serve("follower", longLease).awaitReady(BOUND);
    await().atMost(BOUND).until(() -> follower.output().contains("the Lease is held by "
        + held.getSpec().getHolderIdentity()));

    long terminated = System.nanoTime();
    leader.terminate();
    Lease taken = await().atMost(Duration.ofSeconds(15)).until(this::lease,
        l -> l.isPresent() && endsWith(l.get(), follower)).orElseThrow();
    System.out.printf("handover after SIGTERM took %.1f s (lease duration 30s, retry period 500ms)%n",
        (System.nanoTime() - terminated) / 1e9);

    leader.awaitExit(BOUND);
    assertThat(leader.output()).contains("==> ctk serve: released the Lease " + NAMESPACE + "/"
        + LeaderElection.LEASE_NAME).contains("==> ctk serve: stopped.");
    assertThat(taken.getSpec().getLeaseTransitions()).isEqualTo(held.getSpec().getLeaseTransitions() + 1);
    createWait("after-the-handover", "100ms");
    assertThat(awaitDone(client, NAMESPACE, "after-the-handover").getStatus().isSuccessful()).isTrue();
  }

  @Test
  void aLeaderWhoseLeaseIsTakenStopsWithExitCode1() throws Exception {
    ServeProcess leader = serve("leader", SHORT_LEASE);
    awaitHolder(leader);

    long taken = System.nanoTime();
    // As another replica would: a fresh lease in its name; a renewal of the leader's in between is
    // a conflict, tried again.
    await().atMost(BOUND).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
      client.leases().inNamespace(NAMESPACE).withName(LeaderElection.LEASE_NAME).edit(l -> {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        l.getSpec().setHolderIdentity("another-replica");
        l.getSpec().setLeaseDurationSeconds(60);
        l.getSpec().setAcquireTime(now);
        l.getSpec().setRenewTime(now);
        return l;
      });
      return true;
    });

    assertThat(leader.awaitExit(BOUND)).as("exit code").isEqualTo(1);
    System.out.printf("a leader whose Lease was taken stopped after %.1f s%n", (System.nanoTime() - taken) / 1e9);
    assertThat(leader.output()).contains("error: lost the Lease " + LeaderElection.LEASE_NAME
        + " (another replica took it, or it could not be renewed within --renew-deadline 3s); stopped");
    assertThat(lease().orElseThrow().getSpec().getHolderIdentity()).isEqualTo("another-replica");
  }

  private ServeProcess serve(String name, List<String> leaseTimings) throws IOException {
    List<String> args = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString(), "--controllers", "wait",
        "--metrics-port", "0"));
    args.addAll(leaseTimings);
    ServeProcess process = ServeProcess.start(name, logs.resolve(name + ".log"), args.toArray(String[]::new));
    processes.add(process);
    return process;
  }

  private Lease awaitHolder(ServeProcess process) {
    return await().atMost(BOUND).until(this::lease, l -> l.isPresent() && endsWith(l.get(), process)).orElseThrow();
  }

  private static boolean endsWith(Lease lease, ServeProcess process) {
    String holder = lease.getSpec().getHolderIdentity();
    return holder != null && holder.endsWith(process.identitySuffix());
  }

  private Optional<Lease> lease() {
    return Optional.ofNullable(client.leases().inNamespace(NAMESPACE).withName(LeaderElection.LEASE_NAME).get());
  }

  private void createWait(String name, String duration) {
    client.resource(customRun(name).inNamespace(NAMESPACE).ref(WaitTask.KIND).param("duration", duration).build())
        .create();
  }
}
