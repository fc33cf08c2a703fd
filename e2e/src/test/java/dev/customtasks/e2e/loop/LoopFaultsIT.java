package dev.customtasks.e2e.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.suite.RandomRestarts;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Loops while every controller is restarted at random moments: each loop still runs each of its
 * iterations exactly once, in order, none skipped, and its pipeline finishes.
 */
@E2ETest
class LoopFaultsIT {

  private static final int ITERATIONS = 4;

  @Test
  void controllersRestartedAtRandomMomentsDuringTenLoops(ClusterTarget target) throws Exception {
    Runs runs = new Runs(target);
    List<String> names = IntStream.range(0, 10).mapToObj(i -> "loop-restarts-" + i).toList();
    Random random = new Random(7);
    int restarts;
    try (ControllerHarness controllers = Stack.on(target).start()) {
      for (String name : names) {
        runs.start("""
            metadata: {name: %s}
            spec:
              pipelineSpec:
                tasks:
                - name: loop
                  taskSpec:
                    apiVersion: customtasks.dev/v1alpha1
                    kind: Loop
                    spec:
                      taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
                      iterateParam: duration
                      items: [1s, 1s, 1s, 1s]
                      interval: 500ms
            """.formatted(name));
      }
      try (RandomRestarts chaos = RandomRestarts.start(controllers, random, 300, 900)) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> names.stream()
            .allMatch(n -> {
              PipelineRun run = runs.pipelineRun(n);
              return run != null && run.isDone();
            }));
        restarts = chaos.count();
      }
    }

    assertThat(restarts).as("restarts during the run").isGreaterThanOrEqualTo(3);
    for (String name : names) {
      PipelineRun done = runs.awaitDone(name);
      assertThat(done.getStatus().isSuccessful()).as("%s: %s", name, done.getStatus().succeededCondition()).isTrue();
      String loop = name + "-loop";
      List<CustomRun> iterations = target.client().resources(CustomRun.class).inNamespace(target.namespace()).list()
          .getItems().stream().filter(c -> c.getMetadata().getName().startsWith(loop + "-0"))
          .sorted(Comparator.comparing(c -> c.getMetadata().getName())).toList();
      assertThat(iterations).as("iterations of %s", loop).extracting(c -> c.getMetadata().getName())
          .containsExactly(loop + "-00001", loop + "-00002", loop + "-00003", loop + "-00004");
      for (int i = 1; i < ITERATIONS; i++) {
        assertThat(iterations.get(i).getStatus().startInstant()).as("%s iteration %d", loop, i + 1)
            .isAfterOrEqualTo(iterations.get(i - 1).getStatus().completionInstant().plusMillis(500));
      }
    }
  }
}
