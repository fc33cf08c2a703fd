package dev.customtasks.e2e.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.concurrency.api.ConcurrencyKey;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.bench.BenchReport;
import dev.customtasks.e2e.bench.Percentiles;
import dev.customtasks.e2e.bench.PingPongFloor;
import dev.customtasks.e2e.bench.ScenarioTargets;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.cluster.EmbeddedTarget;
import dev.customtasks.e2e.suite.Stack;
import dev.customtasks.embedded.RequestTally;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hand-over: {@value #RUNS} PipelineRuns queued on one key with limit 1; from the holder's
 * PipelineRun seen done to the next Lock seen {@code Succeeded=True}, both receive times on the
 * benchmark's own watches. Beside it, on the same server with the same objects stored, the API
 * floor: a write seen by a watch and answered by a write ({@link PingPongFloor}). A hand-over is
 * a watch event plus three requests (read the key, write the key, write the Lock's status), so a
 * few floors is what to expect. Measures and reports into {@code target/bench/lock/}; fails only
 * on wrong behaviour (a run that never got in), never on a slow machine.
 */
@E2ETest
@Tag("bench")
class LockBenchmarksIT {

  static final int RUNS = 100;
  static final int FLOOR_SAMPLES = 200;

  @Test
  void handOverOfAHundredQueuedPipelineRunsAgainstTheApiFloor(ClusterTarget shared) {
    BenchReport report = new BenchReport(shared.name(), ScenarioTargets.isolation(shared));
    Map<String, Long> prDone = new ConcurrentHashMap<>();
    Map<String, Long> lockSucceeded = new ConcurrentHashMap<>();
    Map<String, String> lockOf = new ConcurrentHashMap<>();
    Map<String, Long> lockCreated = new ConcurrentHashMap<>();
    try (ClusterTarget target = ScenarioTargets.forScenario(shared);
        KubernetesClient observer = target.newClient();
        ControllerHarness controllers = Stack.on(target).start();
        HandOverTimelineWatch timeline = new HandOverTimelineWatch(observer, target);
        Watch prs = observer.resources(PipelineRun.class).inNamespace(target.namespace())
            .watch(seenDone(prDone, PipelineRun::isDone, r -> {}));
        Watch seenCreated = observer.resources(CustomRun.class).inNamespace(target.namespace())
            .watch(seenDone(lockCreated, r -> true, r -> {}));
        Watch locks = observer.resources(CustomRun.class).inNamespace(target.namespace())
            .watch(seenDone(lockSucceeded, CustomRun::isSuccessful, r -> {
              String pr = r.getMetadata().getLabels() == null ? null
                  : r.getMetadata().getLabels().get(TektonLabels.PIPELINE_RUN);
              if (pr != null) {
                lockOf.put(r.getMetadata().getName(), pr);
              }
            }));
        PingPongFloor floor = new PingPongFloor(target.client(), observer, target.newClient(), target.namespace())) {
      List<String> names = IntStream.range(0, RUNS).mapToObj(i -> "handover-%03d".formatted(i)).toList();
      timeline.start();
      long created = System.nanoTime();
      for (String name : names) {
        target.client().resource(guarded(target.namespace(), name)).create();
      }
      await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200))
          .until(() -> names.stream().allMatch(prDone::containsKey));
      double allSeconds = (names.stream().mapToLong(prDone::get).max().orElseThrow() - created) / 1e9;

      List<Map.Entry<String, Long>> grants = new ArrayList<>(lockSucceeded.entrySet().stream()
          .filter(e -> lockOf.containsKey(e.getKey()) && lockOf.get(e.getKey()).startsWith("handover-")).toList());
      grants.sort(Map.Entry.comparingByValue());
      assertThat(grants).as("every Lock got in").hasSize(RUNS);
      List<Double> handOvers = new ArrayList<>();
      List<HandOverTimeline.HandOver> steps = new ArrayList<>();
      HandOverTimeline seen = timeline.timeline();
      for (int i = 1; i < grants.size(); i++) {
        long previousDone = prDone.get(lockOf.get(grants.get(i - 1).getKey()));
        long next = grants.get(i).getValue();
        handOvers.add((next - previousDone) / 1e6);
        String lock = grants.get(i).getKey();
        steps.add(new HandOverTimeline.HandOver(i, lockOf.get(lock), since(previousDone, lockCreated.get(lock)),
            since(previousDone, seen.inLine(lock)), since(previousDone, seen.holding(lock)),
            (next - previousDone) / 1e6, seen.allInLine() == 0 || previousDone < seen.allInLine()));
      }
      Percentiles handOver = Percentiles.of(handOvers);
      Percentiles apiFloor = floor.oneAtATime("lock-floor", FLOOR_SAMPLES);

      report.add("Lock hand-over (holder's PipelineRun done to next Lock Succeeded=True), " + RUNS
          + " PipelineRuns on one key, limit 1", handOver.describe());
      report.add("Hand-over, by step (the key seen with the next Lock holding, on the benchmark's watch)",
          HandOverTimeline.breakdown(steps));
      report.add("Hand-over, while the Locks still arrive and after every one is in line (at "
          + String.format(Locale.ROOT, "%.1f s", (seen.allInLine() - created) / 1e9) + ")",
          HandOverTimeline.byPhase(steps));
      report.add("Slowest hand-overs", HandOverTimeline.slowest(steps, 5));
      seen.requestsPerHandOver((int) steps.stream().filter(h -> !h.arriving()).count()).ifPresent(r ->
          report.add("API requests per hand-over once every Lock is in line, by resource", r));
      seen.conflicts().ifPresent(c -> report.add("409 conflicts, by resource", c));
      report.add("API floor, one at a time: a write seen by a watch, answered by a write", apiFloor.describe());
      report.add("Hand-over over floor", String.format(Locale.ROOT, "p50 x%.1f, p99 x%.1f",
          handOver.p50() / apiFloor.p50(), handOver.p99() / apiFloor.p99()));
      report.add(RUNS + " PipelineRuns through a mutex, create to last done", String.format(Locale.ROOT,
          "%.1f s (%.0f ms per PipelineRun, each a Lock, a 0 s TaskRun and the PipelineRun's own hops)",
          allSeconds, allSeconds * 1000 / RUNS));
    }
    report.publish(Path.of(System.getProperty("basedir", "."), "target", "bench", "lock"));
  }

  /** The benchmark's watch on the key, and the server's request counts where it has them. */
  private static final class HandOverTimelineWatch implements AutoCloseable {

    private final KubernetesClient observer;
    private final ClusterTarget target;
    private HandOverTimeline timeline;
    private Watch watch;

    HandOverTimelineWatch(KubernetesClient observer, ClusterTarget target) {
      this.observer = observer;
      this.target = target;
    }

    /** Starts counting requests afresh and watching the key, once the controllers have started. */
    void start() {
      Optional<RequestTally> tally = target instanceof EmbeddedTarget embedded
          ? Optional.of(embedded.server().requests()) : Optional.empty();
      tally.ifPresent(RequestTally::reset);
      timeline = new HandOverTimeline(RUNS, tally);
      watch = observer.resources(ConcurrencyKey.class).inNamespace(target.namespace()).watch(timeline);
    }

    HandOverTimeline timeline() {
      return timeline;
    }

    @Override
    public void close() {
      if (watch != null) {
        watch.close();
      }
    }
  }

  /** Milliseconds from {@code from} to {@code to} (nanoTime), NaN when {@code to} was never seen. */
  private static double since(long from, Long to) {
    return to == null ? Double.NaN : (to - from) / 1e6;
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Watcher<T> seenDone(Map<String, Long> seen,
      java.util.function.Predicate<T> done, java.util.function.Consumer<T> also) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T object) {
        long now = System.nanoTime();
        if (action != Action.DELETED && done.test(object)) {
          also.accept(object);
          seen.putIfAbsent(object.getMetadata().getName(), now);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    };
  }

  private static PipelineRun guarded(String namespace, String name) {
    PipelineRun run = Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineSpec:
            tasks:
            - {name: take, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}, params: [{name: key, value: bench}]}
            - name: deploy
              runAfter: [take]
              taskSpec:
                metadata: {annotations: {customtasks.dev/stand-in-duration: 0s}}
                steps: [{name: deploy, image: busybox, script: 'echo'}]
        """.formatted(name), PipelineRun.class);
    run.getMetadata().setNamespace(namespace);
    return run;
  }
}
