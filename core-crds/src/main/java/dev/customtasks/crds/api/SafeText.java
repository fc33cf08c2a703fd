package dev.customtasks.crds.api;

/**
 * Text from users (a param value, an edited field) made safe to show: control characters and
 * Unicode's bidirectional controls are written as {@code \}{@code uXXXX} escapes, so that a
 * message quoting hostile input can neither drive a terminal (ANSI escapes), cut a log line (NUL),
 * nor reorder what a reader sees (a right-to-left override, CVE-2021-42574's "Trojan Source").
 * Line feeds and tabs stay: messages may have several lines.
 */
public final class SafeText {

  private SafeText() {
  }

  /** {@code text} with every unsafe character escaped; null stays null. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (unsafe(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** C0 and C1 controls other than line feed and tab, line and paragraph separators, and bidi controls. */
  static boolean unsafe(char c) {
    if (c == '\n' || c == '\t') {
      return false;
    }
    return Character.getType(c) == Character.CONTROL
        || c == '\u2028' || c == '\u2029'
        || c == '\u061c' || c == '\u200e' || c == '\u200f'
        || c >= '\u202a' && c <= '\u202e'
        || c >= '\u2066' && c <= '\u2069';
  }
}
