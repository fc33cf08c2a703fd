package dev.customtasks.pipelinerun.substitution;

import java.util.Optional;

/**
 * One {@code $(...)} variable in a pipeline: a param, a task's result or status, or a context
 * value, with an optional selector ({@code [*]}, {@code [2]}, {@code .key}).
 *
 * @param text the whole variable as written, e.g. {@code $(tasks.build.results.image[*])}
 */
public record Reference(String text, Source source, String name, String result, Selector selector) {

  /** Where the value comes from. */
  public enum Source { PARAM, TASK_RESULT, TASK_STATUS, TASKS_STATUS, CONTEXT }

  /** What part of the value is used. */
  public sealed interface Selector {
    /** The value as it is. */
    record Whole() implements Selector {
    }

    /** {@code [*]}: every item of an array, or the whole object, in place. */
    record Star() implements Selector {
    }

    /** {@code [n]}: one item of an array. */
    record Index(int index) implements Selector {
    }

    /** {@code .key}: one field of an object. */
    record Key(String key) implements Selector {
    }
  }

  /** The task a task-result or task-status reference points at. */
  public Optional<String> task() {
    return source == Source.TASK_RESULT || source == Source.TASK_STATUS ? Optional.of(name) : Optional.empty();
  }

  public boolean isStar() {
    return selector instanceof Selector.Star;
  }
}
