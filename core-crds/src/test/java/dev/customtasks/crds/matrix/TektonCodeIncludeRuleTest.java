package dev.customtasks.crds.matrix;

import static dev.customtasks.crds.matrix.TektonMatrixCasesTest.names;
import static dev.customtasks.crds.matrix.TektonMatrixCasesTest.pairs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link IncludeRule#TEKTON_CODE}: the two include cases where Tekton's code
 * ({@code Matrix.FanOut}, {@code pkg/apis/pipeline/v1/matrix_types.go}) departs from its docs, and
 * the same answers as the documented rule everywhere Tekton's tests and docs go.
 */
class TektonCodeIncludeRuleTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.customtasks.crds.matrix.TektonMatrixCasesTest#fanOutCases")
  void agreesWithTektonsTestsAndDocs(TektonMatrixCasesTest.Case c) {
    FanOut fanOut = MatrixExpander.expand(c.matrix(), 256, IncludeRule.TEKTON_CODE);

    assertThat(pairs(fanOut)).containsExactlyElementsOf(c.want());
    assertThat(names(fanOut)).containsExactlyElementsOf(names(MatrixExpander.expand(c.matrix())));
  }

  @Test
  void anIncludeDisagreeingWithAValueAnEarlierIncludeAddedIsNotApplied() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("os", "linux", "mac")
        .include("red-linux", "os", "linux", "color", "red")
        .include("blue", "color", "blue")
        .build(), 256, IncludeRule.TEKTON_CODE);

    // Documented rule: color=blue on both. Tekton's code: linux keeps red; "blue" shares a value
    // with the mac combination, so it is not appended either.
    assertThat(pairs(fanOut)).containsExactly(
        List.of("color=red", "os=linux"),
        List.of("color=blue", "os=mac"));
    assertThat(names(fanOut)).containsExactly("red-linux", "blue");
  }

  @Test
  void anIncludeSharingAValueButFittingNoCombinationIsDropped() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("GOARCH", "linux/amd64", "linux/s390x").param("version", "go1.17", "go1.18.1")
        .include("s390x-go119", "GOARCH", "linux/s390x", "version", "go1.19")
        .build(), 256, IncludeRule.TEKTON_CODE);

    assertThat(fanOut.size()).isEqualTo(4);
    assertThat(names(fanOut)).containsOnly("");
  }

  @Test
  void anIncludeSharingNothingIsAppendedAndLaterOnesSeeIt() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("os", "linux")
        .include("bsd", "os", "bsd")
        .include("bsd-again", "os", "bsd")
        .build(), 256, IncludeRule.TEKTON_CODE);

    assertThat(pairs(fanOut)).containsExactly(List.of("os=linux"), List.of("os=bsd"));
    assertThat(names(fanOut)).containsExactly("", "bsd bsd-again");
  }

  @Test
  void theLimitCountsTheCombinationsProduced() {
    MatrixInput matrix = MatrixInput.builder().param("n", "1", "2", "3").include("x", "n", "4").build();

    assertThat(MatrixExpander.expand(matrix, 4, IncludeRule.TEKTON_CODE).size()).isEqualTo(4);
    assertThatThrownBy(() -> MatrixExpander.expand(matrix, 3, IncludeRule.TEKTON_CODE))
        .isInstanceOf(InvalidMatrixException.class)
        .hasMessage("matrix: 4 combinations, more than the limit of 3");
    assertThatThrownBy(() -> MatrixExpander.expand(matrix, 2, IncludeRule.TEKTON_CODE))
        .hasMessage("matrix: 3 combinations, more than the limit of 2");
  }

  @Test
  void anEmptyArraySkipsUnderEitherRule() {
    MatrixInput matrix = MatrixInput.builder().param("n").include("x", "m", "1").build();

    assertThat(MatrixExpander.expand(matrix, 256, IncludeRule.TEKTON_CODE).isSkipped()).isTrue();
  }
}
