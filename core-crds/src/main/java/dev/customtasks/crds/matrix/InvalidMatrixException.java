package dev.customtasks.crds.matrix;

/**
 * A matrix that cannot be fanned out. The message reads {@code field: problem}, the field being a
 * path into the matrix such as {@code matrix.params[1].name} or {@code matrix.include[0].params},
 * so a run can fail with it as it stands.
 */
public class InvalidMatrixException extends RuntimeException {

  private final String field;
  private final String problem;

  public InvalidMatrixException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The path of the offending field, e.g. {@code matrix.exclude[0].params[1].name}. */
  public String field() {
    return field;
  }

  /** What is wrong with it. */
  public String problem() {
    return problem;
  }
}
