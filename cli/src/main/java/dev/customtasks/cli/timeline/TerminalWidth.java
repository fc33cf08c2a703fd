package dev.customtasks.cli.timeline;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How many columns the output may use: {@code COLUMNS} when set (shells export it, and a script
 * can set it), else on a terminal what {@code stty size} says of it (picocli asks the same way for
 * its help), else {@link #UNKNOWN}.
 */
public final class TerminalWidth {

  /** Where no terminal says otherwise: a pipe, a file, CI. */
  public static final int UNKNOWN = 100;

  private TerminalWidth() {
  }

  public static int detect() {
    return detect(System.getenv(), System.console() != null);
  }

  static int detect(Map<String, String> env, boolean console) {
    Optional<Integer> columns = positive(env.get("COLUMNS"));
    if (columns.isPresent()) {
      return columns.get();
    }
    return console ? stty().orElse(UNKNOWN) : UNKNOWN;
  }

  private static Optional<Integer> stty() {
    try {
      Process process = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(1, TimeUnit.SECONDS)) {
        process.destroy();
        return Optional.empty();
      }
      String[] rowsAndColumns = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()
          .split("\\s+");
      return rowsAndColumns.length == 2 ? positive(rowsAndColumns[1]) : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static Optional<Integer> positive(String text) {
    try {
      int value = text == null ? 0 : Integer.parseInt(text.strip());
      return value > 0 ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
