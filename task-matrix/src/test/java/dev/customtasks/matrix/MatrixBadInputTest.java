package dev.customtasks.matrix;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static dev.customtasks.matrix.MatrixTaskTest.T0;
import static dev.customtasks.matrix.MatrixTaskTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.testkit.CustomRunBuilder;
import dev.customtasks.crds.testkit.TaskTester;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input ends the run at once, with a reason and a message naming the field: the table. */
class MatrixBadInputTest {

  private static final String TIMER = "taskRef: {apiVersion: example.customtasks.dev/v1alpha1, kind: Timer}\n";

  static Stream<Arguments> table() {
    return Stream.of(
        bad("no spec at all", customRun("r").ref(MatrixTask.KIND).param("maxParallel", "2"), "InvalidSpec",
            "taskRef: one of taskRef or taskSpec is required"),
        bad("taskRef and taskSpec", embedded(TIMER + "taskSpec: {steps: []}\nmatrix: {params: [{name: a, value: [x]}]}"),
            "InvalidSpec", "customSpec.spec.taskSpec: only one of taskRef or taskSpec may be given"),
        bad("a custom taskRef without kind", embedded("taskRef: {apiVersion: example.dev/v1}\n"
            + "matrix: {params: [{name: a, value: [x]}]}"), "InvalidSpec",
            "customSpec.spec.taskRef.kind: is required with taskRef.apiVersion"),
        bad("no matrix", embedded(TIMER), "InvalidSpec", "customSpec.spec.matrix: is required"),
        bad("an empty matrix", embedded(TIMER + "matrix: {}"), "InvalidSpec",
            "customSpec.spec.matrix: needs params or include"),
        bad("a duplicate matrix param", embedded(TIMER
            + "matrix: {params: [{name: os, value: [a]}, {name: os, value: [b]}]}"), "InvalidSpec",
            "customSpec.spec.matrix.params[1].name: duplicate param \"os\" (also matrix.params[0])"),
        bad("an exclude naming no matrix param", embedded(TIMER
            + "matrix: {params: [{name: os, value: [a]}], exclude: [{params: [{name: arch, value: x}]}]}"),
            "InvalidSpec", "customSpec.spec.matrix.exclude[0].params[0].name: \"arch\" is not one of matrix.params"),
        bad("an include value that is an array", embedded(TIMER
            + "matrix: {params: [{name: os, value: [a]}], include: [{params: [{name: arch, value: [x]}]}]}"),
            "InvalidSpec", "customSpec.spec.matrix.include[0].params[0].value: expected a string, got an array"),
        bad("a dimension that is a plain string", embedded(TIMER + "matrix: {params: [{name: os, value: linux}]}"),
            "InvalidSpec", "customSpec.spec.matrix.params[0].value: expected an array of values, or $(params.name)"),
        bad("more combinations than the limit", embedded(TIMER + "matrix: {params: [{name: a, value: "
            + values(17) + "}, {name: b, value: " + values(17) + "}]}"), "InvalidSpec",
            "customSpec.spec.matrix: 289 combinations, more than the limit of 256"),
        bad("maxParallel 0", embedded(TIMER + "matrix: {params: [{name: a, value: [x]}]}\nmaxParallel: 0"),
            "InvalidSpec", "customSpec.spec.maxParallel: must be at least 1, got 0"),
        bad("maxParallel param not a number", embedded(TIMER + "matrix: {params: [{name: a, value: [x]}]}")
            .param("maxParallel", "many"), "InvalidParams", "param \"maxParallel\": \"many\" is not a valid integer"),
        bad("failFast param neither true nor false", embedded(TIMER + "matrix: {params: [{name: a, value: [x]}]}")
            .param("failFast", "yes"), "InvalidParams", "param \"failFast\": \"yes\" is not a valid"),
        bad("failFast in the spec neither true nor false", embedded(TIMER + "matrix: {params: [{name: a, value: [x]}]}"
            + "\nfailFast: sometimes"), "InvalidSpec", "customSpec.spec.failFast: \"sometimes\" is not a valid"),
        bad("a reference to a missing param", embedded(TIMER
            + "matrix: {params: [{name: os, value: $(params.platforms)}]}"), "InvalidParams",
            "param \"platforms\": $(params.platforms) refers to param \"platforms\", which the run does not have "
                + "(in customSpec.spec.matrix.params[0].value)"),
        bad("a run param named like a matrix param", embedded(TIMER
            + "matrix: {params: [{name: os, value: [a]}]}").param("os", "b"), "InvalidParams",
            "param \"os\": is also matrix.params[0]; to fan out over it, write $(params.os)"),
        bad("a common param that is also a matrix param", embedded(TIMER
            + "params: [{name: os, value: x}]\nmatrix: {params: [{name: os, value: [a]}]}"), "InvalidSpec",
            "customSpec.spec.params[0].name: \"os\" is also matrix.params[0]"),
        bad("an unknown field", embedded(TIMER + "matrix: {params: [{name: a, value: [x]}]}\nparallelism: 2"),
            "InvalidSpec", "unknown field customSpec.spec.parallelism"),
        bad("a named Matrix that does not exist", customRun("r").ref(MatrixTask.KIND, "nope"), "ReferenceNotFound",
            "customRef.name: Matrix \"nope\" not found"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void endsTheRunNamingTheField(String name, CustomRunBuilder run, String reason, String message) {
    TaskTester<MatrixPlan, MatrixState> tester = new TaskTester<>(new MatrixTask());
    CustomRun started = tester.started(run.build(), T0);

    tester.tick(started, T0);

    assertThat(started.getStatus().reason()).contains(reason);
    assertThat(started.getStatus().succeededCondition().orElseThrow().getMessage()).contains(message);
    assertThat(tester.children().all()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aNamedObjectsFieldIsNamedWithTheObject() {
    TaskTester<MatrixPlan, MatrixState> tester = new TaskTester<>(new MatrixTask())
        .withNamedObject("m", spec(TIMER + "matrix: {params: [{name: a, value: [x]}]}\nmaxParallel: -1"));
    CustomRun run = tester.started(customRun("r").ref(MatrixTask.KIND, "m").build(), T0);
    tester.tick(run, T0);
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage())
        .isEqualTo("Matrix \"m\" spec.maxParallel: must be at least 1, got -1");
  }

  private static Arguments bad(String name, CustomRunBuilder run, String reason, String message) {
    return Arguments.of(name, run, reason, message);
  }

  private static CustomRunBuilder embedded(String yaml) {
    return customRun("r").embedded(MatrixTask.KIND, spec(yaml));
  }

  private static String values(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> "v" + i).toList().toString();
  }

}
