package dev.customtasks.e2e.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.concurrency.LockModule;
import dev.customtasks.concurrency.LockTask;
import dev.customtasks.concurrency.UnlockTask;
import dev.customtasks.concurrency.api.ConcurrencyKey;
import dev.customtasks.concurrency.slots.KeyNames;
import dev.customtasks.concurrency.slots.Scope;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.controller.WatchedNamespaces;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.Controllers;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import dev.customtasks.embedded.standin.TaskRunStandIn;
import dev.customtasks.pipelinerun.reconciler.PipelineRunReconciler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cluster keys ({@code scope: cluster}) across two namespaces: the target's and a second one this
 * class creates. PipelineRuns of both share one line for the key, kept in the cluster keys
 * namespace ({@code customtasks}, created where missing), run their guarded section one at a time
 * in the order their Locks came, and a namespace key of the same string is another key. The
 * controllers answer runs in the two namespaces and the cluster keys namespace only.
 */
@E2ETest
class ClusterKeyE2EIT {

  private static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
  private static final String PART_OF_VALUE = "customtasks-e2e";
  private static final String KEYS_NAMESPACE = LockTask.DEFAULT_CLUSTER_KEYS_NAMESPACE;

  private static ClusterTarget target;
  private static ControllerHarness controllers;
  private static String teamA;
  private static String teamB;
  private static Map<String, Runs> runs;
  private static final List<String> created = new ArrayList<>();

  @BeforeAll
  static void start(ClusterTarget clusterTarget) {
    target = clusterTarget;
    teamA = target.namespace();
    teamB = teamA + "-b";
    target.installCrds(List.of(LockModule.CRD));
    createNamespaceIfMissing(teamB);
    createNamespaceIfMissing(KEYS_NAMESPACE);
    WatchedNamespaces namespaces = WatchedNamespaces.parse(String.join(",", teamA, teamB, KEYS_NAMESPACE));
    boolean ownPipelineRuns = !target.hasRealTekton();
    controllers = Controllers.start(target, operator -> {
      if (ownPipelineRuns) {
        new PipelineRunReconciler(Clock.systemUTC()).registerWith(operator, namespaces);
        new TaskRunStandIn(Clock.systemUTC(), Stack.TASKRUN_DURATION).registerWith(operator, namespaces);
      }
      Controllers.tasks(namespaces, new LockTask(), new UnlockTask()).accept(operator);
    });
    runs = Map.of(teamA, new Runs(target, teamA), teamB, new Runs(target, teamB));
  }

  @AfterAll
  static void stop() {
    if (controllers != null) {
      controllers.close();
    }
    if (target != null) {
      for (String key : List.of(key("order"), key("hold"))) {
        target.client().resources(ConcurrencyKey.class).inNamespace(KEYS_NAMESPACE)
            .withName(KeyNames.objectName(key, Scope.CLUSTER)).delete();
      }
      created.forEach(namespace -> target.client().namespaces().withName(namespace).delete());
    }
  }

