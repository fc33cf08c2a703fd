package dev.customtasks.loop.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoopItemsTest {

  static Stream<Arguments> ranges() {
    return Stream.of(
        Arguments.of(1, 10, 3, List.of("1", "4", "7", "10")),
        Arguments.of(1, 10, 4, List.of("1", "5", "9")),
        Arguments.of(10, 1, -3, List.of("10", "7", "4", "1")),
        Arguments.of(5, 5, 1, List.of("5")),
        Arguments.of(5, 5, -1, List.of("5")),
        Arguments.of(-2, 2, 2, List.of("-2", "0", "2")),
        Arguments.of(10, 15, 1, List.of("10", "11", "12", "13", "14", "15")));
  }

  @ParameterizedTest(name = "from {0} to {1} step {2}")
  @MethodSource("ranges")
  void rangeIncludesBothEnds(long from, long to, long step, List<String> expected) {
    assertThat(LoopItems.range("range", from, to, step)).isEqualTo(expected);
  }

  static Stream<Arguments> badRanges() {
    return Stream.of(
        Arguments.of(1, 10, 0, "range.step", "must not be 0"),
        Arguments.of(1, 10, -1, "range.step", "wrong way"),
        Arguments.of(10, 1, 1, "range.step", "needs a negative step"),
        Arguments.of(0, 1_000_000, 1, "range", "more than 1000"));
  }

  @ParameterizedTest(name = "from {0} to {1} step {2}")
  @MethodSource("badRanges")
  void badRangesNameTheField(long from, long to, long step, String field, String problem) {
    assertThatThrownBy(() -> LoopItems.range("range", from, to, step))
        .isInstanceOfSatisfying(InvalidLoopException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(problem);
  }

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of("codeanalysis\nunittests\n", null, List.of("codeanalysis", "unittests")),
        Arguments.of("a\nb", null, List.of("a", "b")),
        Arguments.of("one", null, List.of("one")),
        Arguments.of("a\n\nb\n", null, List.of("a", "", "b")),
        Arguments.of("a,b,c", ",", List.of("a", "b", "c")),
        Arguments.of("a||b", "||", List.of("a", "b")),
        Arguments.of("a.b", ".", List.of("a", "b")));
  }

  @ParameterizedTest(name = "{0} split on {1}")
  @MethodSource("strings")
  void stringsSplitIntoLinesOrOnTheSeparator(String text, String separator, List<String> expected) {
    assertThat(LoopItems.split("items", text, separator)).isEqualTo(expected);
  }

  @Test
  void emptyItemsAreRefused() {
    assertThatThrownBy(() -> LoopItems.of("items", List.of())).hasMessage("\"items\": has no items; a loop needs at least one");
    assertThatThrownBy(() -> LoopItems.split("test-type", "", null)).hasMessageContaining("\"test-type\": is empty");
  }

  @Test
  void aLoopHasAtMostMaxItemsIterations() {
    assertThat(LoopItems.range("range", 1, LoopItems.MAX_ITEMS, 1)).hasSize(LoopItems.MAX_ITEMS);
    assertThatThrownBy(() -> LoopItems.range("range", 1, LoopItems.MAX_ITEMS + 1, 1)).hasMessageContaining("more than");
    assertThatThrownBy(() -> LoopItems.of("items", java.util.Collections.nCopies(LoopItems.MAX_ITEMS + 1, "x")))
        .hasMessageContaining("\"items\": has 1001 items");
  }

  @Test
  void boundsMustBeIntegers() {
    assertThat(LoopItems.parseBound("from", " 12 ")).isEqualTo(12);
    assertThatThrownBy(() -> LoopItems.parseBound("to", "ten")).hasMessage("\"to\": \"ten\" is not an integer");
    assertThatThrownBy(() -> LoopItems.parseBound("to", null)).hasMessage("\"to\": is required");
  }

  @Test
  void onFailureReadsStopOrContinue() {
    assertThat(OnFailure.parse(null)).isEqualTo(OnFailure.STOP);
    assertThat(OnFailure.parse("Continue")).isEqualTo(OnFailure.CONTINUE);
    assertThatThrownBy(() -> OnFailure.parse("ignore")).hasMessageContaining("\"onFailure\"");
  }
}
