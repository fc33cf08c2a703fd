package dev.customtasks.crds.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelUnknownSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A compiled CEL condition, from {@link CelEvaluator#compile}: immutable and thread-safe, evaluated
 * as often as needed.
 */
public final class CelCondition {

  private final String expression;
  private final Map<String, CelVarType> variables;
  private final Set<String> reads;
  private final CelRuntime.Program program;

  CelCondition(String expression, Map<String, CelVarType> variables, Set<String> reads, CelRuntime.Program program) {
    this.expression = expression;
    this.variables = variables;
    this.reads = reads;
    this.program = program;
  }

  /** The expression as given. */
  public String expression() {
    return expression;
  }

  /** The declared variables, name to type, sorted by name. */
  public Map<String, CelVarType> variables() {
    return variables;
  }

  /** The declared variables the expression reads, sorted by name. */
  public Set<String> reads() {
    return reads;
  }

  /**
   * Evaluates the condition.
   *
   * @param values the variables' values; a variable the expression {@linkplain #reads() reads} must
   *     have one (even where a branch would not reach it), one it does not read may be left out, a
   *     value for an undeclared name is an error
   * @throws CelExpressionException quoting the expression, for a value that does not fit its
   *     declaration, a runtime error such as a missing map key, or a result that is not a bool
   */
  public boolean evaluate(Map<String, ?> values) {
    for (String name : reads) {
      if (!values.containsKey(name)) {
        throw new CelExpressionException(expression, "has no value for variable \"" + name + "\" ("
            + variables.get(name).celName() + ")");
      }
    }
    Map<String, Object> converted = new HashMap<>();
    for (Map.Entry<String, ?> entry : values.entrySet()) {
      CelVarType type = variables.get(entry.getKey());
      if (type == null) {
        throw new CelExpressionException(expression, "was given a value for \"" + entry.getKey()
            + "\", which is not one of its variables " + variables.keySet());
      }
      try {
        converted.put(entry.getKey(), CelValues.convert(entry.getKey(), type, entry.getValue()));
      } catch (IllegalArgumentException e) {
        throw new CelExpressionException(expression, "cannot be evaluated: " + e.getMessage(), e);
      }
    }
    Object result;
    try {
      result = program.eval(converted);
    } catch (CelEvaluationException e) {
      // CEL's code says what went wrong where its message alone may not ("missing" for a map key).
      String code = e.getErrorCode() == null ? "" : " (" + e.getErrorCode().name().toLowerCase(Locale.ROOT)
          .replace('_', ' ') + ")";
      throw new CelExpressionException(expression, "failed" + code + ": " + e.getMessage(), e);
    }
    if (result instanceof Boolean b) {
      return b;
    }
    if (result instanceof CelUnknownSet) {
      throw new CelExpressionException(expression, "failed: a variable it reads has no value");
    }
    throw new CelExpressionException(expression, "gives " + describe(result) + ", not a bool");
  }

  private static String describe(Object result) {
    if (result instanceof String s) {
      return "the string \"" + s + "\"";
    }
    return result == null ? "null" : "a " + result.getClass().getSimpleName() + " (" + result + ")";
  }

  @Override
  public String toString() {
    return "CelCondition[" + expression + ", " + variables + "]";
  }
}
