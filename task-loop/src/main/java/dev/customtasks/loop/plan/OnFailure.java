package dev.customtasks.loop.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a loop does when an iteration fails (after the child's own retries). */
public enum OnFailure {
  /** Start no further iteration; the loop fails once the running ones have ended (the default). */
  STOP,
  /** Run every iteration; the loop fails at the end, naming the failed ones. */
  CONTINUE;

  /**
   * Reads {@code stop} or {@code continue} (any case); null means {@link #STOP}.
   *
   * @throws InvalidLoopException for any other text
   */
  public static OnFailure parse(String text) {
    if (text == null) {
      return STOP;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "stop" -> STOP;
      case "continue" -> CONTINUE;
      default -> throw new InvalidLoopException("onFailure", "must be \"stop\" or \"continue\", got \"" + text + "\"");
    };
  }

  /** The spelling on the wire; also the loop CRDs' {@code enum} for {@code spec.onFailure}. */
  @JsonValue
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
