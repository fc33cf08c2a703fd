package dev.customtasks.approval.tally;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a request still pending at its deadline becomes. */
public enum OnTimeout {
  /** The run fails with reason {@code TimedOut} (the default: silence is not consent). */
  REJECT,
  /** The run succeeds with reason {@code ApprovedOnTimeout}. */
  APPROVE;

  /**
   * Reads {@code reject} or {@code approve} (any case); null or blank means {@link #REJECT}.
   *
   * @throws InvalidPolicyException naming {@code onTimeout} for anything else
   */
  public static OnTimeout parse(String text) {
    if (text == null || text.isBlank()) {
      return REJECT;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "reject" -> REJECT;
      case "approve" -> APPROVE;
      default -> throw new InvalidPolicyException("onTimeout", "must be \"reject\" or \"approve\", got \"" + text + "\"");
    };
  }

  /** The spelling on the wire; also the CRDs' {@code enum} for {@code onTimeout} (see the api types). */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
