package dev.customtasks.approval.tally;

/**
 * An approval policy field is unusable. The message names the field and the value, so it can go
 * straight into the run's {@code Succeeded=False} condition.
 */
public final class InvalidPolicyException extends IllegalArgumentException {

  private final String field;
  private final String problem;

  public InvalidPolicyException(String field, String problem) {
    super("param \"" + field + "\": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The field at fault, e.g. {@code required}. */
  public String field() {
    return field;
  }

  /** The message without the {@code param "..."} prefix. */
  public String problem() {
    return problem;
  }
}
