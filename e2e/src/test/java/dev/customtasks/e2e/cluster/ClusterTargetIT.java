package dev.customtasks.e2e.cluster;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static dev.customtasks.crds.testkit.RunAwaits.awaitDone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.examples.TimerTask;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.wait.WaitTask;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Smoke test of the infrastructure: controllers started through it answer runs on the chosen target. */
@E2ETest
class ClusterTargetIT {

  static final String WAIT_CRD = "META-INF/fabric8/waits.customtasks.dev-v1.yml";
  private static ControllerHarness controllers;

  @BeforeAll
  static void startControllers(ClusterTarget target) {
    target.installCrds(List.of(WAIT_CRD));
    controllers = Controllers.startTasks(target, new TimerTask(), new WaitTask());
  }

  @AfterAll
  static void stopControllers() {
    if (controllers != null) {
      controllers.close();
    }
  }

  @Test
  void timerAndWaitRunsFinishSuccessfullyNoEarlierThanAsked(ClusterTarget target) {
    String ns = target.namespace();
    target.client().resource(customRun("smoke-timer").inNamespace(ns).ref(TimerTask.KIND)
        .param("duration", "500ms").build()).create();
    target.client().resource(customRun("smoke-wait").inNamespace(ns).ref(WaitTask.KIND)
        .param("duration", "500ms").build()).create();

    for (String name : List.of("smoke-timer", "smoke-wait")) {
      CustomRun done = awaitDone(target.client(), ns, name);
      assertThat(done.getStatus().isSuccessful()).as(name + " on " + target.name()).isTrue();
      assertThat(Duration.between(done.getStatus().startInstant(), done.getStatus().completionInstant()))
          .as(name + " ran for").isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }
  }

  @Test
  void targetIsTheOneTheSystemPropertyNames(ClusterTarget target) {
    assertThat(target.name()).isEqualTo(ClusterTargets.selected(System.getProperties()).propertyValue());
    assertThat(target.namespace()).isNotBlank();
  }
}
