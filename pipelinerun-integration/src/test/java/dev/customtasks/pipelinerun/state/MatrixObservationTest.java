package dev.customtasks.pipelinerun.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.ParamValue;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MatrixObservationTest {

  private static TaskObservation ok(String... results) {
    java.util.Map<String, ParamValue> values = new java.util.LinkedHashMap<>();
    for (int i = 0; i < results.length; i += 2) {
      values.put(results[i], ParamValue.of(results[i + 1]));
    }
    return new TaskObservation(TaskPhase.SUCCEEDED, values);
  }

  @Test
  void runsUntilEveryChildIsDone() {
    assertThat(MatrixObservation.aggregate(List.of(ok(), TaskObservation.running()), false).phase())
        .isEqualTo(TaskPhase.RUNNING);
    assertThat(MatrixObservation.aggregate(List.of(new TaskObservation(TaskPhase.FAILED, Map.of()),
        TaskObservation.running()), false).phase()).isEqualTo(TaskPhase.RUNNING);
  }

  @Test
  void succeedsWhenAllSucceededIsCancelledWhenAnyWasElseFails() {
    TaskObservation failed = new TaskObservation(TaskPhase.FAILED, Map.of());
    TaskObservation cancelled = new TaskObservation(TaskPhase.CANCELLED, Map.of());

    assertThat(MatrixObservation.aggregate(List.of(ok(), ok()), false).phase()).isEqualTo(TaskPhase.SUCCEEDED);
    assertThat(MatrixObservation.aggregate(List.of(ok(), failed), false).phase()).isEqualTo(TaskPhase.FAILED);
    assertThat(MatrixObservation.aggregate(List.of(failed, cancelled, ok()), false).phase())
        .isEqualTo(TaskPhase.CANCELLED);
  }

  @Test
  void taskRunResultsAreGatheredInTheOrderGivenAChildWithoutOneAddingNothing() {
    TaskObservation gathered = MatrixObservation.aggregate(List.of(ok("r", "a", "s", "1"), ok("r", "b"),
        new TaskObservation(TaskPhase.FAILED, Map.of()), ok("r", "c")), false);

    assertThat(gathered.phase()).isEqualTo(TaskPhase.FAILED);
    assertThat(gathered.results()).containsEntry("r", ParamValue.ofArray(List.of("a", "b", "c")))
        .containsEntry("s", ParamValue.ofArray(List.of("1")));
  }

  @Test
  void customRunResultsAreTheFirstChildsWithJsonArraysReadAsArrays() {
    TaskObservation first = ok("list", "[\"x\",\"y\"]", "one", "plain", "empty", "[]");
    TaskObservation observed = MatrixObservation.aggregate(List.of(first, ok("list", "[\"z\"]")), true);

    assertThat(observed.results()).containsEntry("list", ParamValue.ofArray(List.of("x", "y")))
        .containsEntry("one", ParamValue.of("plain")).containsEntry("empty", ParamValue.of("[]"));
  }

  @Test
  void elevenChildrenInNameOrderPutTheTenthAfterTheFirst() {
    // The caller sorts children by name as strings, as Tekton does: -0, -1, -10, -2, ...
    List<String> names = IntStream.range(0, 11).mapToObj(i -> "pr-t-" + i).sorted().toList();
    List<TaskObservation> children = names.stream().map(n -> ok("r", n.substring(5))).toList();

    assertThat(MatrixObservation.aggregate(children, false).results().get("r").asArray())
        .containsExactly("0", "1", "10", "2", "3", "4", "5", "6", "7", "8", "9");
  }
}
