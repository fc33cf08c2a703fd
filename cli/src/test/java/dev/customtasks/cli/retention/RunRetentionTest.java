package dev.customtasks.cli.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.cli.retention.RunRetention.StoredRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunRetentionTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void topLevelRunsFinishedLongerAgoThanTheRetentionAreDue() {
    StoredRun old = run("old", false, Optional.of(NOW.minus(Duration.ofHours(25))));
    StoredRun recent = run("recent", false, Optional.of(NOW.minus(Duration.ofHours(23))));
    StoredRun running = run("running", false, Optional.empty());
    StoredRun oldChild = run("old-child", true, Optional.of(NOW.minus(Duration.ofHours(30))));

    assertThat(RunRetention.parse("24h").due(List.of(old, recent, running, oldChild), NOW)).containsExactly(old);
  }

  @Test
  void foreverKeepsEverything() {
    StoredRun ancient = run("ancient", false, Optional.of(NOW.minus(Duration.ofDays(400))));

    RunRetention forever = RunRetention.parse("forever");

    assertThat(forever.due(List.of(ancient), NOW)).isEmpty();
    assertThat(forever.describe()).isEqualTo("finished runs kept until ctk stops");
  }

  @Test
  void zeroDeletesRunsAsSoonAsTheyFinish() {
    StoredRun justDone = run("just-done", false, Optional.of(NOW.minusMillis(1)));

    assertThat(RunRetention.parse("0").due(List.of(justDone), NOW)).containsExactly(justDone);
  }

  @Test
  void describesTheDurationTheGoWay() {
    assertThat(RunRetention.parse("90m").describe()).isEqualTo("finished runs deleted 1h30m0s after they finish");
  }

  @Test
  void badValuesSayWhatIsExpected() {
    assertThatThrownBy(() -> RunRetention.parse("a-week")).hasMessageContaining("invalid duration \"a-week\"")
        .hasMessageEndingWith(", or 'forever'");
    assertThatThrownBy(() -> RunRetention.parse("-1h")).hasMessageContaining("negative duration");
    assertThatThrownBy(() -> RunRetention.parse("")).hasMessageContaining("empty duration");
  }

  private static StoredRun run(String name, boolean owned, Optional<Instant> completion) {
    return new StoredRun("PipelineRun", "default", name, owned, completion);
  }
}
