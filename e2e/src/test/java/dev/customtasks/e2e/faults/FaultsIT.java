package dev.customtasks.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.approval.api.ApprovalDecision;
import dev.customtasks.approval.api.ApprovalDecisionSpec;
import dev.customtasks.approval.api.ApprovalRequest;
import dev.customtasks.approval.api.ApprovalRequestStatus;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.suite.RandomRestarts;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Faults while pipelines run: every controller restarted at random moments, the network to the
 * API server cut, and a second writer causing a storm of conflicts. In each case every run must
 * finish, no wait may fire early, no child may be created twice, no approval may be lost, and no
 * two PipelineRuns may be inside a Lock's section together.
 */
@E2ETest
class FaultsIT {

  private static final String PIPELINE = """
      metadata: {name: %1$s}
      spec:
        pipelineSpec:
          tasks:
          - {name: first, taskSpec: {steps: [{name: run, image: busybox, script: 'echo ok'}]}}
          - name: wait
            runAfter: [first]
            taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
            params: [{name: duration, value: %2$s}]
          - {name: second, runAfter: [wait], taskSpec: {steps: [{name: run, image: busybox, script: 'echo ok'}]}}
      """;

  private static final String APPROVAL_PIPELINE = """
      metadata: {name: %s}
      spec:
        pipelineSpec:
          tasks:
          - name: approve
            taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Approval}
            params:
            - {name: approvers, value: [alice, bob]}
            - {name: required, value: "2"}
          - {name: after, runAfter: [approve], taskSpec: {steps: [{name: run, image: busybox, script: 'echo ok'}]}}
      """;

  @Test
  void controllersRestartedAtRandomMomentsDuringFiftyPipelines(ClusterTarget target) {
    Runs runs = new Runs(target);
    List<String> names = IntStream.range(0, 50).mapToObj(i -> "restarts-" + i).toList();
    Random random = new Random(42);
    int restarts;
    try (ControllerHarness controllers = Stack.on(target).start()) {
      for (String name : names) {
        // Waits of 6-8 s outlast at least three restart cycles (at most 1 s apart plus the restart
        // itself), however fast the machine finishes everything else.
        runs.start(PIPELINE.formatted(name, (6 + random.nextInt(3)) + "s"));
      }
      try (RandomRestarts chaos = RandomRestarts.start(controllers, random, 200, 800)) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
            .until(() -> names.stream().allMatch(n -> isDone(runs, n)));
        restarts = chaos.count();
      }
    }

