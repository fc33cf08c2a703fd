package dev.customtasks.concurrency.slots;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * Who shares a key: the runs of one namespace ({@code namespace}, the default) or the runs of every
 * namespace ({@code cluster}). A namespace key and a cluster key of the same string are two keys.
 */
public enum Scope {
  NAMESPACE("namespace"),
  CLUSTER("cluster");

  private final String word;

  Scope(String word) {
    this.word = word;
  }

  /** The param's spelling; also the ConcurrencyKey CRD's {@code enum} for {@code spec.scope}. */
  @JsonValue
  public String word() {
    return word;
  }

  /** The value for a param's spelling; empty when it is none of them. */
  public static Optional<Scope> parse(String word) {
    return Arrays.stream(values()).filter(v -> v.word.equals(word)).findFirst();
  }

  /** The scope a {@code ConcurrencyKey}'s {@code spec.scope} says; absent (older objects) is {@code namespace}. */
  public static Scope of(String word) {
    return word == null ? NAMESPACE : parse(word).orElse(NAMESPACE);
  }

  /** The spellings, for error messages. */
  public static String words() {
    return String.join(", ", Arrays.stream(values()).map(Scope::word).toList());
  }
}