  /** A namespace of this class's own, removed at the end; {@code customtasks} may exist already. */
  private static void createNamespaceIfMissing(String namespace) {
    KubernetesClient client = target.client();
    if (client.namespaces().withName(namespace).get() != null) {
      return;
    }
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
        .addToLabels(PART_OF_LABEL, PART_OF_VALUE).endMetadata().build()).create();
    created.add(namespace);
    // Pods (of TaskRuns under real Tekton) need the default ServiceAccount, which arrives a little later.
    client.serviceAccounts().inNamespace(namespace).withName("default")
        .waitUntilCondition(Objects::nonNull, 60, TimeUnit.SECONDS);
  }

  /** A key of this run only: the cluster keys namespace may be shared by runs of the suite. */
  private static String key(String name) {
    return "e2e-" + name + "-" + teamA;
  }

  /** A PipelineRun whose section (deploy, {@code duration}) follows a Lock of {@code key} with {@code scope}. */
  private static void startGuarded(String namespace, String name, String key, String scope, String duration) {
    runs.get(namespace).start("""
        metadata: {name: %s}
        spec:
          pipelineSpec:
            tasks:
            - name: take
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}
              params: [{name: key, value: %s}, {name: scope, value: %s}]
            - name: deploy
              runAfter: [take]
              taskSpec:
                metadata: {annotations: {customtasks.dev/stand-in-duration: %s}}
                steps: [{name: deploy, image: busybox, script: 'sleep 1'}]
        """.formatted(name, key, scope, duration));
  }

  /** The PipelineRun's Lock once it holds its key or waits in line for it. */
  private static CustomRun awaitInLine(String namespace, String pipelineRun) {
    return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> lock(namespace, pipelineRun).filter(l -> l.isDone() || message(l).startsWith("waiting for")),
            Optional::isPresent).orElseThrow();
  }

  private static Optional<CustomRun> lock(String namespace, String pipelineRun) {
    return runs.get(namespace).children(pipelineRun).stream().filter(CustomRun.class::isInstance)
        .map(CustomRun.class::cast).filter(c -> c.getStatus() != null && c.getStatus().hasStarted()).findFirst();
  }

  private static String message(CustomRun run) {
    return run.getStatus().succeededCondition().map(c -> c.getMessage() == null ? "" : c.getMessage()).orElse("");
  }

  /** One PipelineRun's section: its deploy TaskRun's start and end. */
  record Section(String who, Instant start, Instant end) {
  }

  @Test
  void pipelineRunsOfTwoNamespacesRunTheSectionOneAtATimeInTheOrderTheirLocksCame() {
    String key = key("order");
    List<String[]> started = List.of(new String[] {teamA, "ck-order-0"}, new String[] {teamB, "ck-order-1"},
        new String[] {teamA, "ck-order-2"}, new String[] {teamB, "ck-order-3"});
    for (String[] run : started) {
      startGuarded(run[0], run[1], key, "cluster", "500ms");
      awaitInLine(run[0], run[1]);
    }

    List<Section> sections = new ArrayList<>();
    for (String[] run : started) {
      PipelineRun done = runs.get(run[0]).awaitDone(run[1], Duration.ofSeconds(120));
      assertThat(done.getStatus().isSuccessful()).as(run[0] + "/" + run[1] + ": "
          + done.getStatus().succeededCondition()).isTrue();
      HasMetadata deploy = runs.get(run[0]).child(run[1], "deploy");
      sections.add(new Section(run[0] + "/" + run[1], Runs.started(deploy), Runs.finished(deploy)));
    }
    sections.sort(Comparator.comparing(Section::start));

    // First come, first served by the Lock CustomRun's creation (whole seconds), ties broken by
    // namespace, then name.
    List<String> arrival = started.stream().map(r -> lock(r[0], r[1]).orElseThrow())
        .sorted(Comparator.comparing((CustomRun l) -> Instant.parse(l.getMetadata().getCreationTimestamp()))
            .thenComparing(l -> l.getMetadata().getNamespace()).thenComparing(l -> l.getMetadata().getName()))
        .map(l -> l.getMetadata().getNamespace() + "/" + l.getMetadata().getLabels().get(TektonLabels.PIPELINE_RUN))
        .toList();
    assertThat(sections).extracting(Section::who).containsExactlyElementsOf(arrival);
    for (int i = 1; i < sections.size(); i++) {
      assertThat(sections.get(i).start()).as("%s starts after %s ended", sections.get(i), sections.get(i - 1))
          .isAfterOrEqualTo(sections.get(i - 1).end());
    }
    ConcurrencyKey shared = target.client().resources(ConcurrencyKey.class).inNamespace(KEYS_NAMESPACE)
        .withName(KeyNames.objectName(key, Scope.CLUSTER)).get();
    assertThat(shared.getSpec().key()).isEqualTo(key);
    assertThat(shared.getSpec().scope()).isEqualTo("cluster");
    for (String namespace : List.of(teamA, teamB)) {
      assertThat(target.client().resources(ConcurrencyKey.class).inNamespace(namespace).list().getItems())
          .as("no key object in %s: a cluster key lives in %s only", namespace, KEYS_NAMESPACE)
          .noneMatch(k -> key.equals(k.getSpec().key()));
    }
  }

  @Test
  void aHolderOfAnotherNamespaceHoldsBackAClusterLockOnlyAndItsCancelLetsItIn() {
    String key = key("hold");
    startGuarded(teamB, "ck-hold", key, "cluster", "1h");
    Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> lock(teamB, "ck-hold").filter(CustomRun::isDone).isPresent());

    startGuarded(teamA, "ck-wait", key, "cluster", "200ms");
    CustomRun waiting = awaitInLine(teamA, "ck-wait");
    startGuarded(teamA, "ck-local", key, "namespace", "200ms");

    assertThat(waiting.isDone()).as("held by a run of " + teamB).isFalse();
    assertThat(message(waiting)).startsWith("waiting for " + key + ": position 1 of 1, held by " + teamB
        + "/ck-hold (since ");
    PipelineRun local = runs.get(teamA).awaitDone("ck-local", Duration.ofSeconds(120));
    assertThat(local.getStatus().isSuccessful()).as("a namespace key of the same string is another key: "
        + local.getStatus().succeededCondition()).isTrue();
    assertThat(lock(teamA, "ck-wait").orElseThrow().isDone()).as("still held by " + teamB + "/ck-hold").isFalse();

    runs.get(teamB).setSpecStatus("ck-hold", "Cancelled");

    PipelineRun released = runs.get(teamA).awaitDone("ck-wait", Duration.ofSeconds(120));
    assertThat(released.getStatus().isSuccessful()).as("let in once the holder of " + teamB + " was cancelled: "
        + released.getStatus().succeededCondition()).isTrue();
    assertThat(runs.get(teamB).awaitDone("ck-hold", Duration.ofSeconds(120)).getStatus().isSuccessful()).isFalse();
  }
}
