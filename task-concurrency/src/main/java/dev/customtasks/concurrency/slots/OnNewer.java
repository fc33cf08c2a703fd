package dev.customtasks.concurrency.slots;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a newer Lock does to the key's older runs: wait its turn ({@code queue}), cancel them
 * (GitHub Actions' {@code cancel-in-progress}), or give up at once while the key is busy.
 */
public enum OnNewer {
  QUEUE("queue"),
  CANCEL_OLDER("cancel-older"),
  SKIP_NEWER("skip-newer");

  private final String word;

  OnNewer(String word) {
    this.word = word;
  }

  /** The param's spelling. */
  public String word() {
    return word;
  }

  /** The value for a param's spelling; empty when it is none of them. */
  public static Optional<OnNewer> parse(String word) {
    return Arrays.stream(values()).filter(v -> v.word.equals(word)).findFirst();
  }

  /** The spellings, for error messages. */
  public static String words() {
    return String.join(", ", Arrays.stream(values()).map(OnNewer::word).toList());
  }
}
