package dev.customtasks.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

  @Test
  void colourOnlyOnAConsole() {
    assertThat(Terminal.detect(true, Map.of()).green("ok")).isEqualTo("\u001B[32mok\u001B[0m");
    assertThat(Terminal.detect(false, Map.of()).green("ok")).isEqualTo("ok");
  }

  @Test
  void noColourWhenAskedOrOnADumbTerminal() {
    assertThat(Terminal.detect(true, Map.of("NO_COLOR", "1")).colour()).isFalse();
    assertThat(Terminal.detect(true, Map.of("TERM", "dumb")).colour()).isFalse();
    assertThat(Terminal.detect(true, Map.of("NO_COLOR", "")).colour()).as("an empty NO_COLOR does not count").isTrue();
  }
}
