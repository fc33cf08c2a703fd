package dev.customtasks.approval.tally;

import java.util.Locale;
import java.util.Optional;

/** What one person decided: {@code approve} or {@code reject}, as {@code spec.decision} spells it. */
public enum Verdict {
  APPROVE,
  REJECT;

  /** Reads {@code approve} or {@code reject} (any case, surrounding blanks ignored); empty for anything else. */
  public static Optional<Verdict> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "approve" -> Optional.of(APPROVE);
      case "reject" -> Optional.of(REJECT);
      default -> Optional.empty();
    };
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
