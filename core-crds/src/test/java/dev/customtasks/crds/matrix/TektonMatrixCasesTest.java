package dev.customtasks.crds.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of Tekton's {@code TestMatrix_FanOut} and {@code TestPipelineTask_CountCombinations}
 * ({@code pkg/apis/pipeline/v1/matrix_types_test.go}) and every example of {@code docs/matrix.md}
 * (tektoncd/pipeline), with Tekton's counts and orders.
 *
 * <p>Not carried over: {@code TestMatrix_HasParams}, {@code HasInclude} and {@code GetAllParams}
 * test accessors of Tekton's Go types; the count case "matrix params with string value containing
 * variable reference" counts a matrix whose array is still an unresolved result reference, which a
 * caller resolves before fanning out here.
 */
class TektonMatrixCasesTest {

  static final String[] GOARCH = {"linux/amd64", "linux/ppc64le", "linux/s390x"};
  static final String[] VERSION = {"go1.17", "go1.18.1"};

  record Case(String name, MatrixInput matrix, List<List<String>> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> fanOutCases() {
    return Stream.of(
        new Case("single array in matrix",
            MatrixInput.builder().param("platform", "linux", "mac", "windows").build(),
            List.of(
                List.of("platform=linux"),
                List.of("platform=mac"),
                List.of("platform=windows"))),
        // Tekton's case also has one empty include entry (a no-op there, an error here: see below).
        new Case("multiple arrays in matrix",
            MatrixInput.builder().param("GOARCH", GOARCH).param("version", VERSION).build(),
            List.of(
                List.of("GOARCH=linux/amd64", "version=go1.17"),
                List.of("GOARCH=linux/ppc64le", "version=go1.17"),
                List.of("GOARCH=linux/s390x", "version=go1.17"),
                List.of("GOARCH=linux/amd64", "version=go1.18.1"),
                List.of("GOARCH=linux/ppc64le", "version=go1.18.1"),
                List.of("GOARCH=linux/s390x", "version=go1.18.1"))),
        new Case("Fan out explicit combinations, no matrix params",
            MatrixInput.builder()
                .include("build-1", "IMAGE", "image-1", "DOCKERFILE", "path/to/Dockerfile1")
                .include("build-2", "IMAGE", "image-2", "DOCKERFILE", "path/to/Dockerfile2")
                .include("build-3", "IMAGE", "image-3", "DOCKERFILE", "path/to/Dockerfile3")
                .build(),
            List.of(
                List.of("DOCKERFILE=path/to/Dockerfile1", "IMAGE=image-1"),
                List.of("DOCKERFILE=path/to/Dockerfile2", "IMAGE=image-2"),
                List.of("DOCKERFILE=path/to/Dockerfile3", "IMAGE=image-3"))),
        new Case("matrix include unknown param name, append to all combinations",
            MatrixInput.builder().param("GOARCH", GOARCH).param("version", VERSION)
                .include("common-package", "package", "path/to/common/package/")
                .build(),
            List.of(
                List.of("GOARCH=linux/amd64", "package=path/to/common/package/", "version=go1.17"),
                List.of("GOARCH=linux/ppc64le", "package=path/to/common/package/", "version=go1.17"),
                List.of("GOARCH=linux/s390x", "package=path/to/common/package/", "version=go1.17"),
                List.of("GOARCH=linux/amd64", "package=path/to/common/package/", "version=go1.18.1"),
                List.of("GOARCH=linux/ppc64le", "package=path/to/common/package/", "version=go1.18.1"),
                List.of("GOARCH=linux/s390x", "package=path/to/common/package/", "version=go1.18.1"))),
        new Case("matrix include param value does not exist, generate a new combination",
            MatrixInput.builder().param("GOARCH", GOARCH).param("version", VERSION)
                .include("non-existent-arch", "GOARCH", "I-do-not-exist")
                .build(),
            List.of(
                List.of("GOARCH=linux/amd64", "version=go1.17"),
                List.of("GOARCH=linux/ppc64le", "version=go1.17"),
                List.of("GOARCH=linux/s390x", "version=go1.17"),
                List.of("GOARCH=linux/amd64", "version=go1.18.1"),
                List.of("GOARCH=linux/ppc64le", "version=go1.18.1"),
                List.of("GOARCH=linux/s390x", "version=go1.18.1"),
                List.of("GOARCH=I-do-not-exist"))),
        new Case("Matrix include filters single parameter and appends missing values",
            MatrixInput.builder().param("GOARCH", GOARCH).param("version", VERSION)
                .include("s390x-no-race", "GOARCH", "linux/s390x", "flags", "-cover -v")
                .build(),
            List.of(
                List.of("GOARCH=linux/amd64", "version=go1.17"),
                List.of("GOARCH=linux/ppc64le", "version=go1.17"),
                List.of("GOARCH=linux/s390x", "flags=-cover -v", "version=go1.17"),
                List.of("GOARCH=linux/amd64", "version=go1.18.1"),
                List.of("GOARCH=linux/ppc64le", "version=go1.18.1"),
                List.of("GOARCH=linux/s390x", "flags=-cover -v", "version=go1.18.1"))),
        new Case("Matrix include filters multiple parameters and append new parameters",
            MatrixInput.builder().param("GOARCH", GOARCH).param("version", VERSION)
                .include("390x-no-race", "GOARCH", "linux/s390x", "flags", "-cover -v", "version", "go1.18.1")
                .include("amd64-no-race", "GOARCH", "linux/amd64", "flags", "-cover -v", "version", "go1.17")
                .build(),
            List.of(
                List.of("GOARCH=linux/amd64", "flags=-cover -v", "version=go1.17"),
                List.of("GOARCH=linux/ppc64le", "version=go1.17"),
                List.of("GOARCH=linux/s390x", "version=go1.17"),
                List.of("GOARCH=linux/amd64", "version=go1.18.1"),
                List.of("GOARCH=linux/ppc64le", "version=go1.18.1"),
                List.of("GOARCH=linux/s390x", "flags=-cover -v", "version=go1.18.1"))),
        new Case("Matrix params and include params handles filter, appending, and generating new combinations at once",
            goWithFourIncludes(),
            List.of(
                List.of("GOARCH=linux/amd64", "context=path/to/go117/context", "package=path/to/common/package/",
                    "version=go1.17"),
                List.of("GOARCH=linux/ppc64le", "context=path/to/go117/context", "package=path/to/common/package/",
                    "version=go1.17"),
                List.of("GOARCH=linux/s390x", "context=path/to/go117/context", "flags=-cover -v",
                    "package=path/to/common/package/", "version=go1.17"),
                List.of("GOARCH=linux/amd64", "package=path/to/common/package/", "version=go1.18.1"),
                List.of("GOARCH=linux/ppc64le", "package=path/to/common/package/", "version=go1.18.1"),
                List.of("GOARCH=linux/s390x", "flags=-cover -v", "package=path/to/common/package/",
                    "version=go1.18.1"),
                List.of("GOARCH=I-do-not-exist"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fanOutCases")
  void fansOutAsTektonsFanOutDoes(Case c) {
    FanOut fanOut = MatrixExpander.expand(c.matrix());

    assertThat(fanOut.isSkipped()).isFalse();
    assertThat(pairs(fanOut)).containsExactlyElementsOf(c.want());
  }

  @Test
  void anEmptyIncludeEntryIsAnErrorHereThoughTektonIgnoresIt() {
    MatrixInput matrix = MatrixInput.builder().param("GOARCH", GOARCH).param("version", VERSION)
        .include(new MatrixInput.Include(null, List.of())).build();

    assertThatThrownBy(() -> MatrixExpander.expand(matrix))
        .isInstanceOf(InvalidMatrixException.class)
        .hasMessage("matrix.include[0].params: must not be empty");
  }

  @Test
  void aMatrixWithNoParamsIsAnErrorHereWhereTektonGivesNoCombinations() {
    // Tekton: "matrix with no params" fans out into nothing and counts 0; such a pipeline task is not
    // matrixed at all (IsMatrixed is false), so nothing calls FanOut for it.
    assertThatThrownBy(() -> MatrixExpander.expand(MatrixInput.builder().build()))
        .isInstanceOf(InvalidMatrixException.class)
        .hasMessage("matrix: needs params or include");
  }

  static Stream<Object[]> countCases() {
    return Stream.of(
        new Object[] {"combinations count is one from one parameter",
            MatrixInput.builder().param("foo", "foo").build(), 1},
        new Object[] {"combinations count is one from two parameters",
            MatrixInput.builder().param("foo", "foo").param("bar", "bar").build(), 1},
        new Object[] {"combinations count is two from one parameter",
            MatrixInput.builder().param("foo", "foo", "bar").build(), 2},
        new Object[] {"combinations count is nine",
            MatrixInput.builder().param("foo", "f", "o", "o").param("bar", "b", "a", "r").build(), 9},
        new Object[] {"combinations count is large",
            MatrixInput.builder().param("foo", "f", "o", "o").param("bar", "b", "a", "r")
                .param("quz", "q", "u", "x").param("xyzzy", "x", "y", "z", "z", "y").build(), 135},
        new Object[] {"explicit combinations in the matrix",
            MatrixInput.builder()
                .include("build-1", "IMAGE", "image-1", "DOCKERFILE", "path/to/Dockerfile1")
                .include("build-2", "IMAGE", "image-2", "DOCKERFILE", "path/to/Dockerfile2")
                .include("build-3", "IMAGE", "image-3", "DOCKERFILE", "path/to/Dockerfile3")
                .build(), 3},
        new Object[] {"params and include in matrix with overriding combinations params",
            MatrixInput.builder().param("GOARCH", GOARCH).param("version", VERSION)
                .include("common-package", "package", "path/to/common/package/")
                .include("s390x-no-race", "GOARCH", "linux/s390x", "flags", "-cover -v")
                .include("go117-context", "version", "go1.17", "context", "path/to/go117/context")
                .build(), 6},
        new Object[] {"params and include in matrix with overriding combinations params and one new combination",
            goWithFourIncludes(), 7});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("countCases")
  void countsAsTektonsCountCombinationsDoes(String name, MatrixInput matrix, int want) {
    assertThat(MatrixExpander.expand(matrix).size()).isEqualTo(want);
  }

  @Test
  void aMatrixWhoseCountOverflowsALongIsRefusedWithItsExactCount() {
    // Tekton caps the count at MaxInt; it is refused here too, and the message says how many.
    MatrixInput.Builder builder = MatrixInput.builder();
    for (int i = 0; i < 64; i++) {
      builder.param("p" + i, "v" + i + "-0", "v" + i + "-1");
    }
    assertThatThrownBy(() -> MatrixExpander.expand(builder.build()))
        .isInstanceOf(InvalidMatrixException.class)
        .hasMessage("matrix: 18446744073709551616 combinations, more than the limit of 256");

    builder.include(null, "p0", "new-value");
    assertThatThrownBy(() -> MatrixExpander.expand(builder.build()))
        .hasMessage("matrix: 18446744073709551617 combinations, more than the limit of 256");
  }

  // docs/matrix.md

  @Test
  void docsGeneratingCombinations() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("platform", "linux", "mac").param("browser", "safari", "chrome").build());

    // The docs list linux/safari, linux/chrome, mac/safari, mac/chrome: the same four, with the last
    // param varying fastest. Tekton's code and tests vary the first param fastest, and so does this.
    assertThat(pairs(fanOut)).containsExactly(
        List.of("browser=safari", "platform=linux"),
        List.of("browser=safari", "platform=mac"),
        List.of("browser=chrome", "platform=linux"),
        List.of("browser=chrome", "platform=mac"));
  }

  @Test
  void docsExplicitCombinations() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("platform", "linux", "mac").param("browser", "safari", "chrome")
        .include("linux-url", "platform", "linux", "url", "some-url")
        .include("non-existent-browser", "browser", "i-do-not-exist")
        .build());

    assertThat(pairs(fanOut)).containsExactly(
        List.of("browser=safari", "platform=linux", "url=some-url"),
        List.of("browser=safari", "platform=mac"),
        List.of("browser=chrome", "platform=linux", "url=some-url"),
        List.of("browser=chrome", "platform=mac"),
        List.of("browser=i-do-not-exist"));
    assertThat(names(fanOut)).containsExactly(
        "linux-url", "", "linux-url", "", "non-existent-browser");
  }

  @Test
  void docsExplicitCombinationsWithoutParams() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .include("build-1", "IMAGE", "image-1", "DOCKERFILE", "path/to/Dockerfile1")
        .include("build-2", "IMAGE", "image-2", "DOCKERFILE", "path/to/Dockerfile2")
        .include("build-3", "IMAGE", "image-3", "DOCKERFILE", "path/to/Dockerfile3")
        .build());

    assertThat(fanOut.size()).isEqualTo(3);
    assertThat(names(fanOut)).containsExactly("build-1", "build-2", "build-3");
    assertThat(fanOut.combinations().get(2).get("DOCKERFILE")).isEqualTo("path/to/Dockerfile3");
  }

  @Test
  void docsDisplayNameAndIncludeName() {
    FanOut nine = MatrixExpander.expand(MatrixInput.builder()
        .param("platform", "linux", "mac", "windows").param("browser", "chrome", "safari", "firefox").build());
    assertThat(nine.size()).isEqualTo(9);
    assertThat(nine.combinations().get(0).params()).containsExactly(
        java.util.Map.entry("browser", "chrome"), java.util.Map.entry("platform", "linux"));
    assertThat(nine.combinations().get(1).params()).containsEntry("platform", "mac")
        .containsEntry("browser", "chrome");
    assertThat(nine.combinations()).allSatisfy(c -> assertThat(c.name()).isEmpty());

    FanOut named = MatrixExpander.expand(MatrixInput.builder()
        .include("Platform: $(params.platform)", "platform", "linux111").build());
    assertThat(pairs(named)).containsExactly(List.of("platform=linux111"));
    assertThat(named.combinations().get(0).name()).contains("Platform: $(params.platform)");
  }

  @Test
  void docsDefaultLimitIs256AndConfigurable() {
    MatrixInput big = MatrixInput.builder()
        .param("a", values(16)).param("b", values(16)).include(null, "a", "new").build();

    assertThatThrownBy(() -> MatrixExpander.expand(big))
        .isInstanceOf(InvalidMatrixException.class)
        .hasMessage("matrix: 257 combinations, more than the limit of 256");
    assertThat(MatrixExpander.expand(big, 1024).size()).isEqualTo(257);
    assertThat(MatrixExpander.expand(MatrixInput.builder().param("a", values(16)).param("b", values(16)).build())
        .size()).isEqualTo(256);
  }

  @Test
  void docsEmptyArrayParameterSkipsTheTask() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder()
        .param("platform", "linux").param("browser", List.of())
        .include("x", "platform", "bsd").build());

