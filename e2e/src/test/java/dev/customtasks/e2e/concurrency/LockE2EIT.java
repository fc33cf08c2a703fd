package dev.customtasks.e2e.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.E2ETest;
import dev.customtasks.e2e.suite.Runs;
import dev.customtasks.e2e.suite.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lock across whole pipelines: PipelineRuns of one key run their guarded section one at a time,
 * in the order they came, also when every controller restarts while some hold and others wait.
 * Who was inside is read from the guarded TaskRuns' own start and completion times.
 */
@E2ETest
class LockE2EIT {

  private static ControllerHarness controllers;
  private static Runs runs;

  @BeforeAll
  static void start(ClusterTarget target) {
    controllers = Stack.on(target).start();
    runs = new Runs(target);
  }

  @AfterAll
  static void stop() {
    if (controllers != null) {
      controllers.close();
    }
  }

  /** A section of one PipelineRun: its deploy TaskRun's start and end. */
  record Section(String pipelineRun, Instant start, Instant end) {
  }

  private static void startGuarded(String name, String key) {
    runs.start("""
        metadata: {name: %s}
        spec:
          pipelineSpec:
            tasks:
            - name: take
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Lock}
              params: [{name: key, value: %s}]
            - name: deploy
              runAfter: [take]
              taskSpec:
                metadata: {annotations: {customtasks.dev/stand-in-duration: 500ms}}
                steps: [{name: deploy, image: busybox, script: 'echo deploy'}]
            - name: smoke
              runAfter: [deploy]
              taskSpec: {steps: [{name: smoke, image: busybox, script: 'echo ok'}]}
        """.formatted(name, key));
  }

  /** Waits until the PipelineRun's Lock holds its key or waits in line for it. */
  private static void awaitInLine(String pipelineRun) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> lock(pipelineRun).filter(l -> l.isDone() || message(l).startsWith("waiting for")).isPresent());
  }

  private static Optional<CustomRun> lock(String pipelineRun) {
    return runs.children(pipelineRun).stream().filter(CustomRun.class::isInstance).map(CustomRun.class::cast)
        .filter(c -> c.getStatus() != null && c.getStatus().hasStarted()).findFirst();
  }

  private static String message(CustomRun run) {
    return run.getStatus().succeededCondition().map(c -> c.getMessage() == null ? "" : c.getMessage()).orElse("");
  }

  private static List<Section> sections(List<String> pipelineRuns) {
    return pipelineRuns.stream().map(name -> {
      HasMetadata deploy = runs.child(name, "deploy");
      return new Section(name, Runs.started(deploy), Runs.finished(deploy));
    }).sorted(Comparator.comparing(Section::start)).toList();
  }

  private static void assertOneAtATimeInOrder(List<String> names) {
    for (String name : names) {
      PipelineRun done = runs.awaitDone(name, Duration.ofSeconds(120));
      assertThat(done.getStatus().isSuccessful()).as(name + ": " + done.getStatus().succeededCondition()).isTrue();
    }
    List<Section> sections = sections(names);
    assertThat(sections).extracting(Section::pipelineRun).containsExactlyElementsOf(names);
    for (int i = 1; i < sections.size(); i++) {
      assertThat(sections.get(i).start()).as("%s starts after %s ended", sections.get(i), sections.get(i - 1))
          .isAfterOrEqualTo(sections.get(i - 1).end());
    }
  }

  @Test
  void fivePipelinesOnOneKeyRunTheSectionOneAtATimeInOrder() {
    List<String> names = IntStream.range(0, 5).mapToObj(i -> "lock-e2e-" + i).toList();
    for (String name : names) {
      startGuarded(name, "e2e-deploy");
      awaitInLine(name);
    }

    assertOneAtATimeInOrder(names);
    CustomRun last = lock(names.get(4)).orElseThrow();
    assertThat(last.getStatus().result("position")).isPresent();
  }

  @Test
  void restartsWhileSomeHoldAndOthersWaitNeverLetTwoIn() {
    List<String> names = IntStream.range(0, 4).mapToObj(i -> "lock-restart-" + i).toList();
    for (String name : names) {
      startGuarded(name, "e2e-restart");
      awaitInLine(name);
    }

    controllers.restart();
    runs.awaitDone(names.get(1), Duration.ofSeconds(120));
    controllers.restart();

    assertOneAtATimeInOrder(names);
  }
}
