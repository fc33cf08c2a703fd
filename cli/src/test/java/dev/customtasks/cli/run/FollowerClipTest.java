package dev.customtasks.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A redrawn row never wraps: a wrapped row would leave copies behind at the next redraw. */
class FollowerClipTest {

  @Test
  void aRowWiderThanTheTerminalIsCutWithAnEllipsis() {
    String row = "  matrix  Matrix  Running  0 of 5 combinations done, 2 running (maxParallel 2)";

    String clipped = Follower.clip(row, 40);

    assertThat(clipped).hasSize(39).endsWith("…").startsWith("  matrix  Matrix  Running  0 of 5");
  }

  @Test
  void aRowThatFitsIsLeftAlone() {
    assertThat(Follower.clip("  build  TaskRun  Succeeded  1.0s", 80)).isEqualTo("  build  TaskRun  Succeeded  1.0s");
  }
}