    assertThat(fanOut.isSkipped()).isTrue();
    assertThat(fanOut.combinations()).isEmpty();
    assertThat(fanOut.reason()).contains("matrix.params[1] (browser) is an empty array, so the matrix has no combinations");
  }

  @Test
  void docsParamsAndMatrixRetriesAndResultsExamples() {
    // "Specifying both params and matrix": three browsers, one platform given as a plain param.
    assertThat(MatrixExpander.expand(MatrixInput.builder()
        .param("browser", "chrome", "safari", "firefox").build()).size()).isEqualTo(3);
    // "Retries": three platforms.
    assertThat(MatrixExpander.expand(MatrixInput.builder()
        .param("platform", "linux", "mac", "windows").build()).size()).isEqualTo(3);
    // "PipelineTasks with Custom Tasks": 2 x 2 x 2 CEL expressions.
    FanOut cel = MatrixExpander.expand(MatrixInput.builder()
        .param("type", "type(1)", "type(1.0)")
        .param("colors", "{'blue': '0x000080', 'red': '0xFF0000'}['blue']",
            "{'blue': '0x000080', 'red': '0xFF0000'}['red']")
        .param("bool", "type(1) == int", "{'blue': '0x000080', 'red': '0xFF0000'}['red'] == '0xFF0000'")
        .build());
    assertThat(cel.size()).isEqualTo(8);
    assertThat(cel.combinations().get(1).params()).containsExactly(
        java.util.Map.entry("bool", "type(1) == int"),
        java.util.Map.entry("colors", "{'blue': '0x000080', 'red': '0xFF0000'}['blue']"),
        java.util.Map.entry("type", "type(1.0)"));
  }

  @Test
  void docsGoarchAndVersionParamsOnly() {
    FanOut fanOut = MatrixExpander.expand(MatrixInput.builder().param("GOARCH", GOARCH).param("version", VERSION)
        .build());

    List<List<String>> docsOrder = List.of(
        List.of("GOARCH=linux/amd64", "version=go1.17"),
        List.of("GOARCH=linux/amd64", "version=go1.18.1"),
        List.of("GOARCH=linux/ppc64le", "version=go1.17"),
        List.of("GOARCH=linux/ppc64le", "version=go1.18.1"),
        List.of("GOARCH=linux/s390x", "version=go1.17"),
        List.of("GOARCH=linux/s390x", "version=go1.18.1"));
    assertThat(pairs(fanOut)).containsExactlyInAnyOrderElementsOf(docsOrder)
        .isNotEqualTo(docsOrder)
        .startsWith(List.of("GOARCH=linux/amd64", "version=go1.17"), List.of("GOARCH=linux/ppc64le", "version=go1.17"));
  }

  @Test
  void docsGoarchAndVersionWithFourIncludes() {
    FanOut fanOut = MatrixExpander.expand(goWithFourIncludes());

    assertThat(pairs(fanOut)).containsExactlyInAnyOrder(
        List.of("GOARCH=linux/amd64", "context=path/to/go117/context", "package=path/to/common/package/",
            "version=go1.17"),
        List.of("GOARCH=linux/amd64", "package=path/to/common/package/", "version=go1.18.1"),
        List.of("GOARCH=linux/ppc64le", "context=path/to/go117/context", "package=path/to/common/package/",
            "version=go1.17"),
        List.of("GOARCH=linux/ppc64le", "package=path/to/common/package/", "version=go1.18.1"),
        List.of("GOARCH=linux/s390x", "context=path/to/go117/context", "flags=-cover -v",
            "package=path/to/common/package/", "version=go1.17"),
        List.of("GOARCH=linux/s390x", "flags=-cover -v", "package=path/to/common/package/", "version=go1.18.1"),
        List.of("GOARCH=I-do-not-exist"));
    assertThat(names(fanOut)).containsExactly(
        "common-package go117-context",
        "common-package go117-context",
        "common-package s390x-no-race go117-context",
        "common-package",
        "common-package",
        "common-package s390x-no-race",
        "non-existent-arch");
  }

  static MatrixInput goWithFourIncludes() {
    return MatrixInput.builder().param("GOARCH", GOARCH).param("version", VERSION)
        .include("common-package", "package", "path/to/common/package/")
        .include("s390x-no-race", "GOARCH", "linux/s390x", "flags", "-cover -v")
        .include("go117-context", "version", "go1.17", "context", "path/to/go117/context")
        .include("non-existent-arch", "GOARCH", "I-do-not-exist")
        .build();
  }

  static List<List<String>> pairs(FanOut fanOut) {
    List<List<String>> pairs = new ArrayList<>();
    for (Combination c : fanOut.combinations()) {
      pairs.add(c.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
    return pairs;
  }

  static List<String> names(FanOut fanOut) {
    return fanOut.combinations().stream().map(c -> c.name().orElse("")).toList();
  }

  static List<String> values(int n) {
    return Arrays.asList(IntStream.range(0, n).mapToObj(i -> "v" + i).toArray(String[]::new));
  }
}
