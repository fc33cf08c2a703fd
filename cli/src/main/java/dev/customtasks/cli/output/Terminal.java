package dev.customtasks.cli.output;

import java.util.Map;

/**
 * Whether output goes to a person: colour only on a terminal (a console is attached), and never
 * when {@code NO_COLOR} is set (https://no-color.org) or {@code TERM} is {@code dumb}. Piped or
 * redirected output stays plain, as kubectl's does.
 */
public final class Terminal {

  private static final String RESET = "\u001B[0m";

  private final boolean colour;

  private Terminal(boolean colour) {
    this.colour = colour;
  }

  public static Terminal detect() {
    return detect(System.console() != null, System.getenv());
  }

  static Terminal detect(boolean console, Map<String, String> env) {
    boolean noColour = !env.getOrDefault("NO_COLOR", "").isEmpty() || "dumb".equals(env.get("TERM"));
    return new Terminal(console && !noColour);
  }

  public static Terminal plain() {
    return new Terminal(false);
  }

  public boolean colour() {
    return colour;
  }

  public String green(String text) {
    return paint("\u001B[32m", text);
  }

  public String red(String text) {
    return paint("\u001B[31m", text);
  }

  public String yellow(String text) {
    return paint("\u001B[33m", text);
  }

  public String bold(String text) {
    return paint("\u001B[1m", text);
  }

  private String paint(String code, String text) {
    return colour && !text.isEmpty() ? code + text + RESET : text;
  }
}
