package dev.customtasks.approval.tally;

import com.fasterxml.jackson.annotation.JsonValue;
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

  /** What is wrong with {@code text} as a {@code spec.decision}, naming the field and the values allowed. */
  public static String problem(String text) {
    return "spec.decision must be \"approve\" or \"reject\", got \"" + text + "\"";
  }

  /** The spelling on the wire; also the ApprovalDecision CRD's {@code enum} for {@code spec.decision}. */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
