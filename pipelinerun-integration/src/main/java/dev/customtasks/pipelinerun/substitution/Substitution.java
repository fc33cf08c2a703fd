package dev.customtasks.pipelinerun.substitution;

import dev.customtasks.crds.api.ParamValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Replaces variables in param values the way Tekton does: inline in strings; a value that is
 * exactly {@code $(params.a[*])} (or a task's array result) becomes that array, or spreads its
 * items inside an array; {@code [n]} and {@code .key} pick one item or field.
 */
public final class Substitution {

  private Substitution() {
  }

  public static ParamValue apply(ParamValue value, Bindings bindings) {
    return switch (value.type()) {
      case STRING -> applyToString(value.asString(), bindings);
      case ARRAY -> {
        List<String> items = new ArrayList<>();
        for (String item : value.asArray()) {
          var whole = References.whole(item);
          if (whole.isPresent() && whole.get().isStar()) {
            ParamValue resolved = resolve(whole.get(), bindings);
            if (resolved.type() != ParamValue.Type.ARRAY) {
              throw new UnresolvedReferenceException(whole.get(), whole.get().text() + " is not an array");
            }
            items.addAll(resolved.asArray());
          } else {
            items.add(inline(item, bindings));
          }
        }
        yield ParamValue.ofArray(items);
      }
      case OBJECT -> {
        Map<String, String> fields = new LinkedHashMap<>();
        value.asObject().forEach((k, v) -> fields.put(k, inline(v, bindings)));
        yield ParamValue.ofObject(fields);
      }
    };
  }

  /** A string with every variable replaced by a string. */
  public static String inline(String text, Bindings bindings) {
    Matcher m = References.VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      var ref = References.parse(m.group(0), m.group(1));
      String replacement = ref.isPresent() ? asString(ref.get(), resolve(ref.get(), bindings)) : m.group(0);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static ParamValue applyToString(String text, Bindings bindings) {
    var whole = References.whole(text);
    if (whole.isPresent() && whole.get().isStar()) {
      return resolve(whole.get(), bindings);
    }
    return ParamValue.of(inline(text, bindings));
  }

  private static String asString(Reference ref, ParamValue value) {
    if (value.type() != ParamValue.Type.STRING) {
      throw new UnresolvedReferenceException(ref, ref.text() + " is " + (value.type() == ParamValue.Type.ARRAY
          ? "an array" : "an object") + " and cannot be used inside a string; use [*] as the whole value, or "
          + (value.type() == ParamValue.Type.ARRAY ? "[n]" : ".key") + " for one part");
    }
    return value.asString();
  }

  /** The value a variable stands for, with its selector applied. */
  public static ParamValue resolve(Reference ref, Bindings bindings) {
    ParamValue value = bindings.value(ref).orElseThrow(() -> new UnresolvedReferenceException(ref, missing(ref)));
    if (ref.selector() instanceof Reference.Selector.Index index) {
      if (value.type() != ParamValue.Type.ARRAY) {
        throw new UnresolvedReferenceException(ref, ref.text() + " indexes a value that is not an array");
      }
      if (index.index() >= value.asArray().size()) {
        throw new UnresolvedReferenceException(ref, ref.text() + " is out of bounds: the array has "
            + value.asArray().size() + " items");
      }
      return ParamValue.of(value.asArray().get(index.index()));
    }
    if (ref.selector() instanceof Reference.Selector.Key key) {
      if (value.type() != ParamValue.Type.OBJECT) {
        throw new UnresolvedReferenceException(ref, ref.text() + " selects a key of a value that is not an object");
      }
      String field = value.asObject().get(key.key());
      if (field == null) {
        throw new UnresolvedReferenceException(ref, ref.text() + " names key \"" + key.key()
            + "\", which the object does not have");
      }
      return ParamValue.of(field);
    }
    return value;
  }

  private static String missing(Reference ref) {
    return switch (ref.source()) {
      case PARAM -> "param \"" + ref.name() + "\" has no value";
      case TASK_RESULT -> "task \"" + ref.name() + "\" has no result \"" + ref.result() + "\"";
      case TASK_STATUS -> "task \"" + ref.name() + "\" has no status yet";
      case TASKS_STATUS -> "$(tasks.status) is only known in finally tasks";
      case CONTEXT -> "unknown context variable " + ref.text();
    };
  }
}
