package dev.customtasks.pipelinerun.substitution;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.crds.api.pipeline.WhenExpression;
import dev.customtasks.pipelinerun.matrix.PipelineMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds and parses the {@code $(...)} variables in strings, values and pipeline tasks. */
public final class References {

  static final Pattern VARIABLE = Pattern.compile("\\$\\(([^()]+)\\)");
  // At most 9 digits, so that an index always fits an int: a longer one is not parsed as an index.
  private static final Pattern SELECTOR = Pattern.compile("^(.*?)(\\[\\*\\]|\\[(\\d{1,9})\\])$");
  private static final Pattern BRACKET_NAME = Pattern.compile("^params\\[['\"]([^'\"]+)['\"]\\](.*)$");

  private static final Set<String> PIPELINE_CONTEXTS = Set.of("pipelineRun", "pipeline", "pipelineTask");

  private References() {
  }

  /** The variables in {@code text} that this controller resolves; others (e.g. workspaces) are left alone. */
  public static List<Reference> in(String text) {
    List<Reference> found = new ArrayList<>();
    if (text == null) {
      return found;
    }
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      parse(m.group(0), m.group(1)).ifPresent(found::add);
    }
    return found;
  }

  public static List<Reference> in(ParamValue value) {
    if (value == null || value.problem().isPresent()) {
      return List.of();
    }
    return switch (value.type()) {
      case STRING -> in(value.asString());
      case ARRAY -> value.asArray().stream().flatMap(s -> in(s).stream()).toList();
      case OBJECT -> value.asObject().values().stream().flatMap(s -> in(s).stream()).toList();
    };
  }

  /**
   * Every variable a pipeline task uses, in its params, its matrix's values and its {@code when}
   * expressions (CEL ones included).
   */
  public static List<Reference> in(PipelineTask task) {
    List<Reference> found = new ArrayList<>();
    if (task.getParams() != null) {
      for (Param p : task.getParams()) {
        found.addAll(in(p.getValue()));
      }
    }
    PipelineMatrix.of(task).ifPresent(matrix -> found.addAll(matrix.references()));
    if (task.getWhen() != null) {
      for (WhenExpression when : task.getWhen()) {
        found.addAll(in(when.getCel()));
        found.addAll(in(when.getInput()));
        if (when.getValues() != null) {
          when.getValues().forEach(v -> found.addAll(in(v)));
        }
      }
    }
    return found;
  }

  /** The single variable {@code text} consists of, if it is exactly one. */
  public static Optional<Reference> whole(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = VARIABLE.matcher(text);
    if (m.matches()) {
      return parse(m.group(0), m.group(1));
    }
    return Optional.empty();
  }

  static Optional<Reference> parse(String text, String body) {
    String expression = body.strip();
    Reference.Selector selector = new Reference.Selector.Whole();
    Matcher sel = SELECTOR.matcher(expression);
    if (sel.matches()) {
      expression = sel.group(1);
      selector = sel.group(3) == null ? new Reference.Selector.Star()
          : new Reference.Selector.Index(Integer.parseInt(sel.group(3)));
    }
    Matcher bracket = BRACKET_NAME.matcher(expression);
    if (bracket.matches()) {
      // The bracket form is how a name with dots is written (params["org.example.x"]): the name
      // is taken whole, only what follows the brackets can select a key.
      String rest = bracket.group(2);
      if (rest.isEmpty()) {
        return Optional.of(new Reference(text, Reference.Source.PARAM, bracket.group(1), null, selector));
      }
      if (rest.matches("\\.[^.\\[\\]]+") && selector instanceof Reference.Selector.Whole) {
        return Optional.of(new Reference(text, Reference.Source.PARAM, bracket.group(1), null,
            new Reference.Selector.Key(rest.substring(1))));
      }
      return Optional.empty();
    }
    String[] parts = expression.split("\\.");
    if (parts.length >= 2 && parts[0].equals("params")) {
      if (parts.length == 3 && selector instanceof Reference.Selector.Whole) {
        selector = new Reference.Selector.Key(parts[2]);
      } else if (parts.length != 2) {
        return Optional.empty();
      }
      return Optional.of(new Reference(text, Reference.Source.PARAM, parts[1], null, selector));
    }
    if (parts.length == 2 && parts[0].equals("tasks") && parts[1].equals("status")) {
      return Optional.of(new Reference(text, Reference.Source.TASKS_STATUS, null, null, selector));
    }
    if (parts.length == 3 && parts[0].equals("tasks") && parts[2].equals("status")) {
      return Optional.of(new Reference(text, Reference.Source.TASK_STATUS, parts[1], null, selector));
    }
    if (parts.length >= 4 && parts[0].equals("tasks") && parts[2].equals("results")) {
      if (parts.length == 5 && selector instanceof Reference.Selector.Whole) {
        selector = new Reference.Selector.Key(parts[4]);
      } else if (parts.length != 4) {
        return Optional.empty();
      }
      return Optional.of(new Reference(text, Reference.Source.TASK_RESULT, parts[1], parts[3], selector));
    }
    // Only the context a pipeline knows; others (context.taskRun.name, ...) are the task's to resolve.
    if (parts.length == 3 && parts[0].equals("context") && PIPELINE_CONTEXTS.contains(parts[1])) {
      return Optional.of(new Reference(text, Reference.Source.CONTEXT, parts[1] + "." + parts[2], null, selector));
    }
    return Optional.empty();
  }
}
