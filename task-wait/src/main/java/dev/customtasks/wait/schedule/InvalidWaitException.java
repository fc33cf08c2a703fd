package dev.customtasks.wait.schedule;

/**
* A user-supplied wait parameter is unusable. The message names the parameter and the
* value, so it can go straight into the run's {@code Succeeded=False} condition.
*/
public final class InvalidWaitException extends IllegalArgumentException {

  private final String field;
  private final String problem;

  public InvalidWaitException(String field, String problem) {
    super("param \"" + field + "\": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The parameter at fault, e.g. {@code window}. */
  public String field() {
    return field;
  }

  /** The message without the {@code param "..."} prefix. */
  public String problem() {
    return problem;
  }
}
