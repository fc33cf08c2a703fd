package dev.customtasks.crds.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.matrix.MatrixInput.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties over many generated matrices (seeded, so a failure repeats), checked against a
 * brute-force model written independently of the engine: combinations indexed by arithmetic
 * rather than an odometer, matching done on maps.
 */
class MatrixExpanderPropertyTest {

  private static final long SEED = 20240611L;
  private static final int RUNS = 2_000;
  private static final String[] VALUES = {"a", "b", "c", "d"};

  @Test
  void countOrderAndContentsMatchTheModel() {
    Random random = new Random(SEED);
    int skipped = 0;
    int refused = 0;
    int appended = 0;
    for (int run = 0; run < RUNS; run++) {
      MatrixInput matrix = generate(random);
      int limit = 1 + random.nextInt(80);
      Model model = new Model(matrix);
      String description = "run " + run + ": " + matrix + " limit " + limit;

      if (model.count() > limit) {
        refused++;
        assertThatThrownBy(() -> MatrixExpander.expand(matrix, limit)).as(description)
            .isInstanceOf(InvalidMatrixException.class)
            .hasMessage("matrix: " + model.count() + " combinations, more than the limit of " + limit);
        continue;
      }
      FanOut fanOut = MatrixExpander.expand(matrix, limit);
      assertThat(MatrixExpander.expand(matrix, limit)).as(description).isEqualTo(fanOut);
      if (model.count() == 0) {
        skipped++;
        assertThat(fanOut.isSkipped()).as(description).isTrue();
        continue;
      }
      appended += model.appended.size();
      // count = product of array sizes - excluded + includes that fit nothing
      assertThat(fanOut.size()).as(description)
          .isEqualTo(model.product - model.excluded + model.appended.size());
      List<Map<String, String>> actual = fanOut.combinations().stream().map(Combination::params).toList();
      assertThat(actual).as(description).containsExactlyElementsOf(model.expected());
      for (Combination c : fanOut.combinations()) {
        assertThat(List.copyOf(c.params().keySet())).as(description).isSorted();
      }
    }
    // The generator reaches every branch often enough for the properties to mean something.
    assertThat(skipped).isGreaterThan(20);
    assertThat(refused).isGreaterThan(100);
    assertThat(appended).isGreaterThan(200);
  }

  @Test
  void theFirstParamVariesFastest() {
    Random random = new Random(SEED + 1);
    for (int run = 0; run < 200; run++) {
      MatrixInput.Builder builder = MatrixInput.builder();
      int params = 1 + random.nextInt(4);
      List<Integer> sizes = new ArrayList<>();
      for (int k = 0; k < params; k++) {
        int size = 1 + random.nextInt(4);
        sizes.add(size);
        builder.param("p" + k, TektonMatrixCasesTest.values(size));
      }
      List<Combination> combinations = MatrixExpander.expand(builder.build(), 1000).combinations();
      for (int n = 0; n < combinations.size(); n++) {
        int rest = n;
        for (int k = 0; k < params; k++) {
          assertThat(combinations.get(n).get("p" + k)).isEqualTo("v" + rest % sizes.get(k));
          rest /= sizes.get(k);
        }
      }
    }
  }

  private static MatrixInput generate(Random random) {
    MatrixInput.Builder builder = MatrixInput.builder();
    int params = random.nextInt(5);
    List<String> names = new ArrayList<>();
    for (int k = 0; k < params; k++) {
      String name = "p" + k;
      names.add(name);
      List<String> values = new ArrayList<>();
      int size = 1 + random.nextInt(4);
      for (int v = 0; v < size; v++) {
        values.add(VALUES[random.nextInt(VALUES.length)]);
      }
      builder.param(name, values);
    }
    if (params > 0) {
      for (int e = random.nextInt(4); e > 0; e--) {
        builder.exclude(new MatrixInput.Exclude(someOf(random, names, false)));
      }
    }
    int includes = params == 0 ? 1 + random.nextInt(4) : random.nextInt(4);
    for (int i = 0; i < includes; i++) {
      List<Value> values = someOf(random, names, true);
      builder.include(new MatrixInput.Include(random.nextBoolean() ? "i" + i : null, values));
    }
    return builder.build();
  }

  /** A non-empty random entry: some matrix params (values possibly absent from the matrix), maybe extras. */
  private static List<Value> someOf(Random random, List<String> names, boolean extras) {
    List<Value> values = new ArrayList<>();
    for (String name : names) {
      if (random.nextInt(3) == 0) {
        values.add(new Value(name, random.nextInt(6) == 0 ? "z" : VALUES[random.nextInt(VALUES.length)]));
      }
    }
    if (extras && (values.isEmpty() || random.nextBoolean())) {
      values.add(new Value("x" + random.nextInt(2), VALUES[random.nextInt(VALUES.length)]));
    }
    if (values.isEmpty()) {
      String name = names.get(random.nextInt(names.size()));
      values.add(new Value(name, VALUES[random.nextInt(VALUES.length)]));
    }
    return values;
  }

  /** The rules, spelled out the slow way. */
  private static final class Model {

    final MatrixInput matrix;
    final int product;
    final int excluded;
    final List<Map<String, String>> kept = new ArrayList<>();
    final List<MatrixInput.Include> appended = new ArrayList<>();

    Model(MatrixInput matrix) {
      this.matrix = matrix;
      int p = 1;
      for (MatrixInput.Param param : matrix.params()) {
        p *= param.values().size();
      }
      this.product = matrix.params().isEmpty() ? 0 : p;
      int dropped = 0;
      for (int n = 0; n < product; n++) {
        Map<String, String> combination = new LinkedHashMap<>();
        int rest = n;
        for (MatrixInput.Param param : matrix.params()) {
          combination.put(param.name(), param.values().get(rest % param.values().size()));
          rest /= param.values().size();
        }
        if (matrix.exclude().stream().anyMatch(e -> agrees(e.params(), combination))) {
          dropped++;
        } else {
          kept.add(combination);
        }
      }
      this.excluded = dropped;
      for (MatrixInput.Include include : matrix.include()) {
        if (kept.stream().noneMatch(c -> agrees(include.params(), c))) {
          appended.add(include);
        }
      }
    }

    int count() {
      return kept.size() + appended.size();
    }

    /** Agrees on every param the entry shares with the matrix combination. */
    private static boolean agrees(List<Value> entry, Map<String, String> original) {
      return entry.stream().allMatch(v -> !original.containsKey(v.name()) || original.get(v.name()).equals(v.value()));
    }

    List<Map<String, String>> expected() {
      List<Map<String, String>> expected = new ArrayList<>();
      for (Map<String, String> original : kept) {
        Map<String, String> combination = new HashMap<>(original);
        for (MatrixInput.Include include : matrix.include()) {
          if (agrees(include.params(), original)) {
            include.params().forEach(v -> combination.put(v.name(), v.value()));
          }
        }
        expected.add(combination);
      }
      for (MatrixInput.Include include : appended) {
        Map<String, String> combination = new HashMap<>();
        include.params().forEach(v -> combination.put(v.name(), v.value()));
        expected.add(combination);
      }
      return expected;
    }
  }
}
