package dev.customtasks.crds.matrix;

import static dev.customtasks.crds.matrix.TektonMatrixCasesTest.names;
import static dev.customtasks.crds.matrix.TektonMatrixCasesTest.pairs;
import static dev.customtasks.crds.matrix.TektonMatrixCasesTest.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules beyond Tekton's own cases: exclude, include after exclude, errors, limits. */
class MatrixExpanderTest {

  @Test
  void excludeDropsEveryCombinationMatchingAllOfItsParams() {
    // GitHub Actions' documented example: 12 combinations, minus 1, minus 2.
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("os", "macos-latest", "windows-latest")
        .param("version", "12", "14", "16")
        .param("environment", "staging", "production")
        .exclude("os", "macos-latest", "version", "12", "environment", "production")
        .exclude("os", "windows-latest", "version", "16")
        .build());

    assertThat(fanOut.size()).isEqualTo(9);
    assertThat(pairs(fanOut)).doesNotContain(
        List.of("environment=production", "os=macos-latest", "version=12"),
        List.of("environment=staging", "os=windows-latest", "version=16"),
        List.of("environment=production", "os=windows-latest", "version=16"));
    assertThat(pairs(fanOut).get(0)).containsExactly("environment=staging", "os=macos-latest", "version=12");
  }

  @Test
  void excludesApplyBeforeIncludesSoAnIncludeCanAddACombinationBack() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("os", "linux", "mac").param("version", "12", "14")
        .exclude("os", "mac", "version", "12")
        .include("mac-12-experimental", "os", "mac", "version", "12", "experimental", "true")
        .build());

    assertThat(pairs(fanOut)).containsExactly(
        List.of("os=linux", "version=12"),
        List.of("os=linux", "version=14"),
        List.of("os=mac", "version=14"),
        List.of("experimental=true", "os=mac", "version=12"));
    assertThat(names(fanOut)).containsExactly("", "", "", "mac-12-experimental");
  }

  @Test
  void anIncludeFitsOnlyTheCombinationsLeftAfterExclude() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("os", "linux", "mac").param("version", "12", "14")
        .exclude("os", "mac")
        .include("mac-flags", "os", "mac", "flags", "-v")
        .build());

    assertThat(pairs(fanOut)).containsExactly(
        List.of("os=linux", "version=12"),
        List.of("os=linux", "version=14"),
        List.of("flags=-v", "os=mac"));
  }

  @Test
  void aMatrixWhoseEveryCombinationIsExcludedIsSkipped() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("os", "linux", "mac").exclude("os", "linux").exclude("os", "mac").build());

    assertThat(fanOut.isSkipped()).isTrue();
    assertThat(fanOut.size()).isZero();
    assertThat(fanOut.reason()).contains("every combination of matrix.params is excluded");
  }

  @Test
  void anIncludeBringsBackAMatrixWhoseEveryCombinationIsExcluded() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("os", "linux").exclude("os", "linux").include(null, "os", "linux", "extra", "1").build());

    assertThat(fanOut.isSkipped()).isFalse();
    assertThat(pairs(fanOut)).containsExactly(List.of("extra=1", "os=linux"));
  }

  @Test
  void anExcludeValueThatNoCombinationHasExcludesNothing() {
    assertThat(MatrixExpander.expand(MatrixInput.builder()
        .param("os", "linux", "mac").exclude("os", "bsd").build()).size()).isEqualTo(2);
  }

  @Test
  void aLaterIncludeReplacesAValueAnEarlierIncludeAdded() {
    // GitHub Actions' rule: an original matrix value is never overwritten, an added one may be.
    // Tekton's code would instead not apply "blue" to the linux combination at all.
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("os", "linux", "mac")
        .include("red-linux", "os", "linux", "color", "red")
        .include("blue", "color", "blue")
        .build());

    assertThat(pairs(fanOut)).containsExactly(
        List.of("color=blue", "os=linux"),
        List.of("color=blue", "os=mac"));
    assertThat(names(fanOut)).containsExactly("blue", "blue");
  }

  @Test
  void anIncludeThatFitsNoCombinationIsAppendedEvenWhenItSharesAValue() {
    // Tekton's code drops this include (some combination has GOARCH=linux/s390x); its docs say
    // an include that cannot be added without overwriting is added as a new combination.
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("GOARCH", "linux/amd64", "linux/s390x").param("version", "go1.17", "go1.18.1")
        .include("s390x-go119", "GOARCH", "linux/s390x", "version", "go1.19")
        .build());

    assertThat(fanOut.size()).isEqualTo(5);
    assertThat(pairs(fanOut).get(4)).containsExactly("GOARCH=linux/s390x", "version=go1.19");
    assertThat(names(fanOut)).containsExactly("", "", "", "", "s390x-go119");
  }

  @Test
  void includeOnlyEntriesAreEachOneCombinationEvenWhenEqual() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .include("a", "x", "1").include("b", "x", "1").build());

    assertThat(pairs(fanOut)).containsExactly(List.of("x=1"), List.of("x=1"));
    // Each carries both names: both entries' params are in both (Tekton's display-name rule).
    assertThat(names(fanOut)).containsExactly("a b", "a b");
  }

  @Test
  void paramsAreSortedByNameAsGoSortsStrings() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("zeta", "1").param("Zeta", "2").param("alpha", "3").param("_x", "4").param("\uD83D\uDE00", "5")
        .param("\uFFFD", "6").build());

    // Byte order of UTF-8: upper case before '_' before lower case; U+FFFD before U+1F600.
    assertThat(fanOut.combinations().get(0).params().keySet())
        .containsExactly("Zeta", "_x", "alpha", "zeta", "\uFFFD", "\uD83D\uDE00");
  }

  @Test
  void resultsAreImmutableAndRepeatable() {
    MatrixInput matrix = TektonMatrixCasesTest.goWithFourIncludes();
    FanOut first = MatrixExpander.expand(matrix);

    assertThat(MatrixExpander.expand(matrix)).isEqualTo(first);
    assertThatThrownBy(() -> first.combinations().get(0).params().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> first.combinations().add(first.combinations().get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> first.combinations().get(0).includeNames().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theInputIsCopied() {
    List<String> values = new ArrayList<>(List.of("linux", "mac"));
    Map<String, String> include = new LinkedHashMap<>(Map.of("os", "linux"));
    MatrixInput matrix = new MatrixInput(List.of(new MatrixInput.Param("os", values)),
        List.of(MatrixInput.Include.of("n", include)), null);
    values.add("windows");
    include.put("os", "mac");

    assertThat(MatrixExpander.expand(matrix).size()).isEqualTo(2);
    assertThat(names(MatrixExpander.expand(matrix))).containsExactly("n", "");
    assertThat(matrix.exclude()).isEmpty();
  }

  static Stream<Arguments> invalidMatrices() {
    return Stream.of(
        Arguments.of("empty param name",
            MatrixInput.builder().param("os", "linux").param(" ", "x").build(),
            "matrix.params[1].name: must not be empty"),
        Arguments.of("null param name",
            MatrixInput.builder().param(null, "x").build(),
            "matrix.params[0].name: must not be empty"),
        Arguments.of("duplicate param name",
            MatrixInput.builder().param("os", "linux").param("version", "1").param("os", "mac").build(),
            "matrix.params[2].name: duplicate param \"os\" (also matrix.params[0])"),
        Arguments.of("null value",
            MatrixInput.builder().param("os", Arrays.asList("linux", null)).build(),
            "matrix.params[0].value[1]: must not be null"),
        Arguments.of("null param",
            new MatrixInput(Arrays.asList(MatrixInput.Param.of("os", "linux"), null), null, null),
            "matrix.params[1]: must not be null"),
        Arguments.of("empty include entry",
            MatrixInput.builder().param("os", "linux").include("a", "os", "linux").include("named-only").build(),
            "matrix.include[1].params: must not be empty"),
        Arguments.of("include param without a name",
            MatrixInput.builder().param("os", "linux").include("a", "os", "linux", "", "x").build(),
            "matrix.include[0].params[1].name: must not be empty"),
        Arguments.of("duplicate include param",
            MatrixInput.builder().param("os", "linux").include("a", "os", "linux", "os", "mac").build(),
            "matrix.include[0].params[1].name: duplicate param \"os\" (also matrix.include[0].params[0])"),
        Arguments.of("null include value",
            MatrixInput.builder().param("os", "linux").include("a", "os", null).build(),
            "matrix.include[0].params[0].value: must not be null"),
        Arguments.of("empty exclude entry",
            MatrixInput.builder().param("os", "linux").exclude().build(),
            "matrix.exclude[0].params: must not be empty"),
        Arguments.of("exclude naming a param not in the matrix",
            MatrixInput.builder().param("os", "linux").param("version", "1")
                .exclude("os", "linux").exclude("arch", "arm64").build(),
            "matrix.exclude[1].params[0].name: \"arch\" is not one of matrix.params [os, version]"),
        Arguments.of("exclude in an include-only matrix",
            MatrixInput.builder().include("a", "os", "linux").exclude("os", "linux").build(),
            "matrix.exclude[0].params[0].name: \"os\" is not one of matrix.params []"),
        Arguments.of("duplicate exclude param",
            MatrixInput.builder().param("os", "linux").exclude("os", "linux", "os", "mac").build(),
            "matrix.exclude[0].params[1].name: duplicate param \"os\" (also matrix.exclude[0].params[0])"),
        Arguments.of("neither params nor include",
            MatrixInput.builder().exclude("os", "linux").build(),
            "matrix: needs params or include"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidMatrices")
  void refusesBadInputNamingTheField(String name, MatrixInput matrix, String message) {
    assertThatThrownBy(() -> MatrixExpander.expand(matrix))
        .isInstanceOf(InvalidMatrixException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(message).startsWith(((InvalidMatrixException) e).field() + ": "
            + ((InvalidMatrixException) e).problem()));
  }

  @Test
  void badInputIsReportedBeforeAnEmptyArraySkips() {
    MatrixInput matrix = MatrixInput.builder().param("os", List.of()).exclude("arch", "x").build();

    assertThatThrownBy(() -> MatrixExpander.expand(matrix)).isInstanceOf(InvalidMatrixException.class)
        .hasMessageStartingWith("matrix.exclude[0].params[0].name");
  }

  @Test
  void theLimitCountsWhatIsLeftAfterExcludeAndInclude() {
    MatrixInput.Builder builder = MatrixInput.builder().param("a", values(20)).param("b", values(15))
        .exclude("a", "v0").exclude("a", "v1");
    assertThatThrownBy(() -> MatrixExpander.expand(builder.build()))
        .isInstanceOf(InvalidMatrixException.class)
        .hasMessage("matrix: 270 combinations, more than the limit of 256");

    builder.exclude("a", "v2");
    assertThat(MatrixExpander.expand(builder.build()).size()).isEqualTo(255);

    builder.include("new", "a", "v99");
    assertThat(MatrixExpander.expand(builder.build()).size()).isEqualTo(256);

    builder.include("newer", "a", "v98");
    assertThatThrownBy(() -> MatrixExpander.expand(builder.build()))
        .hasMessage("matrix: 257 combinations, more than the limit of 256");
  }

  @Test
  void includeOnlyMatricesAreLimitedToo() {
    MatrixInput.Builder builder = MatrixInput.builder();
    builder.include("a", "x", "1").include("b", "x", "2").include("c", "x", "3");

    assertThat(MatrixExpander.expand(builder.build(), 3).size()).isEqualTo(3);
    assertThatThrownBy(() -> MatrixExpander.expand(builder.build(), 2))
        .hasMessage("matrix: 3 combinations, more than the limit of 2");
  }

  @Test
  void aHugeMatrixWithExcludesIsRefusedWithoutEnumeratingIt() {
    MatrixInput.Builder builder = MatrixInput.builder();
    for (int i = 0; i < 21; i++) {
      builder.param("p" + i, "a", "b");
    }
    builder.exclude("p0", "a");

    assertThat(1L << 21).isGreaterThan(MatrixExpander.MAX_ENUMERATED);
    assertThatThrownBy(() -> MatrixExpander.expand(builder.build()))
        .isInstanceOf(InvalidMatrixException.class)
        .hasMessage("matrix: 2097152 combinations of matrix.params before exclude, more than the limit of 256");
  }

  @Test
  void aLargeMatrixWithExcludesIsCountedExactly() {
    // 2^20 combinations with an exclude: at the enumeration bound, so counted exactly, not refused.
    MatrixInput.Builder builder = MatrixInput.builder();
    for (int i = 0; i < 20; i++) {
      builder.param("p" + i, "a", "b");
    }
    builder.exclude("p0", "a");

    assertThatThrownBy(() -> MatrixExpander.expand(builder.build()))
        .hasMessage("matrix: 524288 combinations, more than the limit of 256");
  }

  @Test
  void theLimitMustBePositive() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MatrixExpander.expand(MatrixInput.builder().param("a", "b").build(), 0))
        .withMessage("maxCombinations must be at least 1, got 0");
  }

  @Test
  void aFanOutIsSkippedExactlyWhenEmpty() {
    assertThatIllegalArgumentException().isThrownBy(() -> new FanOut(List.of(), null));
    assertThatIllegalArgumentException().isThrownBy(() -> new FanOut(
        List.of(new Combination(Map.of("a", "b"), List.of())), "why"));
  }
}
