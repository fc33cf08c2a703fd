package dev.customtasks.loop.plan;

/** A loop that cannot be planned: names the field at fault and the problem. */
public final class InvalidLoopException extends RuntimeException {

  private final String field;
  private final String problem;

  public InvalidLoopException(String field, String problem) {
    super("\"" + field + "\": " + problem);
    this.field = field;
    this.problem = problem;
  }

  public String field() {
    return field;
  }

  public String problem() {
    return problem;
  }
}
