package dev.customtasks.loop.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values a loop iterates over, from each form a user can write: a literal list, a string of
 * lines (a string result fed into an array param), a string with a separator, or a numeric range.
 * Every value is a string, as a Tekton param takes it.
 */
public final class LoopItems {

  /** The most iterations one loop may plan: each is a child object and an entry in the run's status, which must stay far below the API server's object size limit. */
  public static final int MAX_ITEMS = 1_000;

  private LoopItems() {
  }

  /**
   * A literal list, checked.
   *
   * @throws InvalidLoopException naming {@code field} when the list is empty or too long
   */
  public static List<String> of(String field, List<String> items) {
    if (items == null || items.isEmpty()) {
      throw new InvalidLoopException(field, "has no items; a loop needs at least one");
    }
    if (items.size() > MAX_ITEMS) {
      throw new InvalidLoopException(field, "has " + items.size() + " items, more than " + MAX_ITEMS);
    }
    return List.copyOf(items);
  }

  /**
   * Splits a string into items the way tektoncd/experimental's TaskLoop splits a string iterate
   * param: one item per line, a single trailing newline ignored (so {@code "a\nb\n"} is
   * {@code [a, b]}). With a {@code separator} (kfp-tekton PipelineLoop's
   * {@code iterateParamStringSeparator}) the string is split on it instead.
   *
   * @throws InvalidLoopException naming {@code field} when no item results
   */
  public static List<String> split(String field, String text, String separator) {
    if (text == null || text.isEmpty()) {
      throw new InvalidLoopException(field, "is empty; a loop needs at least one item");
    }
    List<String> items;
    if (separator != null && !separator.isEmpty()) {
      items = new ArrayList<>(Arrays.asList(text.split(java.util.regex.Pattern.quote(separator), -1)));
    } else {
      String trimmed = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
      items = new ArrayList<>(Arrays.asList(trimmed.split("\n", -1)));
    }
    return of(field, items);
  }

  /**
   * The numbers from {@code from} to {@code to}, both included, {@code step} apart: {@code 1, 10, 3}
   * gives {@code 1, 4, 7, 10}; {@code 10, 1, -3} gives {@code 10, 7, 4, 1}; {@code 1, 10, 4} gives
   * {@code 1, 5, 9}. {@code from == to} gives one item.
   *
   * @throws InvalidLoopException naming {@code field}.step for a zero step or one going away from
   *     {@code to}, or {@code field} for a range of more than {@link #MAX_ITEMS}
   */
  public static List<String> range(String field, long from, long to, long step) {
    if (step == 0) {
      throw new InvalidLoopException(field + ".step", "must not be 0");
    }
    if ((to > from && step < 0) || (to < from && step > 0)) {
      throw new InvalidLoopException(field + ".step", "goes the wrong way: from " + from + " to " + to
          + " needs a " + (to > from ? "positive" : "negative") + " step, got " + step);
    }
    long count = Math.abs(Math.subtractExact(to, from)) / Math.abs(step) + 1;
    if (count > MAX_ITEMS) {
      throw new InvalidLoopException(field, "from " + from + " to " + to + " step " + step + " has " + count
          + " items, more than " + MAX_ITEMS);
    }
    List<String> items = new ArrayList<>((int) count);
    for (long i = 0, value = from; i < count; i++, value += step) {
      items.add(Long.toString(value));
    }
    return List.copyOf(items);
  }

  /**
   * Reads a range bound given as text (a param), for the message of a bad one.
   *
   * @throws InvalidLoopException naming {@code field} when it is not an integer
   */
  public static long parseBound(String field, String text) {
    if (text == null) {
      throw new InvalidLoopException(field, "is required");
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new InvalidLoopException(field, "\"" + text + "\" is not an integer");
    }
  }
}
