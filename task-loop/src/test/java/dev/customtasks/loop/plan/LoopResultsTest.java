package dev.customtasks.loop.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopResultsTest {

  private static final Instant T = Instant.parse("2026-06-01T10:00:00Z");

  private static Map<String, String> results(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void itemLoopsGatherEachResultIntoAnArrayInIterationOrder() {
    List<Iteration> ran = List.of(
        Iteration.succeeded(2, T, results("region", "us", "url", "u2")),
        Iteration.succeeded(1, T, results("region", "eu", "url", "u1")),
        Iteration.succeeded(3, T, results("region", "ap")));

    assertThat(LoopResults.of(ran, false)).containsExactly(
        Map.entry("region", List.of("eu", "us", "ap")),
        Map.entry("url", List.of("u1", "u2")),
        Map.entry("iterations", "3"));
  }

  @Test
  void failedIterationsCountButGiveNoValues() {
    List<Iteration> ran = List.of(Iteration.succeeded(1, T, results("r", "a")), Iteration.failed(2, T));
    assertThat(LoopResults.of(ran, false)).containsEntry("r", List.of("a")).containsEntry("iterations", "2");
  }

  @Test
  void untilLoopsReportTheLastIterationsResultsUnderTheirOwnNames() {
    List<Iteration> ran = List.of(
        Iteration.succeeded(1, T, results("status", "pending")),
        Iteration.succeeded(2, T, results("status", "pending")),
        Iteration.succeeded(3, T, results("status", "ready")));

    assertThat(LoopResults.of(ran, true)).containsExactly(
        Map.entry("status", "ready"),
        Map.entry("status-all", List.of("pending", "pending", "ready")),
        Map.entry("iterations", "3"));
  }

  @Test
  void theIterationCountWinsOverAChildResultOfThatName() {
    assertThat(LoopResults.of(List.of(Iteration.succeeded(1, T, results("iterations", "x"))), false))
        .containsEntry("iterations", "1");
  }
}
