package dev.customtasks.crds.controller;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.examples.TimerTask;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A conflict is decided again soon, not after the doubling back-off meant for failures. */
class ConflictRescheduleTest {

  @Test
  void aConflictIsDecidedAgainWithinMillisecondsWithoutSpendingARetry() {
    CustomRun run = customRun("r").ref(TimerTask.KIND).param("duration", "1s").build();
    CustomTaskReconciler<TimerTask.Spec, Void> reconciler = new CustomTaskReconciler<>(new TimerTask(),
        Clock.systemUTC());

    ErrorStatusUpdateControl<CustomRun> control = reconciler.updateErrorStatus(run, null,
        new RuntimeException("writing the status", new KubernetesClientException("the object has been modified", 409,
            null)));

    assertThat(control.isDefaultErrorProcessing()).isFalse();
    assertThat(control.isNoRetry()).isTrue();
    assertThat(control.getResource()).as("no status is written for a conflict").isEmpty();
    assertThat(control.getScheduleDelay()).hasValueSatisfying(ms -> assertThat(Duration.ofMillis(ms))
        .isPositive().isLessThan(Duration.ofMillis(20)));
  }

  @Test
  void theDelaysAfterConflictsDifferSoCollidingRunsDoNotCollideAgainInStep() {
    assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> StatusWriter.afterConflict()).distinct().count())
        .isGreaterThan(1);
  }
}
