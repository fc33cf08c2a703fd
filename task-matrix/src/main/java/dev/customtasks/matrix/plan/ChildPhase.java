package dev.customtasks.matrix.plan;

/**
 * Where one combination's child run stands, as the schedule sees it. The names written to
 * {@code status.extraFields} are {@link #wireName()}s.
 */
public enum ChildPhase {
  /** No child yet: the combination waits for a free slot (or will never start after a fail-fast). */
  NOT_STARTED("NotStarted"),
  /** Created, not started by its controller yet; counts against {@code maxParallel}. */
  PENDING("Pending"),
  RUNNING("Running"),
  SUCCEEDED("Succeeded"),
  FAILED("Failed"),
  /** Failed because it was cancelled (by the matrix's fail-fast, or by someone else). */
  CANCELLED("Cancelled");

  private final String wireName;

  ChildPhase(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The phase written as {@code wireName}; {@link #NOT_STARTED} for null or an unknown name. */
  public static ChildPhase fromWireName(String wireName) {
    for (ChildPhase phase : values()) {
      if (phase.wireName.equals(wireName)) {
        return phase;
      }
    }
    return NOT_STARTED;
  }

  /** Created and not done: holds one of the {@code maxParallel} slots. */
  public boolean isActive() {
    return this == PENDING || this == RUNNING;
  }

  public boolean isDone() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  /** Done without success: the combination counts as failed. */
  public boolean isFailure() {
    return this == FAILED || this == CANCELLED;
  }

  /** Whether a child was created for it. */
  public boolean isStarted() {
    return this != NOT_STARTED;
  }
}