    assertThat(restarts).as("restarts during the run").isGreaterThanOrEqualTo(3);
    for (String name : names) {
      assertFinishedCleanly(runs, name);
    }
  }

  @Test
  void runsFinishAfterTheConnectionToTheApiServerIsCutAndRestored(ClusterTarget target) throws Exception {
    Assumptions.assumeTrue(target.name().equals("embedded"),
        "the TCP proxy sits in front of the embedded server only; skipped on " + target.name());
    Runs runs = new Runs(target);
    URI server = URI.create(target.client().getConfiguration().getMasterUrl());
    try (TcpProxy proxy = new TcpProxy(new InetSocketAddress(server.getHost(), server.getPort()));
        ControllerHarness controllers = new ControllerHarness(() -> clientThrough(target, proxy),
            Stack.on(target).registrations()).start()) {
      List<String> names = IntStream.range(0, 10).mapToObj(i -> "cut-" + i).toList();
      names.forEach(n -> runs.start(PIPELINE.formatted(n, "2s")));
      await().atMost(Duration.ofMinutes(1))
          .until(() -> names.stream().allMatch(n -> runs.children(n).size() >= 2));

      proxy.cut(Duration.ofSeconds(3));

      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
          .until(() -> names.stream().allMatch(n -> isDone(runs, n)));
      names.forEach(n -> assertFinishedCleanly(runs, n));
    }
  }

  @Test
  void conflictStormFromASecondWriterOnTheWaits(ClusterTarget target) {
    Runs runs = new Runs(target);
    List<String> names = IntStream.range(0, 10).mapToObj(i -> "storm-" + i).toList();
    AtomicInteger writes = new AtomicInteger();
    java.util.Set<String> hit = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (ControllerHarness controllers = Stack.on(target).start()) {
      names.forEach(n -> runs.start(PIPELINE.formatted(n, "4s")));
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10)).until(() -> {
        for (String name : names) {
          CustomRun wait = runs.customRun(name + "-wait");
          if (wait != null && !wait.isDone()) {
            target.client().resources(CustomRun.class).inNamespace(target.namespace()).withName(name + "-wait")
                .patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"annotations\":{\"second-writer\":\"" + writes.incrementAndGet() + "\"}}}");
            hit.add(name);
          }
        }
        return names.stream().allMatch(n -> isDone(runs, n));
      });
    }
    // How many writes land depends on the machine's speed; that every wait got some mid-run is what matters.
    assertThat(hit).as("waits the second writer wrote to while they ran (%d writes)", writes.get())
        .containsExactlyInAnyOrderElementsOf(names);
    names.forEach(n -> assertFinishedCleanly(runs, n));
  }

  @Test
  void controllersRestartedWhileSubPipelinesRunCreateEachChildOnce(ClusterTarget target) {
    Runs runs = new Runs(target);
    List<String> names = IntStream.range(0, 10).mapToObj(i -> "nested-restarts-" + i).toList();
    Random random = new Random(7);
    int restarts;
    try (ControllerHarness controllers = Stack.on(target).start()) {
      for (String name : names) {
        runs.start("""
            metadata: {name: %s}
            spec:
              pipelineSpec:
                tasks:
                - name: inner
                  taskSpec:
                    apiVersion: tekton.dev/v1
                    kind: Pipeline
                    spec:
                      tasks:
                      - {name: wait, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}, params: [{name: duration, value: 5s}]}
                      results: [{name: fired, value: "$(tasks.wait.results.firedAt)"}]
                - {name: after, taskSpec: {params: [{name: at}], steps: [{name: run, image: busybox, script: 'echo $(params.at)'}]}, params: [{name: at, value: "$(tasks.inner.results.fired)"}]}
            """.formatted(name));
      }
      try (RandomRestarts chaos = RandomRestarts.start(controllers, random, 200, 800)) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
            .until(() -> names.stream().allMatch(n -> isDone(runs, n)));
        restarts = chaos.count();
      }
    }

    assertThat(restarts).as("restarts during the run").isGreaterThanOrEqualTo(3);
    for (String name : names) {
      PipelineRun done = runs.awaitDone(name);
      assertThat(done.getStatus().isSuccessful()).as("%s: %s", name, done.getStatus().succeededCondition()).isTrue();
      assertThat(target.client().resources(PipelineRun.class).inNamespace(target.namespace())
          .withLabel("tekton.dev/customRun", name + "-inner").list().getItems())
          .as("child PipelineRuns of %s-inner", name).singleElement()
          .satisfies(p -> assertThat(p.getMetadata().getName()).isEqualTo(name + "-inner"));
      assertThat(runs.children(name + "-inner")).as("runs of the inner pipeline of %s", name).hasSize(1);
    }
  }

  @Test
  void controllersRestartedWhileLocksHoldAndWaitNeverLetTwoIntoTheSection(ClusterTarget target) {
    Runs runs = new Runs(target);
    List<String> names = IntStream.range(0, 8).mapToObj(i -> "lock-restarts-" + i).toList();
    Random random = new Random(17);
    int restarts;
    try (ControllerHarness controllers = Stack.on(target).start()) {
      for (String name : names) {
        runs.start("""
            metadata: {name: %s}
            spec:
              pipelineSpec:
                tasks:
                - name: take
                  taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}
                  params: [{name: key, value: faults-mutex}]
                - name: deploy
                  runAfter: [take]
                  taskSpec:
                    metadata: {annotations: {customtasks.dev/stand-in-duration: 700ms}}
                    steps: [{name: deploy, image: busybox, script: 'echo deploy'}]
            """.formatted(name));
      }
      // Eight sections of 0.7 s one after another outlast several restart cycles.
      try (RandomRestarts chaos = RandomRestarts.start(controllers, random, 200, 800)) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
            .until(() -> names.stream().allMatch(n -> isDone(runs, n)));
        restarts = chaos.count();
      }
    }

    assertThat(restarts).as("restarts during the run").isGreaterThanOrEqualTo(3);
    List<Instant[]> sections = names.stream().map(name -> {
      PipelineRun done = runs.awaitDone(name);
      assertThat(done.getStatus().isSuccessful()).as("%s: %s", name, done.getStatus().succeededCondition()).isTrue();
      assertThat(runs.children(name)).as("children of %s", name).hasSize(2);
      HasMetadata deploy = runs.child(name, "deploy");
      return new Instant[] {Runs.started(deploy), Runs.finished(deploy)};
    }).sorted(java.util.Comparator.comparing((Instant[] s) -> s[0])).toList();
    for (int i = 1; i < sections.size(); i++) {
      assertThat(sections.get(i)[0]).as("section %d starts after section %d ended", i, i - 1)
          .isAfterOrEqualTo(sections.get(i - 1)[1]);
    }
  }

  @Test
  void approvalsDecidedWhileControllersRestartAreAllCounted(ClusterTarget target) {
    Runs runs = new Runs(target);
    List<String> names = IntStream.range(0, 10).mapToObj(i -> "approvals-" + i).toList();
    Random random = new Random(11);
    int restarts;
    try (ControllerHarness controllers = Stack.on(target).start();
        KubernetesClient alice = impersonating(target, "alice");
        KubernetesClient bob = impersonating(target, "bob")) {
      names.forEach(n -> runs.start(APPROVAL_PIPELINE.formatted(n)));
      try (RandomRestarts chaos = RandomRestarts.start(controllers, random, 200, 800)) {
        names.forEach(n -> RunAwaits.awaitObject(target.client(), ApprovalRequest.class, target.namespace(),
            n + "-approve", r -> r.getStatus() != null && "Pending".equals(r.getStatus().state())));
        // Each person decides on every request, the two rounds a restart apart (as the API server
        // sees it, a decision is created whether or not a controller is up to count it).
        names.forEach(n -> decide(target, alice, n + "-approve", "alice"));
        int before = chaos.count();
        await().atMost(Duration.ofMinutes(1)).until(() -> chaos.count() > before);
        names.forEach(n -> decide(target, bob, n + "-approve", "bob"));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
            .until(() -> names.stream().allMatch(n -> isDone(runs, n)));
        restarts = chaos.count();
      }
    }

    assertThat(restarts).as("restarts during the run, one at least between the two rounds").isGreaterThanOrEqualTo(1);
    for (String name : names) {
      PipelineRun done = runs.awaitDone(name);
      assertThat(done.getStatus().isSuccessful()).as("%s: %s", name, done.getStatus().succeededCondition()).isTrue();
      CustomRun gate = runs.customRun(name + "-approve");
      assertThat(gate.getStatus().reason()).as(name).contains("Approved");
      assertThat(gate.getStatus().result("approvers")).as(name).map(r -> r.getValue())
          .contains(ParamValue.ofArray(List.of("alice", "bob")));
      ApprovalRequest request = target.client().resources(ApprovalRequest.class).inNamespace(target.namespace())
          .withName(name + "-approve").get();
      assertThat(request.getStatus().approvals()).as(name).isEqualTo("2/2");
      assertThat(request.getStatus().decisions()).as("decisions counted on %s", name)
          .extracting(ApprovalRequestStatus.RecordedDecision::user).containsExactly("alice", "bob");
      assertThat(runs.children(name)).as("children of %s", name).hasSize(2);
    }
  }

  /** A client that acts as {@code user}, as kubectl's {@code --as} does. */
  private static KubernetesClient impersonating(ClusterTarget target, String user) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(target.client().getConfiguration())
        .withImpersonateUsername(user).build()).build();
  }

  private static void decide(ClusterTarget target, KubernetesClient as, String request, String user) {
    ApprovalDecision decision = new ApprovalDecision();
    decision.setMetadata(new ObjectMetaBuilder().withName(request + "-" + user).withNamespace(target.namespace())
        .build());
    decision.setSpec(new ApprovalDecisionSpec(request, "approve", "", user, null));
    as.resource(decision).create();
  }

  private static KubernetesClient clientThrough(ClusterTarget target, TcpProxy proxy) {
    URI server = URI.create(target.client().getConfiguration().getMasterUrl());
    String viaProxy = server.getScheme() + "://127.0.0.1:" + proxy.port() + "/";
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(target.client().getConfiguration())
        .withMasterUrl(viaProxy).build()).build();
  }

  private static boolean isDone(Runs runs, String name) {
    PipelineRun run = runs.pipelineRun(name);
    return run != null && run.isDone();
  }

  /** Succeeded; exactly one child per task; the wait fired no earlier than asked. */
  private static void assertFinishedCleanly(Runs runs, String name) {
    PipelineRun done = runs.awaitDone(name);
    assertThat(done.getStatus().isSuccessful()).as("%s: %s", name, done.getStatus().succeededCondition())
        .isTrue();
    List<HasMetadata> children = runs.children(name);
    assertThat(children).as("children of %s", name).hasSize(3);
    CustomRun wait = runs.customRun(name + "-wait");
    Instant started = Timestamps.parse(wait.getStatus().result("startedAt").orElseThrow().getValue().asString());
    Instant fired = Timestamps.parse(wait.getStatus().result("firedAt").orElseThrow().getValue().asString());
    Duration asked = dev.customtasks.crds.duration.GoDuration.parse(wait.getSpec().getParams().get(0).getValue()
        .asString());
    assertThat(fired).as("%s fired at", name).isAfterOrEqualTo(started.plus(asked));
    assertThat(started).isEqualTo(wait.getStatus().startInstant());
    assertThat(Runs.started(runs.child(name, "second"))).isAfterOrEqualTo(fired);
  }
}
