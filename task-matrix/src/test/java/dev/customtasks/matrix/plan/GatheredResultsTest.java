package dev.customtasks.matrix.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.matrix.Combination;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatheredResultsTest {

  @Test
  void stringResultsGatherInCombinationOrderThenTheCount() {
    Map<String, ParamValue> results = GatheredResults.of(List.of(
        Map.of("report", ParamValue.of("linux.html")),
        Map.of("report", ParamValue.of("mac.html"), "list", ParamValue.ofArray(List.of("a"))),
        Map.of("report", ParamValue.of("windows.html"))), List.of());

    assertThat(results).containsExactly(
        Map.entry("report", ParamValue.ofArray(List.of("linux.html", "mac.html", "windows.html"))),
        Map.entry("combinations", ParamValue.of("3")));
  }

  @Test
  void failedIndicesAreAResultAndAFailedChildAddsNothing() {
    Map<String, ParamValue> results = GatheredResults.of(List.of(
        Map.of("report", ParamValue.of("linux.html")), Map.of(), Map.of("report", ParamValue.of("windows.html"))),
        List.of(1));

    assertThat(results).containsEntry("report", ParamValue.ofArray(List.of("linux.html", "windows.html")))
        .containsEntry("combinations", ParamValue.of("3"))
        .containsEntry("failed", ParamValue.ofArray(List.of("1")));
  }

  @Test
  void theMatrixOwnResultsWinOverAChildResultOfTheSameName() {
    Map<String, ParamValue> results = GatheredResults.of(List.of(Map.of("combinations", ParamValue.of("x"))),
        List.of());
    assertThat(results).containsExactly(Map.entry("combinations", ParamValue.of("1")));
  }

  @Test
  void theFailureMessageNamesEachFailedCombination() {
    Map<String, String> mac = new LinkedHashMap<>();
    mac.put("jdk", "17");
    mac.put("os", "mac");
    List<Combination> combinations = List.of(new Combination(Map.of("os", "linux"), List.of()),
        new Combination(mac, List.of("apple")), new Combination(Map.of("os", "windows"), List.of()));

    assertThat(FailureReport.message(combinations, List.of(1, 2), Map.of(1, "tests failed"), 0))
        .isEqualTo("2 of 3 combinations failed: #1 (jdk=17, os=mac) \"apple\": tests failed; #2 (os=windows)");
    assertThat(FailureReport.message(combinations, List.of(1), Map.of(), 1))
        .startsWith("1 of 3 combinations failed (failFast: 1 running cancelled, the rest not started): #1");
  }

  @Test
  void aLongListOfFailuresIsCut() {
    List<Combination> combinations = java.util.stream.IntStream.range(0, 15)
        .mapToObj(i -> new Combination(Map.of("i", Integer.toString(i)), List.of())).toList();
    String message = FailureReport.message(combinations, java.util.stream.IntStream.range(0, 15).boxed().toList(),
        Map.of(), 0);
    assertThat(message).contains("#9 (i=9)").doesNotContain("#10 (").endsWith("; and 5 more");
  }
}
