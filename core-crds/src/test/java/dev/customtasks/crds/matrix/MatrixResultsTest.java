package dev.customtasks.crds.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixResultsTest {

  @Test
  void gathersEachStringResultIntoAnArrayInCombinationOrder() {
    Map<String, List<String>> gathered = MatrixResults.gather(List.of(
        ordered("report-url", "https://linux", "exit", "0"),
        ordered("report-url", "https://mac", "exit", "1"),
        ordered("report-url", "https://windows", "exit", "0")));

    assertThat(gathered).containsExactly(
        Map.entry("report-url", List.of("https://linux", "https://mac", "https://windows")),
        Map.entry("exit", List.of("0", "1", "0")));
  }

  @Test
  void aChildWithoutAResultContributesNothingSoTheArrayIsShorter() {
    Map<String, List<String>> gathered = MatrixResults.gather(Arrays.asList(
        ordered("a", "1"),
        ordered("b", "2"),
        null,
        ordered("a", "3", "b", null)));

    assertThat(gathered).containsExactly(
        Map.entry("a", List.of("1", "3")),
        Map.entry("b", List.of("2")));
  }

  @Test
  void noResultsGatherIntoNothing() {
    assertThat(MatrixResults.gather(List.of())).isEmpty();
    assertThat(MatrixResults.gather(List.of(Map.of(), Map.of()))).isEmpty();
  }

  @Test
  void theGatheredResultsAreImmutable() {
    Map<String, List<String>> gathered = MatrixResults.gather(List.of(ordered("a", "1")));

    assertThatThrownBy(() -> gathered.put("b", List.of())).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> gathered.get("a").add("2")).isInstanceOf(UnsupportedOperationException.class);
  }

  private static Map<String, String> ordered(String... namesAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }
}
