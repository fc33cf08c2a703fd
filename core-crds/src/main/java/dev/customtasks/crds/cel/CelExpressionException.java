package dev.customtasks.crds.cel;

/**
 * A CEL expression that cannot be compiled or evaluated to a bool. The message quotes the
 * expression and carries CEL's own error (with the position, for a compile error), so a run can
 * fail with it as it stands.
 */
public class CelExpressionException extends RuntimeException {

  private final String expression;

  public CelExpressionException(String expression, String problem) {
    this(expression, problem, null);
  }

  public CelExpressionException(String expression, String problem, Throwable cause) {
    super("CEL expression \"" + expression + "\" " + problem, cause);
    this.expression = expression;
  }

  /** The expression as given. */
  public String expression() {
    return expression;
  }
}
