package dev.customtasks.matrix;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.controller.Children;
import dev.customtasks.crds.testkit.TaskTester;
import dev.customtasks.matrix.plan.ChildLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MatrixTask's decisions over in-memory children on a fixed clock: no server. */
class MatrixTaskTest {

  static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

  private final TaskTester<MatrixPlan, MatrixState> tester = new TaskTester<>(new MatrixTask());

  /** The example: os x jdk, minus mac/17, plus a linux-arm include; a Task per combination. */
  static final String PLATFORMS = """
      taskRef: {name: run-tests}
      params: [{name: revision, value: $(params.revision)}]
      matrix:
        params: [{name: os, value: [linux, windows, mac]}, {name: jdk, value: ["17", "21"]}]
        include: [{name: linux-arm, params: [{name: os, value: linux}, {name: arch, value: arm64}]}]
        exclude: [{params: [{name: os, value: mac}, {name: jdk, value: "17"}]}]
      maxParallel: 2
      failFast: true
      """;

  @Test
  void aNamedMatrixFansOutInTektonOrderWithParamsResolved() {
    tester.withNamedObject("platforms", spec(PLATFORMS));
    CustomRun run = started(customRun("m").ref(MatrixTask.KIND, "platforms").param("revision", "abc").build());

    MatrixPlan plan = tester.decode(run);

    assertThat(plan.combinations()).extracting(c -> c.params().toString()).containsExactly(
        "{arch=arm64, jdk=17, os=linux}", "{jdk=17, os=windows}", "{arch=arm64, jdk=21, os=linux}",
        "{jdk=21, os=windows}", "{jdk=21, os=mac}");
    assertThat(plan.maxParallel()).isEqualTo(2);
    assertThat(plan.failFast()).isTrue();
    assertThat(plan.target().runKind()).isEqualTo("TaskRun");
    assertThat(plan.child(0).params()).extracting(Param::getName).containsExactly("revision", "arch", "jdk", "os");
    assertThat(plan.child(0).params().get(0).getValue()).isEqualTo(ParamValue.of("abc"));
  }

  @Test
  void theFirstTickStartsMaxParallelChildrenNamedByIndexWithLabels() {
    tester.withNamedObject("platforms", spec(PLATFORMS));
    CustomRun run = started(customRun("m").ref(MatrixTask.KIND, "platforms").param("revision", "abc").build());

    tester.tick(run, T0);

    assertThat(names()).containsExactly("m-0", "m-1");
    TaskRun first = tester.children().get(TaskRun.class, "m-0").orElseThrow();
    assertThat(first.getSpec().getTaskRef().getName()).isEqualTo("run-tests");
    assertThat(first.getMetadata().getLabels()).containsEntry(ChildLabels.INDEX, "0")
        .containsEntry("matrix.customtasks.dev/os", "linux").containsEntry("matrix.customtasks.dev/arch", "arm64")
        .containsEntry(Children.PARENT_UID_LABEL, "uid-m");
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("0 of 5 combinations done, 2 running (maxParallel 2)");
    MatrixState state = state(run);
    assertThat(state.combinations()).isEqualTo(5);
    assertThat(state.children()).extracting(MatrixState.Entry::state)
        .containsExactly("Pending", "Pending", "NotStarted", "NotStarted", "NotStarted");
    assertThat(state.children().get(0)).satisfies(e -> {
      assertThat(e.child()).isEqualTo("m-0");
      assertThat(e.displayName()).isEqualTo("linux-arm");
      assertThat(e.params()).containsEntry("os", "linux");
    });
  }

  @Test
  void aFinishedChildFreesItsSlotForTheNextInOrderAndResultsGatherInOrder() {
    CustomRun run = started(timers("maxParallel: 2").build());
    tester.tick(run, T0);
    tester.children().start("m-0", T0);
    tester.children().start("m-1", T0);
    tester.tick(run, T0);
    assertThat(names()).containsExactly("m-0", "m-1");

    tester.children().succeed("m-1", T0.plusSeconds(1), Map.of("echo", ParamValue.of("b")));
    tester.tick(run, T0.plusSeconds(1));
    assertThat(names()).containsExactly("m-0", "m-1", "m-2");

    tester.children().succeed("m-0", T0.plusSeconds(2), Map.of("echo", ParamValue.of("a")));
    tester.children().succeed("m-2", T0.plusSeconds(2), Map.of("echo", ParamValue.of("c"),
        "list", ParamValue.ofArray(List.of("x"))));
    tester.tick(run, T0.plusSeconds(2));

    assertThat(run.getStatus().isSuccessful()).isTrue();
    assertThat(run.getStatus().getResults()).extracting(r -> r.getName() + "=" + r.getValue())
        .containsExactly("echo=[a, b, c]", "combinations=3");
    assertThat(state(run).children()).extracting(MatrixState.Entry::state)
        .containsOnly("Succeeded");
    assertThat(tester.children().get(CustomRun.class, "m-2").orElseThrow().getSpec().getParams())
        .extracting(p -> p.getName() + "=" + p.getValue()).containsExactly("duration=1s", "result=c");
  }

