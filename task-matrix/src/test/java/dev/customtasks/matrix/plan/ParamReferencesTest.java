package dev.customtasks.matrix.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.matrix.plan.ParamReferences.InvalidReferenceException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ParamReferencesTest {

  private static final Map<String, ParamValue> PARAMS = Map.of(
      "revision", ParamValue.of("abc123"),
      "platforms", ParamValue.ofArray(List.of("linux", "mac")),
      "image", ParamValue.ofObject(Map.of("url", "registry/app", "digest", "sha256:1")),
      "dotted.name", ParamValue.of("d"));

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of("no reference", "plain", "plain"),
        Arguments.of("a string param", "$(params.revision)", "abc123"),
        Arguments.of("inside a longer string", "rev-$(params.revision)-x", "rev-abc123-x"),
        Arguments.of("bracket with double quotes", "$(params[\"revision\"])", "abc123"),
        Arguments.of("bracket with single quotes, dotted name", "$(params['dotted.name'])", "d"),
        Arguments.of("an array element", "$(params.platforms[1])", "mac"),
        Arguments.of("an object key", "$(params.image.url)@$(params.image.digest)", "registry/app@sha256:1"),
        Arguments.of("not a params reference", "$(tasks.a.results.b)", "$(tasks.a.results.b)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strings")
  void substitutesStrings(String name, String text, String expected) {
    assertThat(new ParamReferences(PARAMS).substitute(text)).isEqualTo(expected);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("a missing param", "$(params.nope)", "nope", "which the run does not have"),
        Arguments.of("a whole array inside a string", "x $(params.platforms)", "platforms", "is an array"),
        Arguments.of("an element past the end", "$(params.platforms[2])", "platforms", "has 2 elements"),
        Arguments.of("an object without a key", "$(params.image)", "image", "is an object"),
        Arguments.of("a missing key", "$(params.image.tag)", "image", "has no key \"tag\""),
        Arguments.of("an index into a string", "$(params.revision[0])", "revision", "is a string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void refusesWhatAReferenceCannotMean(String name, String text, String param, String problem) {
    assertThatThrownBy(() -> new ParamReferences(PARAMS).substitute(text))
        .isInstanceOfSatisfying(InvalidReferenceException.class, e -> assertThat(e.param()).isEqualTo(param))
        .hasMessageContaining(problem);
  }

  @Test
  void aWholeArrayReferenceTakesTheArray() {
    ParamReferences refs = new ParamReferences(PARAMS);
    assertThat(refs.wholeArray("$(params.platforms)")).contains(List.of("linux", "mac"));
    assertThat(refs.wholeArray(" $(params.platforms[*]) ")).contains(List.of("linux", "mac"));
    assertThat(refs.wholeArray("$(params.platforms[0])")).isEmpty();
    assertThat(refs.wholeArray("$(params.revision)")).isEmpty();
    assertThat(refs.resolve(ParamValue.of("$(params.platforms)"))).isEqualTo(ParamValue.ofArray(List.of("linux",
        "mac")));
  }

  @Test
  void anArrayElementThatIsAWholeArraySpreads() {
    assertThat(new ParamReferences(PARAMS).substituteAll(List.of("windows", "$(params.platforms[*])",
        "$(params.revision)"))).containsExactly("windows", "linux", "mac", "abc123");
  }

  @Test
  void remembersWhatWasReferenced() {
    ParamReferences refs = new ParamReferences(PARAMS);
    refs.substitute("$(params.revision)");
    refs.wholeArray("$(params.platforms)");
    assertThat(refs.referenced()).containsExactly("revision", "platforms");
  }
}
