package dev.customtasks.loop.plan;

/**
 * A loop that cannot be planned: names the field at fault and the problem, and whether the fault
 * lies in the run's params (the items a param holds, a param a field refers to) rather than in the
 * loop's own fields.
 */
public final class InvalidLoopException extends RuntimeException {

  private final String field;
  private final String problem;
  private final boolean inParams;

  public InvalidLoopException(String field, String problem) {
    this(field, problem, false);
  }

  private InvalidLoopException(String field, String problem, boolean inParams) {
    super("\"" + field + "\": " + problem);
    this.field = field;
    this.problem = problem;
    this.inParams = inParams;
  }

  /** The same problem, found in the run's params. */
  public InvalidLoopException inParams() {
    return new InvalidLoopException(field, problem, true);
  }

  /** Whether the fault lies in the run's params rather than in the loop's fields. */
  public boolean isInParams() {
    return inParams;
  }

  public String field() {
    return field;
  }

  public String problem() {
    return problem;
  }
}
