package dev.customtasks.cli.serve;

import static dev.customtasks.cli.CtkRun.ctk;
import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static dev.customtasks.crds.testkit.RunAwaits.awaitDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.approval.ApprovalModule;
import dev.customtasks.cli.CtkRun.Result;
import dev.customtasks.cli.cluster.Environment;
import dev.customtasks.crds.controller.CustomTaskModule;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.embedded.testkit.Kubectl;
import dev.customtasks.wait.WaitTask;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ctk serve} in this JVM: embedded, or against a "cluster" that is another embedded server. */
class ServeCommandIT {

  private static final String RUN = """
      apiVersion: tekton.dev/v1beta1
      kind: CustomRun
      metadata:
        name: %s
      spec:
        customRef: {apiVersion: wait.testing.tekton.dev/v1beta1, kind: Wait}
        params:
        - {name: duration, value: 100ms}
      """;

  @TempDir
  Path dir;

  @Test
  void embeddedServeRunsTheControllersAndWritesAKubeconfigThatItRemovesOnStop() throws Exception {
    Path kubeconfig = dir.resolve("ctk").resolve("kubeconfig");
    try (ServeInBackground serve = new ServeInBackground()
        .start("--embedded", "--port", String.valueOf(freePort()), "--kubeconfig-out", kubeconfig.toString())) {
      assertThat(serve.out()).contains("EMBEDDED API server, in this process (--embedded was given)")
          .contains("export KUBECONFIG=" + kubeconfig).contains("controllers:  " + String.join(", ", ControllerCatalog.standard().names()))
          .contains("retention:    finished runs deleted 24h0m0s after they finish (--keep-finished), Events 1h0m0s "
              + "after they were last seen (--event-ttl)");

      try (KubernetesClient client = clientFor(kubeconfig)) {
        client.resource(customRun("from-outside").inNamespace("default").ref(WaitTask.KIND).param("duration", "50ms")
            .build()).create();
        assertThat(awaitDone(client, "default", "from-outside").getStatus().isSuccessful()).isTrue();
      }
      Result list = ctk("list", "customruns", "--kubeconfig", kubeconfig.toString());
      assertThat(list.out()).containsPattern("from-outside\\s+CustomRun\\s+Wait\\s+Succeeded");

      Result stopped = serve.stop();
      assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
      assertThat(stopped.out()).contains("ctk serve: stopped.");
      assertThat(kubeconfig).doesNotExist();
    }
  }

  @Test
  void kubectlWorksAgainstAnEmbeddedServe() throws Exception {
    Kubectl.assumeInstalled();
    Path kubeconfig = dir.resolve("kubeconfig");
    try (ServeInBackground serve = new ServeInBackground()
        .start("--embedded", "--port", String.valueOf(freePort()), "--https", "--kubeconfig-out", kubeconfig.toString())) {
      Kubectl kubectl = Kubectl.forKubeconfig(kubeconfig, dir);

      Kubectl.Result applied = kubectl.runWithInput(RUN.formatted("via-kubectl"), "apply", "--validate=false", "-f", "-");
      assertThat(applied.out()).as(applied.toString()).contains("customrun.tekton.dev/via-kubectl created");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.run("get", "customrun",
          "via-kubectl", "-o", "jsonpath={.status.conditions[0].status}").out()).isEqualTo("True"));
      Kubectl.Result get = kubectl.run("get", "customruns");
      assertThat(get.exitCode()).as(get.toString()).isZero();
      assertThat(get.out()).containsPattern("NAME\\s+SUCCEEDED\\s+REASON\\s+STARTTIME\\s+COMPLETIONTIME\n")
          .containsPattern("via-kubectl\\s+True\\s+DurationElapsed\\s+\\d+s\\s+\\d+s");

