package dev.customtasks.crds.matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a matrix fans out: {@code params} (each a name and an array of values), {@code include}
 * entries (an optional name and string params) and {@code exclude} entries (string params). The
 * shape of Tekton's {@code Matrix} ({@code pkg/apis/pipeline/v1/matrix_types.go}) plus
 * {@code exclude}, which Tekton does not have.
 *
 * <p>Lists are kept as given, in order, and copied (null lists read as empty). Nothing is checked
 * here: {@link MatrixExpander#expand} validates and names the field of the first problem.
 *
 * @param params the matrix params, in declaration order; the first varies fastest
 * @param include the include entries, applied in order
 * @param exclude the exclude entries
 */
public record MatrixInput(List<Param> params, List<Include> include, List<Exclude> exclude) {

  public MatrixInput {
    params = copy(params);
    include = copy(include);
    exclude = copy(exclude);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * One of {@code matrix.params}: a name and the array of values to fan out over.
   *
   * @param name the param's name
   * @param values the values, in order; duplicates give duplicate combinations, as in Tekton
   */
  public record Param(String name, List<String> values) {

    public Param {
      values = copy(values);
    }

    public static Param of(String name, String... values) {
      return new Param(name, Arrays.asList(values));
    }
  }

  /**
   * A named string value inside an include or exclude entry.
   *
   * @param name the param's name
   * @param value its value
   */
  public record Value(String name, String value) {
  }

  /**
   * One of {@code matrix.include}: params added to every combination they fit, or appended as a new
   * combination when they fit none.
   *
   * @param name the entry's name (may be null or empty); it names the combinations it ends up in
   * @param params the entry's params, in order
   */
  public record Include(String name, List<Value> params) {

    public Include {
      params = copy(params);
    }

    /** An include from an ordered map (a {@link java.util.LinkedHashMap} keeps the order). */
    public static Include of(String name, Map<String, String> params) {
      return new Include(name, values(params));
    }
  }

  /**
   * One of {@code matrix.exclude}: a combination whose matrix params agree with every one of these
   * params is dropped.
   *
   * @param params the entry's params, in order
   */
  public record Exclude(List<Value> params) {

    public Exclude {
      params = copy(params);
    }

    /** An exclude from an ordered map (a {@link java.util.LinkedHashMap} keeps the order). */
    public static Exclude of(Map<String, String> params) {
      return new Exclude(values(params));
    }
  }

  /** Builds a {@link MatrixInput} in declaration order. */
  public static final class Builder {

    private final List<Param> params = new ArrayList<>();
    private final List<Include> include = new ArrayList<>();
    private final List<Exclude> exclude = new ArrayList<>();

    private Builder() {
    }

    public Builder param(String name, String... values) {
      params.add(Param.of(name, values));
      return this;
    }

    public Builder param(String name, List<String> values) {
      params.add(new Param(name, values));
      return this;
    }

    /** An include entry from alternating names and values: {@code include("s390x", "GOARCH", "linux/s390x")}. */
    public Builder include(String name, String... namesAndValues) {
      include.add(new Include(name, pairs(namesAndValues)));
      return this;
    }

    public Builder include(Include entry) {
      include.add(entry);
      return this;
    }

    /** An exclude entry from alternating names and values: {@code exclude("os", "mac", "version", "12")}. */
    public Builder exclude(String... namesAndValues) {
      exclude.add(new Exclude(pairs(namesAndValues)));
      return this;
    }

    public Builder exclude(Exclude entry) {
      exclude.add(entry);
      return this;
    }

    public MatrixInput build() {
      return new MatrixInput(params, include, exclude);
    }

    private static List<Value> pairs(String... namesAndValues) {
      if (namesAndValues.length % 2 != 0) {
        throw new IllegalArgumentException("expected alternating names and values, got " + namesAndValues.length
            + " strings");
      }
      List<Value> values = new ArrayList<>();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        values.add(new Value(namesAndValues[i], namesAndValues[i + 1]));
      }
      return values;
    }
  }

  private static List<Value> values(Map<String, String> params) {
    List<Value> values = new ArrayList<>();
    if (params != null) {
      params.forEach((name, value) -> values.add(new Value(name, value)));
    }
    return values;
  }

  /** An unmodifiable copy that, unlike {@link List#copyOf}, keeps nulls for validation to report. */
  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
