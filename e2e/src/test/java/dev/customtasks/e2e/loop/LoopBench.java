package dev.customtasks.e2e.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.crds.testkit.RunAwaits;
import dev.customtasks.e2e.bench.BenchReport;
import dev.customtasks.e2e.bench.CustomRunWatch;
import dev.customtasks.e2e.bench.Percentiles;
import dev.customtasks.e2e.bench.PingPongFloor;
import dev.customtasks.e2e.bench.ScenarioTargets;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.suite.Stack;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Loop's overhead per iteration: a loop of {@value #ITERATIONS} sequential iterations of a
 * {@code 0s} Wait, its hop (one iteration seen {@code Succeeded=True} to the next one seen ADDED,
 * receive times on one watch, as the PipelineRun hop is measured) against the API floor
 * measured right after on the same server ({@link PingPongFloor}: a write seen by a watch,
 * answered by a write). Tagged {@code bench}: it measures and reports into
 * {@code target/bench/loop/}, and fails only on wrong behaviour.
 */
@E2ETest
@Tag("bench")
class LoopBench {

  static final int ITERATIONS = 100;
  static final int FLOOR_SAMPLES = 200;
  static final double TARGET_FACTOR = 3;

  @Test
  void aHundredSequentialIterationsOfAZeroSecondWait(ClusterTarget shared) {
    BenchReport report = new BenchReport(shared.name(), ScenarioTargets.isolation(shared));
    try (ClusterTarget target = ScenarioTargets.forScenario(shared);
        KubernetesClient observer = target.newClient();
        CustomRunWatch watch = CustomRunWatch.open(observer, target.namespace(), false);
        ControllerHarness controllers = Stack.on(target).start();
        PingPongFloor floor = new PingPongFloor(target.client(), observer, target.newClient(), target.namespace())) {
      run(target, "loop-bench-warm-up", 10);
      List<CustomRun> iterations = run(target, "loop-bench", ITERATIONS);
      CustomRun loop = target.client().resources(CustomRun.class).inNamespace(target.namespace())
          .withName("loop-bench").get();

      List<Double> hops = new ArrayList<>();
      for (int i = 1; i < iterations.size(); i++) {
        hops.add((double) Duration.between(iterations.get(i - 1).getStatus().completionInstant(),
            iterations.get(i).getStatus().startInstant()).toMillis());
      }
      Percentiles hop = Percentiles.of(hops);
      List<Double> seen = new ArrayList<>();
      for (int i = 1; i < iterations.size(); i++) {
        long succeeded = watch.sighting(iterations.get(i - 1).getMetadata().getName()).orElseThrow().succeededNanos();
        long added = watch.sighting(iterations.get(i).getMetadata().getName()).orElseThrow().addedNanos();
        seen.add((added - succeeded) / 1e6);
      }
      Percentiles reaction = Percentiles.of(seen);
      floor.oneAtATime("loop-floor-warm-up", 20);
      Percentiles api = floor.oneAtATime("loop-floor", FLOOR_SAMPLES);
      double total = Duration.between(loop.getStatus().startInstant(), loop.getStatus().completionInstant()).toMillis();
      double limit = TARGET_FACTOR * api.p99();
      report.add("Loop hop (iteration Succeeded=True to next iteration ADDED, as a watch sees them), " + ITERATIONS
          + " sequential 0 s Waits", reaction.describe(), String.format(Locale.ROOT, "p99 <= 3 x floor p99 = %.1f ms",
          limit), BenchReport.Verdict.of(reaction.p99() <= limit));
      report.add("Iteration completionTime to next iteration startTime (the loop's hop plus the Wait's first "
          + "reconcile), from the runs' own timestamps", hop.describe());
      report.add("API floor, one at a time: a write seen by a watch, answered by a write", api.describe());
      report.add("Loop of " + ITERATIONS + " sequential 0 s Waits, start to completion", String.format(Locale.ROOT,
          "%.1f s, %.1f ms per iteration", total / 1000, total / ITERATIONS));
      report.note("Timestamps have millisecond precision; a hop of 0 ms is one under a millisecond.");
    }
    report.publish(Path.of(System.getProperty("basedir", "."), "target", "bench", "loop"));
  }

  /** Runs one loop of {@code count} 0 s Waits to its end; returns its iterations in order. */
  private static List<CustomRun> run(ClusterTarget target, String name, int count) {
    CustomRun loop = Serialization.unmarshal("""
        apiVersion: tekton.dev/v1beta1
        kind: CustomRun
        metadata: {name: %s}
        spec:
          customSpec:
            apiVersion: customtasks.dev/v1alpha1
            kind: Loop
            spec:
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
              iterateParam: duration
              items: %s
        """.formatted(name, Collections.nCopies(count, "0s")), CustomRun.class);
    loop.getMetadata().setNamespace(target.namespace());
    target.client().resource(loop).create();
    CustomRun done = RunAwaits.awaitObject(target.client(), CustomRun.class, target.namespace(), name,
        CustomRun::isDone, Duration.ofMinutes(5));
    assertThat(done.getStatus().isSuccessful()).as("%s: %s", name, done.getStatus().succeededCondition()).isTrue();
    List<CustomRun> iterations = target.client().resources(CustomRun.class).inNamespace(target.namespace()).list()
        .getItems().stream().filter(c -> c.getMetadata().getName().startsWith(name + "-0"))
        .sorted(Comparator.comparing(c -> c.getMetadata().getName())).toList();
    assertThat(iterations).hasSize(count);
    return iterations;
  }
}