  @Test
  void failFastCancelsTheRunningStartsNoMoreAndFailsNamingTheCombination() {
    CustomRun run = started(timers("maxParallel: 2\nfailFast: true").build());
    tester.tick(run, T0);
    tester.children().fail("m-0", T0.plusSeconds(1), "ExampleFailure", "boom");
    tester.tick(run, T0.plusSeconds(1));

    assertThat(names()).containsExactly("m-0", "m-1");
    assertThat(tester.children().get(CustomRun.class, "m-1").orElseThrow().isCancelled()).isTrue();
    assertThat(run.getStatus().reason()).contains("Failed");
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage()).isEqualTo(
        "1 of 3 combinations failed (failFast: 1 running cancelled, the rest not started): #0 (result=a): boom");
    assertThat(run.getStatus().result("failed")).hasValueSatisfying(r ->
        assertThat(r.getValue()).isEqualTo(ParamValue.ofArray(List.of("0"))));
    assertThat(state(run).children()).extracting(MatrixState.Entry::state)
        .containsExactly("Failed", "Cancelled", "NotStarted");
    assertThat(state(run).children().get(0).message()).isEqualTo("boom");
  }

  @Test
  void withoutFailFastEveryCombinationRunsAndTheMatrixFailsAtTheEnd() {
    CustomRun run = started(timers("maxParallel: 1").build());
    tester.tick(run, T0);
    tester.children().fail("m-0", T0.plusSeconds(1), "ExampleFailure", "boom");
    tester.tick(run, T0.plusSeconds(1));
    assertThat(names()).containsExactly("m-0", "m-1");
    assertThat(run.isDone()).isFalse();
    tester.children().succeed("m-1", T0.plusSeconds(2), Map.of("echo", ParamValue.of("b")));
    tester.tick(run, T0.plusSeconds(2));
    tester.children().fail("m-2", T0.plusSeconds(3), "ExampleFailure", "bang");
    tester.tick(run, T0.plusSeconds(3));

    assertThat(run.getStatus().isFailed()).isTrue();
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("2 of 3 combinations failed: #0 (result=a): boom; #2 (result=c): bang");
    assertThat(run.getStatus().getResults()).extracting(r -> r.getName() + "=" + r.getValue())
        .containsExactly("echo=[b]", "combinations=3", "failed=[0, 2]");
  }

  @Test
  void gatheredResultsMayBeLargerThanOneChildsLimitUpToTheMatrixOwn() {
    String many = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "v" + i).toList().toString();
    CustomRun run = started(customRun("m").embedded(MatrixTask.KIND, spec(TIMERS.replace("[a, b, c]", many)))
        .build());
    tester.tick(run, T0);
    String stamp = "2026-06-01T10:00:00.000Z";
    for (int i = 0; i < 200; i++) {
      tester.children().succeed("m-" + i, T0, Map.of("firedAt", ParamValue.of(stamp)));
    }
    tester.tick(run, T0.plusSeconds(1));

    assertThat(run.getStatus().isSuccessful()).as(run.getStatus().succeededCondition().toString()).isTrue();
    assertThat(run.getStatus().result("firedAt").orElseThrow().getValue().serializedSize())
        .isGreaterThan(4096).isLessThan(MatrixTask.MAX_RESULT_BYTES);
  }

  @Test
  void aChildTheStatusRecordsButTheCacheDoesNotShowStillHoldsItsSlot() {
    CustomRun run = started(timers("maxParallel: 2").build());
    tester.tick(run, T0);
    // A restarted controller whose cache does not show m-1 yet: the status says it was created.
    tester.children().delete(tester.children().get(CustomRun.class, "m-1").orElseThrow());
    tester.children().succeed("m-0", T0.plusSeconds(1), Map.of());
    tester.tick(run, T0.plusSeconds(1));

    assertThat(names()).containsExactly("m-0", "m-2");
    assertThat(tester.children().creates()).isEqualTo(3);
  }

  @Test
  void aSecondTickFindsItsChildrenInsteadOfCreatingThemAgain() {
    CustomRun run = started(timers("").build());
    tester.tick(run, T0);
    tester.tick(run, T0);
    assertThat(tester.children().creates()).isEqualTo(3);
  }

  @Test
  void cancelAndTimeoutCancelEveryRunningChild() {
    CustomRun cancelled = started(timers("").build());
    tester.tick(cancelled, T0);
    cancelled.getSpec().setStatus(CustomRun.CANCELLED);
    tester.tick(cancelled, T0.plusSeconds(1));
    assertThat(cancelled.getStatus().reason()).contains("Cancelled");
    assertThat(tester.children().all()).hasSize(3).allMatch(c -> ((CustomRun) c).isCancelled());

    TaskTester<MatrixPlan, MatrixState> other = new TaskTester<>(new MatrixTask());
    CustomRun timedOut = other.started(customRun("t").embedded(MatrixTask.KIND, spec(TIMERS + "maxParallel: 2"))
        .timeout("10s").build(), T0);
    other.tick(timedOut, T0);
    other.tick(timedOut, T0.plusSeconds(10));
    assertThat(timedOut.getStatus().reason()).contains("TimedOut");
    assertThat(other.children().all()).hasSize(2).allMatch(c -> ((CustomRun) c).isCancelled());
  }

  @Test
  void aDimensionFromAnArrayParamOfTheRun() {
    CustomRun run = started(customRun("m").embedded(MatrixTask.KIND, spec("""
        taskRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}
        matrix:
          params: [{name: result, value: $(params.platforms)}]
        """)).param("platforms", List.of("linux", "mac")).param("duration", "1s").param("maxParallel", "1")
        .build());

    MatrixPlan plan = tester.decode(run);

    assertThat(plan.combinations()).extracting(c -> c.get("result")).containsExactly("linux", "mac");
    assertThat(plan.maxParallel()).as("a setting from a param").isEqualTo(1);
    assertThat(plan.child(1).params()).extracting(p -> p.getName() + "=" + p.getValue())
        .as("an unreferenced param goes to every child; platforms and maxParallel do not")
        .containsExactly("duration=1s", "result=mac");
  }

  @Test
  void anEmptyDimensionSucceedsAtOnceWithNoChild() {
    CustomRun run = started(customRun("m").embedded(MatrixTask.KIND, spec("""
        taskRef: {name: t}
        matrix: {params: [{name: os, value: $(params.platforms)}]}
        """)).param("platforms", List.of()).build());

    tester.tick(run, T0);

    assertThat(run.getStatus().isSuccessful()).isTrue();
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage())
        .startsWith("no combination to run: matrix.params[0] (os) is an empty array");
    assertThat(run.getStatus().result("combinations").orElseThrow().getValue()).isEqualTo(ParamValue.of("0"));
    assertThat(tester.children().all()).isEmpty();
  }

  @Test
  void anEmbeddedCustomTaskSpecRunsAsCustomRuns() {
    CustomRun run = started(customRun("m").embedded(MatrixTask.KIND, spec("""
        taskSpec:
          apiVersion: example.customtasks.dev/v1alpha1
          kind: Timer
          spec: {duration: 1s}
        matrix: {params: [{name: result, value: [x, y]}]}
        """)).build());
    tester.tick(run, T0);
    CustomRun child = tester.children().get(CustomRun.class, "m-1").orElseThrow();
    assertThat(child.getSpec().getCustomSpec().getKind()).isEqualTo("Timer");
    assertThat(child.getSpec().getCustomSpec().getSpec()).containsEntry("duration", "1s");
  }

  static final String TIMERS = """
      taskRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}
      params: [{name: duration, value: 1s}]
      matrix: {params: [{name: result, value: [a, b, c]}]}
      """;

  private dev.customtasks.crds.testkit.CustomRunBuilder timers(String extra) {
    return customRun("m").embedded(MatrixTask.KIND, spec(TIMERS + extra));
  }

  private CustomRun started(CustomRun run) {
    return tester.started(run, T0);
  }

  private List<String> names() {
    return tester.children().all().stream().map(HasMetadata::getMetadata).map(m -> m.getName()).toList();
  }

  static MatrixState state(CustomRun run) {
    return Serialization.jsonMapper().convertValue(run.getStatus().getExtraFields(), MatrixState.class);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(String yaml) {
    return yaml.isBlank() ? Map.of() : Serialization.unmarshal(yaml, Map.class);
  }
}
