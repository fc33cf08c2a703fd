package dev.customtasks.matrix.plan;

import dev.customtasks.crds.api.ParamValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves Tekton's param references in a Matrix spec against the CustomRun's params: how a
 * named {@code Matrix} object, written once, gets the values a PipelineRun passes to this run.
 *
 * <p>The forms are Tekton's ({@code docs/variables.md}, tektoncd/pipeline):
 * {@code $(params.name)}, {@code $(params["name"])} or {@code $(params['name'])} for a string
 * param; {@code $(params.name[i])} for one element of an array param; {@code $(params.name.key)}
 * for one field of an object param. An array param is taken whole by a value that is nothing but
 * {@code $(params.name)} or {@code $(params.name[*])}, and, as an element of an array value,
 * spreads into it ({@code [$(params.extra[*]), b]}). Anything else a reference cannot mean (an
 * array inside a longer string, a field of a string param) is an error, as is a reference to a
 * param the run does not have.
 *
 * <p>The instance remembers which params were referenced ({@link #referenced()}).
 */
public final class ParamReferences {

  private static final Pattern REFERENCE = Pattern.compile(
      "\\$\\(params(?:\\.([A-Za-z0-9_-]+)|\\[(?:\"([^\"]+)\"|'([^']+)')\\])(?:\\.([A-Za-z0-9_-]+)|\\[(\\*|[0-9]+)\\])?\\)");

  private final Map<String, ParamValue> params;
  private final Set<String> referenced = new LinkedHashSet<>();

  /** @param params the run's params by name */
  public ParamReferences(Map<String, ParamValue> params) {
    this.params = params;
  }

  /** A param reference that cannot be resolved. */
  public static final class InvalidReferenceException extends RuntimeException {
    private final String param;

    InvalidReferenceException(String param, String problem) {
      super(problem);
      this.param = param;
    }

    /** The name of the param referred to. */
    public String param() {
      return param;
    }
  }

  /** The params referred to so far, in order of first reference. */
  public Set<String> referenced() {
    return Collections.unmodifiableSet(referenced);
  }

  /**
   * {@code text} with every reference replaced by a string.
   *
   * @throws InvalidReferenceException for a missing param or a reference that is not a string
   */
  public String substitute(String text) {
    if (text == null || !text.contains("$(")) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(stringValue(m)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The values an array-valued field takes: each element substituted, an element that is a whole
   * array reference spread in place.
   */
  public List<String> substituteAll(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      Optional<List<String>> whole = wholeArray(value);
      if (whole.isPresent()) {
        out.addAll(whole.get());
      } else {
        out.add(substitute(value));
      }
    }
    return out;
  }

  /**
   * A value with its references resolved: a string that is a whole array reference becomes that
   * array; other strings, array elements and object fields are substituted.
   */
  public ParamValue resolve(ParamValue value) {
    return switch (value.type()) {
      case STRING -> wholeArray(value.asString()).map(ParamValue::ofArray)
          .orElseGet(() -> ParamValue.of(substitute(value.asString())));
      case ARRAY -> ParamValue.ofArray(substituteAll(value.asArray()));
      case OBJECT -> {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        value.asObject().forEach((k, v) -> fields.put(k, substitute(v)));
        yield ParamValue.ofObject(fields);
      }
    };
  }

  /**
   * The array {@code text} refers to when it is nothing but {@code $(params.name)} or
   * {@code $(params.name[*])} naming an array param; empty otherwise.
   */
  public Optional<List<String>> wholeArray(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = REFERENCE.matcher(text.strip());
    if (!m.matches() || m.group(4) != null || (m.group(5) != null && !"*".equals(m.group(5)))) {
      return Optional.empty();
    }
    String name = name(m);
    ParamValue value = params.get(name);
    if (value == null || value.type() != ParamValue.Type.ARRAY) {
      return Optional.empty();
    }
    referenced.add(name);
    return Optional.of(value.asArray());
  }

  private String stringValue(Matcher m) {
    String name = name(m);
    ParamValue value = params.get(name);
    if (value == null) {
      throw new InvalidReferenceException(name, m.group() + " refers to param \"" + name
          + "\", which the run does not have" + (params.isEmpty() ? "" : " (it has " + String.join(", ",
          params.keySet()) + ")"));
    }
    referenced.add(name);
    String field = m.group(4);
    String index = m.group(5);
    switch (value.type()) {
      case STRING -> {
        if (field != null || index != null) {
          throw new InvalidReferenceException(name, m.group() + ": param \"" + name + "\" is a string");
        }
        return value.asString();
      }
      case ARRAY -> {
        if (index == null || "*".equals(index)) {
          throw new InvalidReferenceException(name, m.group() + ": param \"" + name
              + "\" is an array, which only a value that is nothing but the reference can take");
        }
        int i = Integer.parseInt(index);
        if (i >= value.asArray().size()) {
          throw new InvalidReferenceException(name, m.group() + ": param \"" + name + "\" has "
              + value.asArray().size() + " elements");
        }
        return value.asArray().get(i);
      }
      default -> {
        if (field == null) {
          throw new InvalidReferenceException(name, m.group() + ": param \"" + name
              + "\" is an object; refer to one of its keys, $(params." + name + ".key)");
        }
        String v = value.asObject().get(field);
        if (v == null) {
          throw new InvalidReferenceException(name, m.group() + ": object param \"" + name + "\" has no key \""
              + field + "\"");
        }
        return v;
      }
    }
  }

  private static String name(Matcher m) {
    return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
  }
}
