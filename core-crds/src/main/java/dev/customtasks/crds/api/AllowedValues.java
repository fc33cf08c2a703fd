package dev.customtasks.crds.api;

import java.util.List;
import java.util.Optional;

/**
 * The values an enum-like string field allows, and the problem with any other, naming the field
 * and the values: one check for every such field of the kinds read here (Tekton's and this
 * project's own), so that a misspelt value is refused where it is read, never run as if absent.
 * Matching is exact (case-sensitive), as Tekton's webhook matches.
 *
 * @param values the allowed spellings, in the order messages list them
 */
public record AllowedValues(List<String> values) {

  public AllowedValues {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("at least one allowed value is needed");
    }
    values = List.copyOf(values);
  }

  public static AllowedValues of(String... values) {
    return new AllowedValues(List.of(values));
  }

  /** Whether {@code value} is one of the allowed spellings. */
  public boolean allows(String value) {
    return value != null && values.contains(value);
  }

  /** The values as Tekton lists them in a message: {@code a, b or c}. */
  public String listed() {
    return join("", "");
  }

  /** The values quoted: {@code "a", "b" or "c"}. */
  public String quoted() {
    return join("\"", "\"");
  }

  private String join(String open, String close) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(i == values.size() - 1 ? " or " : ", ");
      }
      out.append(open).append(values.get(i)).append(close);
    }
    return out.toString();
  }

  /**
   * The problem with {@code value} at {@code field} (a path such as {@code spec.params.onNewer}) in
   * knative's {@code FieldError} wording, which Tekton's webhook uses: {@code invalid value: VALUE:
   * FIELD} and, on the next line, the values allowed. Empty when {@code value} is allowed, or is
   * null or empty and {@code optional} (the field's default applies).
   */
  public Optional<String> problem(String field, String value, boolean optional) {
    if (optional && (value == null || value.isEmpty()) || allows(value)) {
      return Optional.empty();
    }
    return Optional.of("invalid value: " + (value == null ? "" : value) + ": " + field + "\n" + field
        + " must be " + (values.size() == 1 ? quoted() : "one of " + quoted()));
  }
}
