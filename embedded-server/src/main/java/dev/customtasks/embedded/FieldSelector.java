package dev.customtasks.embedded;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A field selector ({@code ?fieldSelector=involvedObject.name=x,type!=Normal}) read as
 * kube-apiserver reads it (apimachinery's {@code pkg/fields/selector.go}, {@code ParseSelector}):
 * terms joined by commas, each {@code field=value}, {@code field==value} or
 * {@code field!=value}, split at the first operator; in a value, {@code \,}, {@code \=} and
 * {@code \\} stand for the character, and an unescaped {@code ,} or {@code =} is an error. A
 * field an object lacks has the value {@code ""}, so {@code fieldPath!=x} selects it.
 *
 * @param requirements the terms, sorted by their text as apimachinery sorts them; empty for an
 *     empty selector
 */
record FieldSelector(List<Requirement> requirements) {

  /** One term: {@code field} must equal {@code value}, or must not when {@code equal} is false. */
  record Requirement(String field, boolean equal, String value) {
  }

  /** The query parameter, up to its value. */
  static final String PARAMETER = "fieldSelector=";
  private static final List<String> OPERATORS = List.of("!=", "==", "=");

  /**
   * Reads {@code text}.
   *
   * @throws IllegalArgumentException with apimachinery's message ({@code invalid selector: 'a'; can't
   *     understand 'a'}, {@code invalid field selector: invalid escape sequence: \x}) when it is not one
   */
  static FieldSelector parse(String text) {
    List<Requirement> requirements = new ArrayList<>();
    List<String> terms = terms(text);
    // Sorted, as apimachinery sorts them: the first bad term or unsupported field reported is its.
    terms.sort(null);
    for (String term : terms) {
      if (term.isEmpty()) {
        continue;
      }
      Requirement requirement = null;
      for (int i = 0; i < term.length() && requirement == null; i++) {
        for (String operator : OPERATORS) {
          if (term.startsWith(operator, i)) {
            requirement = new Requirement(term.substring(0, i), !operator.equals("!="),
                unescape(term.substring(i + operator.length())));
            break;
          }
        }
      }
      if (requirement == null) {
        throw new IllegalArgumentException("invalid selector: '" + text + "'; can't understand '" + term + "'");
      }
      requirements.add(requirement);
    }
    return new FieldSelector(List.copyOf(requirements));
  }

  /** The {@code fieldSelector} of a request path, URL-decoded; empty when it has none. */
  static Optional<String> inQuery(String path) {
    int query = path.indexOf('?');
    if (query < 0) {
      return Optional.empty();
    }
    for (String parameter : path.substring(query + 1).split("&")) {
      if (parameter.startsWith(PARAMETER)) {
        return Optional.of(URLDecoder.decode(parameter.substring(PARAMETER.length()), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  /** The terms, split at commas not escaped by a backslash, escapes kept. */
  private static List<String> terms(String text) {
    List<String> terms = new ArrayList<>();
    if (text.isEmpty()) {
      return terms;
    }
    int start = 0;
    boolean escaped = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',') {
        terms.add(text.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(text.substring(start));
    return terms;
  }

  private static String unescape(String value) {
    StringBuilder literal = new StringBuilder(value.length());
    boolean escaped = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (escaped) {
        if (c != '\\' && c != ',' && c != '=') {
          throw new IllegalArgumentException("invalid field selector: invalid escape sequence: \\" + c);
        }
        literal.append(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',' || c == '=') {
        // Go prints the rune as its number (%v of a rune).
        throw new IllegalArgumentException("invalid field selector: unescaped character in value: " + (int) c);
      } else {
        literal.append(c);
      }
    }
    if (escaped) {
      throw new IllegalArgumentException("invalid field selector: invalid escape sequence: \\");
    }
    return literal.toString();
  }
}
