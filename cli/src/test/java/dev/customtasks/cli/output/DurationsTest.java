package dev.customtasks.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({"PT0S, 0s", "PT45S, 45s", "PT119S, 119s", "PT3M12S, 3m12s", "PT5M, 5m", "PT2H30M, 150m",
      "PT5H3M, 5h3m", "PT20H, 20h", "PT52H, 2d4h", "P30D, 30d", "P1000D, 2y270d", "P4000D, 10y"})
  void agesAreWrittenAsKubernetesWritesThem(Duration duration, String expected) {
    assertThat(Durations.age(duration)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({"PT0.35S, 350ms", "PT1.234S, 1.2s", "PT59.94S, 59.9s", "PT3M12S, 3m12s", "PT-1S, 0ms"})
  void elapsedTimesKeepSubSecondPrecision(Duration duration, String expected) {
    assertThat(Durations.elapsed(duration)).isEqualTo(expected);
  }
}
