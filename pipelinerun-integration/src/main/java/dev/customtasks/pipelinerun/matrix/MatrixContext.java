package dev.customtasks.pipelinerun.matrix;

import dev.customtasks.crds.api.ParamValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The matrix context variables, replaced in a pipeline task's params before anything else is
 * substituted, as Tekton's {@code ApplyPipelineTaskContexts}
 * ({@code pkg/reconciler/pipelinerun/resources/apply.go}) does:
 * {@code $(tasks.<task>.matrix.length)}, the number of combinations of that task, and
 * {@code $(tasks.<task>.matrix.<result>.length)}, the number of values of its gathered result.
 * They are not result references: they add no DAG edge (order the consumer with {@code runAfter},
 * as Tekton's examples do). A variable whose value is not known is left as written.
 */
public final class MatrixContext {

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\(\\s*tasks\\.([^.()\\s]+)\\.matrix\\.(?:([^()\\s]+)\\.)?length\\s*\\)");

  /** Where the lengths come from. */
  public interface Lengths {

    /** The number of combinations of {@code task}, if known. */
    OptionalInt combinations(String task);

    /** The number of values of {@code task}'s gathered result {@code result}, if known. */
    OptionalInt result(String task, String result);
  }

  private MatrixContext() {
  }

  /** A value with every matrix context variable in it replaced where its length is known. */
  public static ParamValue apply(ParamValue value, Lengths lengths) {
    if (value == null || value.problem().isPresent()) {
      return value;
    }
    return switch (value.type()) {
      case STRING -> ParamValue.of(apply(value.asString(), lengths));
      case ARRAY -> ParamValue.ofArray(value.asArray().stream().map(s -> apply(s, lengths)).toList());
      case OBJECT -> {
        Map<String, String> fields = new LinkedHashMap<>();
        value.asObject().forEach((k, v) -> fields.put(k, apply(v, lengths)));
        yield ParamValue.ofObject(fields);
      }
    };
  }

  /** A string with every matrix context variable in it replaced where its length is known. */
  public static String apply(String text, Lengths lengths) {
    if (text == null || !text.contains(".matrix.")) {
      return text;
    }
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      OptionalInt length = m.group(2) == null ? lengths.combinations(m.group(1))
          : lengths.result(m.group(1), m.group(2));
      m.appendReplacement(out, Matcher.quoteReplacement(length.isPresent() ? String.valueOf(length.getAsInt())
          : m.group(0)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
