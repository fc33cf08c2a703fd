package dev.customtasks.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PipelineRunHopsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  private final PipelineRunHops hops = new PipelineRunHops();

  @Test
  void aChildCreatedAfterASiblingFinishedIsOneHopFromIt() {
    hops.childFinished("run-a", T0);

    assertThat(hops.childCreated("run-a", T0.plusMillis(40))).contains(Duration.ofMillis(40));
  }

  @Test
  void childrenCreatedBeforeAnySiblingFinishedAreNoHop() {
    assertThat(hops.childCreated("run-a", T0)).isEmpty();
  }

  @Test
  void theLatestFinishCountsForAFanIn() {
    hops.childFinished("run-a", T0.plusSeconds(3));
    hops.childFinished("run-a", T0);

    assertThat(hops.childCreated("run-a", T0.plusSeconds(3).plusMillis(20))).contains(Duration.ofMillis(20));
  }

  @Test
  void pipelineRunsDoNotShareFinishes() {
    hops.childFinished("run-a", T0);

    assertThat(hops.childCreated("run-b", T0.plusMillis(10))).isEmpty();
  }

  @Test
  void finishesLongAgoAreForgotten() {
    hops.childFinished("run-a", T0);
    hops.childFinished("run-b", T0.plus(PipelineRunHops.LONGEST_HOP).plusSeconds(1));

    assertThat(hops.tracked()).isEqualTo(1);
    assertThat(hops.childCreated("run-a", T0.plus(PipelineRunHops.LONGEST_HOP).plusSeconds(2))).isEmpty();
  }

  @Test
  void aDeletedPipelineRunIsForgotten() {
    hops.childFinished("run-a", T0);

    hops.forget("run-a");

    assertThat(hops.tracked()).isZero();
  }
}
