package dev.customtasks.crds.matrix;

import dev.customtasks.crds.matrix.MatrixInput.Exclude;
import dev.customtasks.crds.matrix.MatrixInput.Include;
import dev.customtasks.crds.matrix.MatrixInput.Param;
import dev.customtasks.crds.matrix.MatrixInput.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fans a matrix out into its ordered combinations, with Tekton's ordering and include rules and
 * GitHub Actions' {@code exclude}. Pure: no Kubernetes types, no state.
 *
 * <p>Upstream: Tekton's {@code Matrix.FanOut} in {@code pkg/apis/pipeline/v1/matrix_types.go}, its
 * cases in {@code matrix_types_test.go} and the rules in {@code docs/matrix.md}
 * (tektoncd/pipeline). This is a separate implementation of those rules, not a port.
 *
 * <h2>Rules</h2>
 *
 * <ol>
 *   <li><b>Order.</b> The combinations of {@code params} come first, the <em>first</em> param varying
 *       fastest: {@code GOARCH [amd64, ppc64le]} by {@code version [1.17, 1.18]} gives amd64/1.17,
 *       ppc64le/1.17, amd64/1.18, ppc64le/1.18. This is the order Tekton's code and tests produce
 *       (child runs {@code -0}, {@code -1}, ... in this order); the examples in
 *       {@code docs/matrix.md} list the same combinations with the last param varying fastest.
 *       Within a combination the params are sorted by name, as Tekton passes them to the child.</li>
 *   <li><b>Exclude</b> (not in Tekton; GitHub Actions' semantics). A combination of {@code params}
 *       whose values agree with every param of an exclude entry is dropped. Excludes apply before
 *       includes, so an include can add a combination back.</li>
 *   <li><b>Include.</b> In order, each entry is added to every remaining combination it fits: it fits
 *       when it agrees with the combination on every param the entry shares with {@code params}
 *       (an entry sharing none fits every combination). Its params are added to the combination;
 *       a matrix value is never changed (fitting means agreeing), a value added by an earlier
 *       include is replaced. An entry that fits no combination is appended as a new combination of
 *       its own params, after all others, in include order.</li>
 *   <li><b>Include only.</b> With no {@code params}, every include entry is one combination.</li>
 *   <li><b>Empty array.</b> A param with no values means no combinations: the result is
 *       {@linkplain FanOut#isSkipped() skipped}, as Tekton skips the pipeline task. So is a matrix
 *       whose every combination is excluded and which no include brings back.</li>
 *   <li><b>Limit.</b> More combinations (after exclude and include) than the limit is an error;
 *       Tekton's default limit is 256 ({@code default-max-matrix-combinations-count}).</li>
 *   <li><b>Names.</b> A combination carries the names of the named include entries all of whose
 *       params it has (Tekton's rule for a matrixed child's display name).</li>
 * </ol>
 *
 * <p>Where this departs from Tekton's code (in cases neither its docs nor its tests cover, and where
 * its docs describe the rule above): Tekton matches a later include against values added by earlier
 * includes too, so an include that disagrees with an added value is not applied rather than
 * replacing it; and Tekton appends an include that fits no combination only if no combination
 * shares any one of its values, so an include such as {@code GOARCH=linux/s390x, version=go1.19}
 * against the docs' matrix is silently dropped there and appended here. Tekton also accepts an
 * include entry with no params (a no-op) and a matrix with neither params nor include (no
 * combinations); both are errors here. {@link IncludeRule#TEKTON_CODE} applies includes as Tekton's
 * code does instead.
 */
public final class MatrixExpander {

  /** Tekton's default {@code default-max-matrix-combinations-count}. */
  public static final int DEFAULT_MAX_COMBINATIONS = 256;

  /**
   * With excludes, the combinations of {@code params} are enumerated (not kept) to count what
   * remains; past this many the matrix is refused without counting.
   */
  static final long MAX_ENUMERATED = 1L << 20;

  /** Go compares strings byte-wise in UTF-8, which is code-point order. */
  private static final Comparator<String> GO_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  };

  private MatrixExpander() {
  }

  /** Fans out with Tekton's default limit of {@value #DEFAULT_MAX_COMBINATIONS} combinations. */
  public static FanOut expand(MatrixInput matrix) {
    return expand(matrix, DEFAULT_MAX_COMBINATIONS);
  }

  /**
   * Fans out a matrix.
   *
   * @param maxCombinations the most combinations allowed (at least 1)
   * @return the combinations in order, or a skip when a param's array is empty or everything is
   *     excluded
   * @throws InvalidMatrixException naming the field, for a matrix with neither params nor include,
   *     an empty or duplicate param name, a null value, an empty include or exclude entry, an
   *     exclude naming a param not in {@code params}, or more combinations than the limit
   */
  public static FanOut expand(MatrixInput matrix, int maxCombinations) {
    return expand(matrix, maxCombinations, IncludeRule.DOCUMENTED);
  }

  /**
   * Fans out a matrix, applying includes by the given rule. Under {@link IncludeRule#TEKTON_CODE}
   * the limit is checked against the number of combinations actually produced (Tekton's own
   * {@code CountCombinations} estimates it differently in the same edge cases); excludes apply as
   * under the documented rule.
   *
   * @throws InvalidMatrixException as {@link #expand(MatrixInput, int)}
   */
  public static FanOut expand(MatrixInput matrix, int maxCombinations, IncludeRule rule) {
    if (maxCombinations < 1) {
      throw new IllegalArgumentException("maxCombinations must be at least 1, got " + maxCombinations);
    }
    Shape shape = Shape.validate(matrix);
    for (int k = 0; k < shape.params.size(); k++) {
      if (shape.params.get(k).values().isEmpty()) {
        return FanOut.skipped("matrix.params[" + k + "] (" + shape.params.get(k).name()
            + ") is an empty array, so the matrix has no combinations");
      }
    }
    if (shape.params.isEmpty()) {
      if (shape.includes.size() > maxCombinations) {
        throw tooMany(BigInteger.valueOf(shape.includes.size()), maxCombinations, "");
      }
      return FanOut.of(shape.includes.stream().map(i -> shape.combination(new TreeMap<>(GO_ORDER), i)).toList());
    }
    BigInteger product = shape.product();
    if (rule == IncludeRule.TEKTON_CODE) {
      if (product.compareTo(BigInteger.valueOf(shape.excludes.isEmpty() ? maxCombinations : MAX_ENUMERATED)) > 0) {
        throw tooMany(product, maxCombinations, shape.excludes.isEmpty() ? "" : " of matrix.params before exclude");
      }
      return shape.fanOutAsTektonCode(product.longValueExact(), maxCombinations);
    }
    if (product.compareTo(BigInteger.valueOf(maxCombinations)) > 0) {
      if (shape.excludes.isEmpty()) {
        throw tooMany(product.add(BigInteger.valueOf(shape.includesFittingNoneOfAll())), maxCombinations, "");
      }
      if (product.compareTo(BigInteger.valueOf(MAX_ENUMERATED)) > 0) {
        throw tooMany(product, maxCombinations, " of matrix.params before exclude");
      }
    }
    return shape.fanOut(product.longValueExact(), maxCombinations);
  }

  private static InvalidMatrixException tooMany(BigInteger count, int max, String what) {
    return new InvalidMatrixException("matrix", count + " combinations" + what + ", more than the limit of " + max);
  }

  /** A validated matrix, with each include and exclude resolved against the params' positions. */
  private static final class Shape {

    private final List<Param> params;
    private final List<Include> includes;
    private final List<Exclude> excludes;
    /** Per include: for each param position, the value it must have, or null where the include is silent. */
    private final List<String[]> includeMatrixValues = new ArrayList<>();
    private final List<String[]> excludeMatrixValues = new ArrayList<>();

    private Shape(MatrixInput matrix) {
      this.params = matrix.params();
      this.includes = matrix.include();
      this.excludes = matrix.exclude();
    }

    static Shape validate(MatrixInput matrix) {
      if (matrix == null || matrix.params().isEmpty() && matrix.include().isEmpty()) {
        throw new InvalidMatrixException("matrix", "needs params or include");
      }
      Shape shape = new Shape(matrix);
      Map<String, Integer> positions = new HashMap<>();
      for (int k = 0; k < shape.params.size(); k++) {
        String field = "matrix.params[" + k + "]";
        Param param = shape.params.get(k);
        if (param == null) {
          throw new InvalidMatrixException(field, "must not be null");
        }
        checkName(param.name(), field + ".name");
        Integer first = positions.putIfAbsent(param.name(), k);
        if (first != null) {
          throw new InvalidMatrixException(field + ".name",
              "duplicate param \"" + param.name() + "\" (also matrix.params[" + first + "])");
        }
        for (int v = 0; v < param.values().size(); v++) {
          if (param.values().get(v) == null) {
            throw new InvalidMatrixException(field + ".value[" + v + "]", "must not be null");
          }
        }
      }
      for (int i = 0; i < shape.includes.size(); i++) {
        String field = "matrix.include[" + i + "]";
        Include include = shape.includes.get(i);
        if (include == null) {
          throw new InvalidMatrixException(field, "must not be null");
        }
        shape.includeMatrixValues.add(resolve(include.params(), field, positions, false));
      }
      for (int e = 0; e < shape.excludes.size(); e++) {
        String field = "matrix.exclude[" + e + "]";
        Exclude exclude = shape.excludes.get(e);
        if (exclude == null) {
          throw new InvalidMatrixException(field, "must not be null");
        }
        shape.excludeMatrixValues.add(resolve(exclude.params(), field, positions, true));
      }
      return shape;
    }

    private static String[] resolve(List<Value> values, String field, Map<String, Integer> positions,
        boolean matrixParamsOnly) {
      if (values.isEmpty()) {
        throw new InvalidMatrixException(field + ".params", "must not be empty");
      }
      String[] byPosition = new String[positions.size()];
      Map<String, Integer> seen = new HashMap<>();
      for (int j = 0; j < values.size(); j++) {
        String at = field + ".params[" + j + "]";
        Value value = values.get(j);
        if (value == null) {
          throw new InvalidMatrixException(at, "must not be null");
        }
        checkName(value.name(), at + ".name");
        Integer first = seen.putIfAbsent(value.name(), j);
        if (first != null) {
          throw new InvalidMatrixException(at + ".name",
              "duplicate param \"" + value.name() + "\" (also " + field + ".params[" + first + "])");
        }
        if (value.value() == null) {
          throw new InvalidMatrixException(at + ".value", "must not be null");
        }
        Integer position = positions.get(value.name());
        if (position != null) {
          byPosition[position] = value.value();
        } else if (matrixParamsOnly) {
          throw new InvalidMatrixException(at + ".name", "\"" + value.name()
              + "\" is not one of matrix.params " + positions.keySet().stream().sorted(GO_ORDER).toList());
        }
      }
      return byPosition;
    }

    private static void checkName(String name, String field) {
      if (name == null || name.isBlank()) {
        throw new InvalidMatrixException(field, "must not be empty");
      }
    }

    BigInteger product() {
      BigInteger product = BigInteger.ONE;
      for (Param param : params) {
        product = product.multiply(BigInteger.valueOf(param.values().size()));
      }
      return product;
    }

    /** Without excludes every combination of params exists, so an include fits one iff each value it names exists. */
    long includesFittingNoneOfAll() {
      long count = 0;
      for (String[] wanted : includeMatrixValues) {
        for (int k = 0; k < wanted.length; k++) {
          if (wanted[k] != null && !params.get(k).values().contains(wanted[k])) {
            count++;
            break;
          }
        }
      }
      return count;
    }

    FanOut fanOut(long product, int maxCombinations) {
      int[] digits = new int[params.size()];
      boolean[] includeFits = new boolean[includes.size()];
      List<int[]> kept = new ArrayList<>();
      long keptCount = 0;
      for (long n = 0; n < product; n++) {
        if (n > 0) {
          advance(digits);
        }
        if (excluded(digits)) {
          continue;
        }
        keptCount++;
        if (keptCount <= maxCombinations) {
          kept.add(digits.clone());
        }
        for (int i = 0; i < includeFits.length; i++) {
          includeFits[i] |= fits(includeMatrixValues.get(i), digits);
        }
      }
      List<Include> appended = new ArrayList<>();
      for (int i = 0; i < includeFits.length; i++) {
        if (!includeFits[i]) {
          appended.add(includes.get(i));
        }
      }
      long total = keptCount + appended.size();
      if (total > maxCombinations) {
        throw tooMany(BigInteger.valueOf(total), maxCombinations, "");
      }
      if (total == 0) {
        return FanOut.skipped("every combination of matrix.params is excluded");
      }
      List<Combination> combinations = new ArrayList<>();
      for (int[] tuple : kept) {
        Map<String, String> values = new TreeMap<>(GO_ORDER);
        for (int k = 0; k < params.size(); k++) {
          values.put(params.get(k).name(), params.get(k).values().get(tuple[k]));
        }
        for (int i = 0; i < includes.size(); i++) {
          if (fits(includeMatrixValues.get(i), tuple)) {
            includes.get(i).params().forEach(v -> values.put(v.name(), v.value()));
          }
        }
        combinations.add(new Combination(values, namesFitting(values)));
      }
      for (Include include : appended) {
        combinations.add(combination(new TreeMap<>(GO_ORDER), include));
      }
      return FanOut.of(combinations);
    }

    /** {@link IncludeRule#TEKTON_CODE}: includes checked against every value so far, appended only if no value is shared. */
    FanOut fanOutAsTektonCode(long product, int maxCombinations) {
      int[] digits = new int[params.size()];
      List<Map<String, String>> combinations = new ArrayList<>();
      for (long n = 0; n < product; n++) {
        if (n > 0) {
          advance(digits);
        }
        if (excluded(digits)) {
          continue;
        }
        if (combinations.size() == maxCombinations) {
          throw tooMany(BigInteger.valueOf(maxCombinations + 1L), maxCombinations, " or more");
        }
        Map<String, String> values = new TreeMap<>(GO_ORDER);
        for (int k = 0; k < params.size(); k++) {
          values.put(params.get(k).name(), params.get(k).values().get(digits[k]));
        }
        combinations.add(values);
      }
      for (Map<String, String> values : combinations) {
        for (Include include : includes) {
          if (include.params().stream().allMatch(v -> !values.containsKey(v.name())
              || values.get(v.name()).equals(v.value()))) {
            include.params().forEach(v -> values.put(v.name(), v.value()));
          }
        }
      }
      for (Include include : includes) {
        boolean sharesAValue = combinations.stream().anyMatch(values -> include.params().stream()
            .anyMatch(v -> v.value().equals(values.get(v.name()))));
        if (!sharesAValue) {
          Map<String, String> values = new TreeMap<>(GO_ORDER);
          include.params().forEach(v -> values.put(v.name(), v.value()));
          combinations.add(values);
        }
      }
      if (combinations.size() > maxCombinations) {
        throw tooMany(BigInteger.valueOf(combinations.size()), maxCombinations, "");
      }
      if (combinations.isEmpty()) {
        return FanOut.skipped("every combination of matrix.params is excluded");
      }
      return FanOut.of(combinations.stream().map(values -> new Combination(values, namesFitting(values))).toList());
    }

    Combination combination(Map<String, String> values, Include include) {
      include.params().forEach(v -> values.put(v.name(), v.value()));
      return new Combination(values, namesFitting(values));
    }

    /** First param fastest: an odometer whose leftmost wheel turns first. */
    private void advance(int[] digits) {
      for (int k = 0; k < digits.length; k++) {
        if (++digits[k] < params.get(k).values().size()) {
          return;
        }
        digits[k] = 0;
      }
    }

    private boolean excluded(int[] digits) {
      for (String[] exclude : excludeMatrixValues) {
        if (fits(exclude, digits)) {
          return true;
        }
      }
      return false;
    }

    private boolean fits(String[] wanted, int[] digits) {
      for (int k = 0; k < wanted.length; k++) {
        if (wanted[k] != null && !wanted[k].equals(params.get(k).values().get(digits[k]))) {
          return false;
        }
      }
      return true;
    }

    private List<String> namesFitting(Map<String, String> values) {
      List<String> names = new ArrayList<>();
      for (Include include : includes) {
        if (include.name() != null && !include.name().isEmpty()
            && include.params().stream().allMatch(v -> v.value().equals(values.get(v.name())))) {
          names.add(include.name());
        }
      }
      return names;
    }
  }
}