      assertThat(serve.stop().exitCode()).isZero();
    }
  }

  @Test
  void withNoClusterConfiguredServeChoosesTheEmbeddedServerAndSaysWhy() throws Exception {
    Environment nothingConfigured = new Environment(Map.of(), dir.resolve("home"));
    try (ServeInBackground serve = new ServeInBackground().inEnvironment(nothingConfigured)
        .start("--port", String.valueOf(freePort()))) {
      assertThat(serve.out()).contains("EMBEDDED API server, in this process (no cluster is configured");
      assertThat(nothingConfigured.embeddedKubeconfig()).exists();
      assertThat(serve.stop().exitCode()).isZero();
    }
  }

  @Test
  void againstAClusterServeHoldsTheLeaseReconcilesAndReleasesTheLeaseOnStop() throws Exception {
    // Every task module's CRD, as a cluster where all of ctk's controllers were installed has.
    try (EmbeddedApiServer cluster = EmbeddedApiServer.start().installCrds(CustomTaskModule.discover().stream()
        .flatMap(m -> m.crds().stream()).toList())) {
      Path kubeconfig = cluster.writeKubeconfig(dir.resolve("cluster-kubeconfig"));
      try (ServeInBackground serve = new ServeInBackground().start("--kubeconfig", kubeconfig.toString())) {
        assertThat(serve.out()).contains("CLUSTER at " + cluster.externalUrl())
            .contains("leader election:  Lease default/" + LeaderElection.LEASE_NAME + " as ");

        Lease lease = await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().leases()
            .inNamespace("default").withName(LeaderElection.LEASE_NAME).get(),
            l -> l != null && l.getSpec().getHolderIdentity() != null && !l.getSpec().getHolderIdentity().isEmpty());
        assertThat(lease.getSpec().getHolderIdentity()).endsWith("-" + ProcessHandle.current().pid());
        cluster.client().resource(customRun("on-cluster").inNamespace("default").ref(WaitTask.KIND)
            .param("duration", "50ms").build()).create();
        assertThat(awaitDone(cluster.client(), "default", "on-cluster").getStatus().isSuccessful()).isTrue();
        assertThat(serve.out()).contains("==> ctk serve: this replica holds the Lease now and reconciles.");

        Result stopped = serve.stop();
        assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
        assertThat(stopped.out()).contains("==> ctk serve: released the Lease default/" + LeaderElection.LEASE_NAME);
        Lease released = cluster.client().leases().inNamespace("default").withName(LeaderElection.LEASE_NAME).get();
        assertThat(released.getSpec().getHolderIdentity()).as("holder after a clean stop").isNull();
        assertThat(released.getSpec().getLeaseTransitions()).isEqualTo(lease.getSpec().getLeaseTransitions());
      }
    }
  }

  @Test
  void aClusterWithoutTheControllersCrdsIsToldWhichAreMissing() throws Exception {
    try (EmbeddedApiServer cluster = EmbeddedApiServer.start()) {
      Path kubeconfig = cluster.writeKubeconfig(dir.resolve("bare-kubeconfig"));

      Result result = new ServeInBackground().start("--kubeconfig", kubeconfig.toString(), "--controllers",
          "pipelinerun,wait").ended();

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).startsWith("error: the cluster at " + cluster.externalUrl())
          .contains("lacks the CRD").contains("waits.customtasks.dev").contains(": install them first")
          .hasLineCount(1);
    }
  }

  @Test
  void aPortInUseIsOneLineAndExitCode1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Result result = ctk("serve", "--embedded", "--port", String.valueOf(taken.getLocalPort()),
          "--kubeconfig-out", dir.resolve("unused").toString());

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).isEqualTo("error: cannot listen on 127.0.0.1:" + taken.getLocalPort()
          + ": the port is in use (is another 'ctk serve --embedded' running?); choose another with --port\n");
      assertThat(dir.resolve("unused")).doesNotExist();
    }
  }

  @Test
  void aSecondEmbeddedServeDoesNotTakeTheKubeconfigOfOneThatStillRuns() throws Exception {
    Path kubeconfig = dir.resolve("shared-kubeconfig");
    try (ServeInBackground first = new ServeInBackground()
        .start("--embedded", "--port", "0", "--kubeconfig-out", kubeconfig.toString(), "--controllers", "none",
            "--no-metrics")) {
      await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(kubeconfig));
      String firstOwn = Files.readString(kubeconfig);

      Result second = ctk("serve", "--embedded", "--port", "0", "--kubeconfig-out", kubeconfig.toString(),
          "--controllers", "none", "--no-metrics");

      assertThat(second.exitCode()).as(second.toString()).isEqualTo(1);
      assertThat(second.err()).startsWith("error: the kubeconfig " + kubeconfig + " is that of a server that still "
          + "answers at http://127.0.0.1:").contains("stop that one first, or write this one's elsewhere with "
          + "--kubeconfig-out FILE").hasLineCount(1);
      assertThat(kubeconfig).as("the first server's kubeconfig, untouched").hasContent(firstOwn);
    }
  }

  @Test
  void aKubeconfigLeftByAServerThatIsGoneCountsAsFree() throws Exception {
    int gone;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      gone = closed.getLocalPort();
    }
    Path kubeconfig = Files.writeString(dir.resolve("stale-kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: gone, cluster: {server: "http://127.0.0.1:%d"}}]
        contexts: [{name: gone, context: {cluster: gone}}]
        current-context: gone
        """.formatted(gone));

    assertThat(EmbeddedServeTarget.liveServerOf(kubeconfig)).isEmpty();
  }

  @Test
  void aWildcardAddressIsRefusedWithoutInsecureAnyAddress() {
    for (String wildcard : List.of("0.0.0.0", "::")) {
      Result result = ctk("serve", "--embedded", "--address", wildcard, "--port", "0", "--kubeconfig-out",
          dir.resolve("unused").toString());

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
      assertThat(result.err()).contains("--address " + wildcard + " listens beyond this machine (every network "
          + "interface), and the embedded server checks no credentials").contains("add --insecure-any-address");
      assertThat(dir.resolve("unused")).doesNotExist();
    }
  }

  @Test
  void withInsecureAnyAddressAWildcardBindSaysSoAndWarns() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    try (ServeInBackground serve = new ServeInBackground().start("--embedded", "--address", "0.0.0.0",
        "--insecure-any-address", "--port", "0", "--kubeconfig-out", kubeconfig.toString(), "--controllers", "none",
        "--no-metrics")) {
      assertThat(serve.out()).containsPattern("API server: +http://127\\.0\\.0\\.1:\\d+, listening on every network "
          + "interface \\(0\\.0\\.0\\.0\\)")
          .contains("WARNING: listening beyond this machine (--insecure-any-address), with no authentication");
      assertThat(serve.stop().exitCode()).isZero();
    }
  }

  @Test
  void onTheIpv6LoopbackAddressTheServerAndItsKubeconfigWork() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    try (ServeInBackground serve = new ServeInBackground().start("--embedded", "--address", "::1", "--port", "0",
        "--kubeconfig-out", kubeconfig.toString(), "--controllers", "wait", "--no-metrics")) {
      assertThat(serve.out()).containsPattern("API server: +http://\\[0:0:0:0:0:0:0:1\\]:\\d+")
          .doesNotContain("WARNING");
      try (KubernetesClient client = clientFor(kubeconfig)) {
        client.resource(customRun("over-ipv6").inNamespace("default").ref(WaitTask.KIND).param("duration", "0s")
            .build()).create();
        assertThat(awaitDone(client, "default", "over-ipv6").getStatus().isSuccessful()).isTrue();
      }
      assertThat(serve.stop().exitCode()).isZero();
    }
  }

  @Test
  void aKubeconfigOutUnderAFileNamesTheCause() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");

    Result result = ctk("serve", "--embedded", "--port", "0", "--no-metrics", "--kubeconfig-out",
        file.resolve("kubeconfig").toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: cannot prepare the embedded API server: cannot write the kubeconfig "
        + "to " + file.resolve("kubeconfig") + ": " + file + " exists and is not a folder\n");
  }

  @Test
  void aMalformedKubeconfigIsOneLineNamingTheFileAndLine() throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("broken"), "apiVersion: v1\nclusters: [\n");

    Result result = ctk("serve", "--kubeconfig", kubeconfig.toString(), "--no-metrics");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: the kubeconfig " + kubeconfig + ":3:1 is not YAML: ").hasLineCount(1);
  }

  @Test
  void embeddedServerOptionsWithAClusterAreABadCommandLine() throws IOException {
    Path kubeconfig = Files.writeString(dir.resolve("some-kubeconfig"), "apiVersion: v1\nkind: Config\n");

    Result result = ctk("serve", "--kubeconfig", kubeconfig.toString(), "--port", "7000");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--port applies to the embedded server only; add --embedded");
  }

  @Test
  void watchNamespacesLeavesRunsElsewhereAlone() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    try (ServeInBackground serve = new ServeInBackground().start("--embedded", "--port", "0", "--kubeconfig-out",
        kubeconfig.toString(), "--watch-namespaces", "team-a")) {
      assertThat(serve.out()).contains("controllers:  " + String.join(", ", ControllerCatalog.standard().names()) + " (namespace team-a)");
      try (KubernetesClient client = clientFor(kubeconfig)) {
        client.resource(customRun("elsewhere").inNamespace("team-b").ref(WaitTask.KIND).param("duration", "0s")
            .build()).create();
        client.resource(customRun("here").inNamespace("team-a").ref(WaitTask.KIND).param("duration", "0s")
            .build()).create();

        assertThat(awaitDone(client, "team-a", "here").getStatus().isSuccessful()).isTrue();
        assertThat(client.resources(CustomRun.class).inNamespace("team-b").withName("elsewhere").get().getStatus())
            .isNull();
      }
      assertThat(serve.stop().exitCode()).isZero();
    }
  }

  @Test
  void aWatchNamespaceThatIsNoNamespaceNameIsABadCommandLine() {
    Result result = ctk("serve", "--embedded", "--watch-namespaces", "ci,Team_A", "--kubeconfig-out",
        dir.resolve("unused").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--watch-namespaces: \"Team_A\" is not a namespace name");
    assertThat(dir.resolve("unused")).doesNotExist();
  }

  @Test
  void aKeepFinishedThatIsNoDurationIsABadCommandLine() {
    Result result = ctk("serve", "--embedded", "--keep-finished", "a-week", "--kubeconfig-out",
        dir.resolve("unused").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--keep-finished: invalid duration \"a-week\"").contains("or 'forever'");
    assertThat(dir.resolve("unused")).doesNotExist();
  }

  @Test
  void anEventTtlOfZeroIsABadCommandLine() {
    Result result = ctk("serve", "--embedded", "--event-ttl", "0s", "--kubeconfig-out", dir.resolve("unused").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--event-ttl 0s: an Event must live a while; give a positive duration such as 1h");
  }

  private static KubernetesClient clientFor(Path kubeconfig) throws IOException {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
