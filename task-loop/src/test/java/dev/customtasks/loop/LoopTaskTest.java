package dev.customtasks.loop;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.controller.InvalidInputException;
import dev.customtasks.crds.controller.Reasons;
import dev.customtasks.crds.controller.RunLifecycle;
import dev.customtasks.crds.testkit.TaskTester;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** LoopTask's decisions on a fixed clock over in-memory children: no server. */
class LoopTaskTest {

  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  private final TaskTester<LoopDefinition, LoopState> tester = new TaskTester<>(new LoopTask());

  private static Map<String, Object> spec(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static final Map<String, Object> DEPLOY = Map.of("name", "deploy-region");

  private CustomRun start(CustomRun run) {
    return tester.started(run, T0);
  }

  private List<String> childNames() {
    return tester.children().all().stream().map(c -> c.getMetadata().getName()).toList();
  }

  private static String param(TaskRun run, String name) {
    return run.getSpec().getParams().stream().filter(p -> p.getName().equals(name)).findFirst()
        .map(p -> p.getValue().asString()).orElse(null);
  }

  private TaskRun taskRun(String name) {
    return tester.children().get(TaskRun.class, name).orElseThrow();
  }

  private static ParamValue result(CustomRun run, String name) {
    return run.getStatus().result(name).map(CustomRunResult::getValue).orElseThrow();
  }

  @Test
  void itemsRunOneAfterAnotherWithTheItemInTheIterateParam() {
    CustomRun run = start(customRun("deploy").embedded(LoopTask.KIND,
        spec("taskRef", DEPLOY, "iterateParam", "region", "items", List.of("eu", "us", "ap")))
        .param("version", "1.2").build());

    tester.tick(run, T0);
    assertThat(childNames()).containsExactly("deploy-00001");
    TaskRun first = taskRun("deploy-00001");
    assertThat(param(first, "region")).isEqualTo("eu");
    assertThat(param(first, "version")).isEqualTo("1.2");
    assertThat(first.getSpec().getTaskRef().getName()).isEqualTo("deploy-region");
    assertThat(first.getMetadata().getLabels()).containsEntry(LoopTask.ITERATION_LABEL, "1")
        .containsEntry(LoopTask.ITEM_LABEL, "eu");
    assertThat(run.getStatus().getConditions().get(0).getMessage()).isEqualTo("Iterations completed: 0");

    tester.tick(run, T0.plusSeconds(1));
    assertThat(childNames()).hasSize(1);
    tester.children().succeed("deploy-00001", T0.plusSeconds(2), Map.of("url", ParamValue.of("https://eu")));
    tester.tick(run, T0.plusSeconds(2));
    assertThat(childNames()).containsExactly("deploy-00001", "deploy-00002");
    assertThat(param(taskRun("deploy-00002"), "region")).isEqualTo("us");
    tester.children().succeed("deploy-00002", T0.plusSeconds(3), Map.of("url", ParamValue.of("https://us")));
    tester.tick(run, T0.plusSeconds(3));
    tester.children().succeed("deploy-00003", T0.plusSeconds(4), Map.of("url", ParamValue.of("https://ap")));
    tester.tick(run, T0.plusSeconds(4));

    assertThat(run.getStatus().isSuccessful()).isTrue();
    assertThat(run.getStatus().getConditions().get(0).getMessage()).isEqualTo("All TaskRuns completed successfully");
    assertThat(result(run, "url")).isEqualTo(ParamValue.ofArray(List.of("https://eu", "https://us", "https://ap")));
    assertThat(result(run, "iterations")).isEqualTo(ParamValue.of("3"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> iterations = (List<Map<String, Object>>) ((Map<String, Object>) io.fabric8.kubernetes.client
        .utils.Serialization.jsonMapper().convertValue(run.getStatus().getExtraFields(), Map.class)).get("iterations");
    assertThat(iterations).extracting(i -> i.get("item"), i -> i.get("name"), i -> i.get("outcome")).containsExactly(
        org.assertj.core.groups.Tuple.tuple("eu", "deploy-00001", "Succeeded"),
        org.assertj.core.groups.Tuple.tuple("us", "deploy-00002", "Succeeded"),
        org.assertj.core.groups.Tuple.tuple("ap", "deploy-00003", "Succeeded"));
  }

  @Test
  void concurrencyThreeNeverHasMoreThanThreeRunning() {
    CustomRun run = start(customRun("c3").embedded(LoopTask.KIND, spec("taskRef", DEPLOY, "iterateParam", "region",
        "items", List.of("a", "b", "c", "d", "e"), "concurrency", 3)).build());

    tester.tick(run, T0);
    assertThat(childNames()).containsExactly("c3-00001", "c3-00002", "c3-00003");
    tester.children().succeed("c3-00002", T0.plusSeconds(1), Map.of());
    tester.tick(run, T0.plusSeconds(1));
    assertThat(childNames()).containsExactly("c3-00001", "c3-00002", "c3-00003", "c3-00004");
    tester.tick(run, T0.plusSeconds(2));
    assertThat(childNames()).hasSize(4);
  }

  @Test
  void concurrencyZeroStartsAllAtOnce() {
    CustomRun run = start(customRun("all").embedded(LoopTask.KIND, spec("taskRef", DEPLOY, "iterateParam", "n",
        "range", Map.of("from", 1, "to", 5, "step", 2), "concurrency", 0)).build());
    tester.tick(run, T0);
    assertThat(childNames()).containsExactly("all-00001", "all-00002", "all-00003");
    assertThat(tester.children().all()).extracting(c -> param((TaskRun) c, "n")).containsExactly("1", "3", "5");
  }

  @Test
  void untilWithAnIntervalWakesBetweenIterationsAndEndsWhenItHolds() {
    CustomRun run = start(customRun("poll").embedded(LoopTask.KIND, spec("taskRef", DEPLOY,
        "until", "results.status == 'ready'", "interval", "30s", "maxIterations", 10,
        "iterationNumberParam", "attempt")).build());

    tester.tick(run, T0);
    assertThat(childNames()).containsExactly("poll-00001");
    assertThat(param(taskRun("poll-00001"), "attempt")).isEqualTo("1");
    tester.children().succeed("poll-00001", T0.plusSeconds(5), Map.of("status", ParamValue.of("pending")));
    RunLifecycle.Decision waiting = tester.tick(run, T0.plusSeconds(5));
    assertThat(waiting.wakeAt()).contains(T0.plusSeconds(35));
    assertThat(childNames()).hasSize(1);
    assertThat(tester.tick(run, T0.plusSeconds(34)).wakeAt()).contains(T0.plusSeconds(35));
    assertThat(childNames()).hasSize(1);
    tester.tick(run, T0.plusSeconds(35));
    assertThat(childNames()).containsExactly("poll-00001", "poll-00002");
    tester.children().succeed("poll-00002", T0.plusSeconds(40), Map.of("status", ParamValue.of("pending")));
    tester.tick(run, T0.plusSeconds(70));
    tester.children().succeed("poll-00003", T0.plusSeconds(75), Map.of("status", ParamValue.of("ready")));
    RunLifecycle.Decision done = tester.tick(run, T0.plusSeconds(75));

    assertThat(done.wakeAt()).isEmpty();
    assertThat(run.getStatus().isSuccessful()).isTrue();
    assertThat(childNames()).hasSize(3);
    assertThat(result(run, "status")).isEqualTo(ParamValue.of("ready"));
    assertThat(result(run, "status-all")).isEqualTo(ParamValue.ofArray(List.of("pending", "pending", "ready")));
    assertThat(result(run, "iterations")).isEqualTo(ParamValue.of("3"));
  }

  @Test
  void untilThatNeverHoldsFailsWithMaxIterationsReached() {
    CustomRun run = start(customRun("never").embedded(LoopTask.KIND, spec("taskRef", DEPLOY,
        "until", "iteration > 5", "maxIterations", 2)).build());
    tester.tick(run, T0);
    tester.children().succeed("never-00001", T0, Map.of());
    tester.tick(run, T0);
    tester.children().succeed("never-00002", T0, Map.of());
    tester.tick(run, T0);

    assertThat(run.getStatus().reason()).contains(LoopTask.MAX_ITERATIONS_REACHED);
    assertThat(run.getStatus().getConditions().get(0).getMessage())
        .isEqualTo("Condition \"iteration > 5\" did not hold after 2 iterations (maxIterations)");
  }

  @Test
  void untilThatFailsAtRunTimeEndsTheRunWithTheCelError() {
    CustomRun run = start(customRun("celfail").embedded(LoopTask.KIND, spec("taskRef", DEPLOY,
        "until", "results.missing == 'x'", "maxIterations", 3)).build());
    tester.tick(run, T0);
    tester.children().succeed("celfail-00001", T0, Map.of("other", ParamValue.of("y")));
    tester.tick(run, T0);
    assertThat(run.getStatus().reason()).contains(Reasons.INVALID_SPEC);
    assertThat(run.getStatus().getConditions().get(0).getMessage()).contains("\"until\"")
        .contains("results.missing == 'x'");
  }

  @Test
  void onFailureStopStartsNothingAfterAFailure() {
    CustomRun run = start(customRun("stop").embedded(LoopTask.KIND, spec("taskRef", DEPLOY, "iterateParam", "r",
        "items", List.of("a", "b", "c"))).build());
    tester.tick(run, T0);
    tester.children().succeed("stop-00001", T0, Map.of());
    tester.tick(run, T0);
    tester.children().fail("stop-00002", T0, "Failed", "boom");
    tester.tick(run, T0);

    assertThat(childNames()).containsExactly("stop-00001", "stop-00002");
    assertThat(run.getStatus().reason()).contains(Reasons.FAILED);
    assertThat(run.getStatus().getConditions().get(0).getMessage())
        .isEqualTo("One or more TaskRuns have failed: iteration 2 (stop-00002, Failed: boom)");
  }

  @Test
  void onFailureContinueRunsAllAndNamesTheFailedOnes() {
    CustomRun run = start(customRun("cont").embedded(LoopTask.KIND, spec("taskRef", DEPLOY, "iterateParam", "r",
        "items", List.of("a", "b", "c"), "onFailure", "continue")).build());
    tester.tick(run, T0);
    tester.children().fail("cont-00001", T0, "Failed", "boom");
    tester.tick(run, T0);
    tester.children().succeed("cont-00002", T0, Map.of("out", ParamValue.of("b")));
    tester.tick(run, T0);
    assertThat(run.getStatus().isDone()).isFalse();
    tester.children().fail("cont-00003", T0, "TaskRunTimeout", "slow");
    tester.tick(run, T0);

    assertThat(childNames()).hasSize(3);
    assertThat(run.getStatus().getConditions().get(0).getMessage())
        .isEqualTo("One or more TaskRuns have failed: iteration 1 (cont-00001, Failed: boom), "
            + "iteration 3 (cont-00003, TaskRunTimeout: slow)");
  }

  @Test
  void aTaskLoopObjectReadsItsItemsFromTheIterateParamAndLabelsChildrenAsTaskLoopDid() {
    tester.withNamedObject("testloop", spec("taskRef", Map.of("name", "testtask"), "iterateParam", "test-type",
        "timeout", "5m", "retries", 2));
    CustomRun run = start(customRun("loop-run").ref(LoopTask.TASK_LOOP_KIND, "testloop")
        .param("test-type", "codeanalysis\nunittests\n").build());

    tester.tick(run, T0);

    TaskRun first = taskRun("loop-run-00001");
    assertThat(param(first, "test-type")).isEqualTo("codeanalysis");
    assertThat(first.getSpec().getTimeout()).isEqualTo("5m0s");
    assertThat(first.getSpec().getRetries()).isEqualTo(2);
    assertThat(first.getMetadata().getLabels()).containsEntry("custom.tekton.dev/taskLoop", "testloop")
        .containsEntry("tekton.dev/run", "loop-run").containsEntry("custom.tekton.dev/taskLoopIteration", "1");
    @SuppressWarnings("unchecked")
    Map<String, Object> extra = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
        .convertValue(run.getStatus().getExtraFields(), Map.class);
    assertThat(extra).containsEntry("taskRuns", Map.of("loop-run-00001", Map.of("iteration", 1)));
    tester.children().succeed("loop-run-00001", T0, Map.of());
    tester.tick(run, T0);
    assertThat(param(taskRun("loop-run-00002"), "test-type")).isEqualTo("unittests");
  }

  @Test
  void aTaskLoopRunIsLabelledWithItsTaskLoopAndItsChildrenCarryItsLabelsAndAnnotations() {
    tester.withNamedObject("a-taskloop", spec("taskRef", Map.of("name", "a-task"), "iterateParam", "current-item"));
    CustomRun run = customRun("run-taskloop").ref(LoopTask.TASK_LOOP_KIND, "a-taskloop").label("myRunLabel",
        "myRunLabelValue").param("current-item", List.of("item1", "item2")).build();
    run.getMetadata().setAnnotations(Map.of("myRunAnnotation", "myRunAnnotationValue"));
    run = start(run);

    tester.tick(run, T0);

    assertThat(run.getMetadata().getLabels()).containsEntry("custom.tekton.dev/taskLoop", "a-taskloop");
    TaskRun first = taskRun("run-taskloop-00001");
    assertThat(first.getMetadata().getLabels()).containsEntry("custom.tekton.dev/taskLoop", "a-taskloop")
        .containsEntry("tekton.dev/run", "run-taskloop").containsEntry("custom.tekton.dev/taskLoopIteration", "1")
        .containsEntry("myRunLabel", "myRunLabelValue");
    assertThat(first.getMetadata().getAnnotations()).containsEntry("myRunAnnotation", "myRunAnnotationValue");
  }

  /** A run as created, not seen by the controller yet (a server would have given it a uid). */
  private static CustomRun unstarted(CustomRun run) {
    run.getMetadata().setUid("uid-" + run.getMetadata().getName());
    run.getMetadata().setNamespace("default");
    return run;
  }

  private static List<String> told(RunLifecycle.Decision decision) {
    return decision.events().stream().map(e -> (e.warning() ? "Warning " : "Normal ") + e.reason() + " "
        + e.message()).toList();
  }

  @Test
  void aTaskLoopRunTellsTaskLoopsEvents() {
    tester.withNamedObject("a-taskloop", spec("taskRef", Map.of("name", "a-task"), "iterateParam", "current-item"));
    CustomRun run = unstarted(customRun("run-taskloop").ref(LoopTask.TASK_LOOP_KIND, "a-taskloop")
        .param("current-item", List.of("item1", "item2")).build());

    assertThat(told(tester.tick(run, T0))).containsExactly("Normal Started ", "Normal Running Iterations completed: 0");
    tester.children().succeed("run-taskloop-00001", T0, Map.of());
    assertThat(told(tester.tick(run, T0))).containsExactly("Normal Running Iterations completed: 1");
    assertThat(told(tester.tick(run, T0))).isEmpty();
    tester.children().fail("run-taskloop-00002", T0, "Failed", "step failed");
    assertThat(told(tester.tick(run, T0))).singleElement().asString()
        .startsWith("Warning Failed One or more TaskRuns have failed");

    CustomRun missing = unstarted(customRun("bad-run-missing-iterate-param").ref(LoopTask.TASK_LOOP_KIND,
        "a-taskloop").build());
    assertThat(told(tester.tick(missing, T0))).containsExactly("Normal Started ", "Warning Failed "
        + missing.getStatus().succeededCondition().orElseThrow().getMessage());
  }

  @Test
  void aPlainLoopTellsTheLifecyclesEvents() {
    CustomRun run = unstarted(customRun("plain").embedded(LoopTask.KIND, spec("taskRef", DEPLOY, "iterateParam", "r",
        "items", List.of("a", "b"))).build());
    assertThat(told(tester.tick(run, T0))).containsExactly("Normal Started loop run started");
  }

  @Test
  void aTaskLoopWithNegativeConcurrencyRunsAllAtOnceAsTaskLoopDid() {
    tester.withNamedObject("all", spec("taskRef", Map.of("name", "t"), "iterateParam", "x", "concurrency", -1));
    CustomRun run = start(customRun("neg").ref(LoopTask.TASK_LOOP_KIND, "all").param("x", List.of("1", "2", "3"))
        .build());
    tester.tick(run, T0);
    assertThat(childNames()).hasSize(3);
  }

  @Test
  void aPipelineLoopRunsPipelineRunsOverNumbersWithParallelism() {
    tester.withNamedObject("echoloop", spec("pipelineRef", Map.of("name", "two-tasks"), "iterateNumeric", "n",
        "iterationNumberParam", "iteration", "parallelism", 2));
    CustomRun run = start(customRun("pl").ref(LoopTask.PIPELINE_LOOP_KIND, "echoloop")
        .param("from", "10").param("to", "13").param("step", "1").param("extra", "x").build());

    tester.tick(run, T0);

    assertThat(childNames()).containsExactly("pl-00001", "pl-00002");
    PipelineRun first = tester.children().get(PipelineRun.class, "pl-00001").orElseThrow();
    assertThat(first.getSpec().getPipelineRef().getName()).isEqualTo("two-tasks");
    assertThat(first.getSpec().getParams()).extracting(Param::getName, p -> p.getValue().asString())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("extra", "x"), org.assertj.core.groups.Tuple.tuple("n", "10"),
            org.assertj.core.groups.Tuple.tuple("iteration", "1"));
    assertThat(first.getMetadata().getLabels()).containsEntry("custom.tekton.dev/pipelineLoop", "echoloop")
        .containsEntry("custom.tekton.dev/pipelineLoopIteration", "1");
    assertThat(first.getMetadata().getAnnotations()).containsEntry("custom.tekton.dev/pipelineLoopCurrentIterationItem",
        "10");
    assertThat(run.getMetadata().getLabels()).containsEntry("custom.tekton.dev/pipelineLoop", "echoloop");
  }

  @Test
  void aPipelineLoopAnnotatesEachChildWithItsItemAsJsonAsKfpTektonDid() {
    tester.withNamedObject("items", spec("pipelineRef", Map.of("name", "p"), "iterateParam", "item",
        "parallelism", 3));
    CustomRun run = start(customRun("pl").ref(LoopTask.PIPELINE_LOOP_KIND, "items")
        .param("item", "[\"item1\", {\"a\": 1, \"b\": 2}, 3]").build());

    tester.tick(run, T0);

    assertThat(tester.children().all()).extracting(c -> c.getMetadata().getAnnotations()
        .get(LoopTask.PIPELINE_LOOP_ITEM_ANNOTATION)).containsExactly("\"item1\"", "{\"a\":1,\"b\":2}", "3");
  }

  @Test
  void aCustomTaskBodyRunsAsCustomRuns() {
    CustomRun run = start(customRun("waits").embedded(LoopTask.KIND, spec("taskRef",
        Map.of("apiVersion", "customtasks.dev/v1alpha1", "kind", "Wait"), "iterateParam", "duration",
        "items", List.of("1s", "2s"))).build());
    tester.tick(run, T0);
    CustomRun child = tester.children().get(CustomRun.class, "waits-00001").orElseThrow();
    assertThat(child.getSpec().getCustomRef().getKind()).isEqualTo("Wait");
    assertThat(child.getSpec().getParams()).extracting(Param::getName).containsExactly("duration");
  }

  @Test
  void itemsMayComeFromAnArrayParamOfTheRun() {
    CustomRun run = start(customRun("ref").embedded(LoopTask.KIND, spec("taskRef", DEPLOY, "iterateParam", "region",
        "items", "$(params.regions)", "concurrency", 0)).param("regions", List.of("eu", "us")).build());
    tester.tick(run, T0);
    assertThat(tester.children().all()).extracting(c -> param((TaskRun) c, "region")).containsExactly("eu", "us");
    // The list itself is not passed on: the iterate param carries one item.
    assertThat(param(taskRun("ref-00001"), "regions")).isNull();
  }

  @Test
  void aTickRepeatedOrAfterARestartCreatesNoChildTwice() {
    CustomRun run = start(customRun("again").embedded(LoopTask.KIND, spec("taskRef", DEPLOY, "iterateParam", "r",
        "items", List.of("a", "b"))).build());
    tester.tick(run, T0);
    CustomRun lostStatus = tester.started(customRun("again").embedded(LoopTask.KIND, spec("taskRef", DEPLOY,
        "iterateParam", "r", "items", List.of("a", "b"))).build(), T0);
    tester.tick(lostStatus, T0.plusSeconds(1));
    tester.tick(run, T0.plusSeconds(1));
    assertThat(tester.children().creates()).isEqualTo(1);
  }

  @Test
  void aRetryOfTheWholeLoopStartsAgainFromTheFirstIterationUnderNewNames() {
    CustomRun run = start(customRun("again").embedded(LoopTask.KIND, spec("taskRef", DEPLOY, "iterateParam", "r",
        "items", List.of("a", "b"))).retries(1).build());
    tester.tick(run, T0);
    tester.children().fail("again-00001", T0.plusSeconds(1), "Failed", "boom");
    tester.tick(run, T0.plusSeconds(1));
    tester.tick(run, T0.plusSeconds(2));

    assertThat(run.getStatus().getRetriesStatus()).hasSize(1);
    assertThat(run.getStatus().isDone()).isFalse();
    assertThat(childNames()).containsExactly("again-00001", "again-r1-00001");
    assertThat(param(taskRun("again-r1-00001"), "r")).isEqualTo("a");
  }

  static Stream<Arguments> badInput() {
    Map<String, Object> taskSpec = spec("params", List.of(Map.of("name", "region", "type", "string")),
        "steps", List.of(Map.of("name", "s", "image", "busybox")));
    return Stream.of(
        Arguments.of("empty items", spec("taskRef", DEPLOY, "iterateParam", "r", "items", List.of()), "\"items\""),
        Arguments.of("step 0", spec("taskRef", DEPLOY, "iterateParam", "r", "range", Map.of("from", 1, "to", 3, "step", 0)),
            "\"range.step\": must not be 0"),
        Arguments.of("wrong way", spec("taskRef", DEPLOY, "iterateParam", "r", "range",
            Map.of("from", 1, "to", 3, "step", -1)), "\"range.step\": goes the wrong way"),
        Arguments.of("undeclared iterateParam", spec("taskSpec", taskSpec, "iterateParam", "zone", "items", List.of("a")),
            "\"iterateParam\": names param \"zone\", which the taskSpec does not declare; it declares: region"),
        Arguments.of("items and range", spec("taskRef", DEPLOY, "iterateParam", "r", "items", List.of("a"),
            "range", Map.of("from", 1, "to", 2)), "\"range\": only one of items, range, until or iterateNumeric"),
        Arguments.of("until without maxIterations", spec("taskRef", DEPLOY, "until", "true"), "\"maxIterations\": is required"),
        Arguments.of("negative concurrency", spec("taskRef", DEPLOY, "iterateParam", "r", "items", List.of("a"),
            "concurrency", -1), "\"concurrency\": must not be negative"),
        Arguments.of("until does not compile", spec("taskRef", DEPLOY, "until", "results.x ==", "maxIterations", 3),
            "\"until\": CEL expression \"results.x ==\" does not compile"),
        Arguments.of("until is no bool", spec("taskRef", DEPLOY, "until", "iteration + 1", "maxIterations", 3),
            "not bool"),
        Arguments.of("no body", spec("iterateParam", "r", "items", List.of("a")), "\"taskRef\": one of taskRef"),
        Arguments.of("two bodies", spec("taskRef", DEPLOY, "pipelineRef", Map.of("name", "p"), "iterateParam", "r",
            "items", List.of("a")), "\"pipelineRef\": only one of"),
        Arguments.of("no iterateParam", spec("taskRef", DEPLOY, "items", List.of("a")), "\"iterateParam\": is required"),
        Arguments.of("bad interval", spec("taskRef", DEPLOY, "until", "true", "maxIterations", 2, "interval", "soon"),
            "\"interval\""),
        Arguments.of("interval with concurrency", spec("taskRef", DEPLOY, "iterateParam", "r", "items", List.of("a"),
            "interval", "1s", "concurrency", 2), "\"interval\": needs concurrency 1"),
        Arguments.of("onFailure", spec("taskRef", DEPLOY, "iterateParam", "r", "items", List.of("a"), "onFailure", "skip"),
            "\"onFailure\""),
        Arguments.of("bad items", spec("taskRef", DEPLOY, "iterateParam", "r", "items", Map.of("a", "b")),
            "\"items\": must be a list"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void aBadLoopFieldIsInvalidSpecNamingTheField(String name, Map<String, Object> loopSpec, String message) {
    CustomRun run = customRun("bad").embedded(LoopTask.KIND, loopSpec).build();
    assertThatThrownBy(() -> tester.decode(run)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.reason()).isEqualTo(Reasons.INVALID_SPEC)).hasMessageContaining(message);
  }

  static Stream<Arguments> badParams() {
    return Stream.of(
        Arguments.of("missing items param", customRun("bad").embedded(LoopTask.KIND, spec("taskRef", DEPLOY,
            "iterateParam", "r", "items", "$(params.nope)")), "\"items\": refers to param \"nope\""),
        Arguments.of("empty items param", customRun("bad").embedded(LoopTask.KIND, spec("taskRef", DEPLOY,
            "iterateParam", "r", "items", "$(params.regions)")).param("regions", List.of()), "\"items\": has no items"),
        Arguments.of("numeric bound no number", customRun("bad").embedded(LoopTask.PIPELINE_LOOP_KIND,
            spec("pipelineRef", Map.of("name", "p"), "iterateNumeric", "n")).param("from", "one").param("to", "3"),
            "\"from\""),
        Arguments.of("object items", customRun("bad").embedded(LoopTask.TASK_LOOP_KIND, spec("taskRef",
            Map.of("name", "t"), "iterateParam", "x")).param("x", Map.of("a", "b")), "\"x\": is an object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badParams")
  void aBadParamOfTheRunIsInvalidParamsNamingIt(String name, dev.customtasks.crds.testkit.CustomRunBuilder run,
      String message) {
    assertThatThrownBy(() -> tester.decode(run.build())).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.reason()).isEqualTo(Reasons.INVALID_PARAMS)).hasMessageContaining(message);
  }

  @Test
  void aTaskLoopWhoseIterateParamIsMissingNamesIt() {
    tester.withNamedObject("tl", spec("taskRef", Map.of("name", "t"), "iterateParam", "test-type"));
    assertThatThrownBy(() -> tester.decode(customRun("x").ref(LoopTask.TASK_LOOP_KIND, "tl").build()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).isEqualTo(Reasons.INVALID_PARAMS))
        .hasMessageContaining("the iterate parameter \"test-type\" was not found");
  }

  @Test
  void anIterateParamTheNamedTaskDoesNotDeclareFailsTheRunBeforeAnyChild() {
    tester.withNamedObject("deploy-region", spec("params", List.of(Map.of("name", "region"), Map.of("name", "env")),
        "steps", List.of()));
    CustomRun run = start(customRun("undeclared").embedded(LoopTask.KIND, spec("taskRef", DEPLOY,
        "iterateParam", "zone", "items", List.of("a", "b"))).build());

    tester.tick(run, T0);

    assertThat(run.getStatus().isFailed()).isTrue();
    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage()).isEqualTo(
        "\"iterateParam\": names param \"zone\", which Task \"deploy-region\" does not declare; it declares: region, env");
    assertThat(tester.children().all()).isEmpty();
  }

  @Test
  void aNamedTaskThatDeclaresTheIterateParamIsReadOnceBeforeTheFirstChild() {
    tester.withNamedObject("deploy-region", spec("params", List.of(Map.of("name", "region")), "steps", List.of()));
    CustomRun run = start(customRun("declared").embedded(LoopTask.KIND, spec("taskRef", DEPLOY,
        "iterateParam", "region", "items", List.of("a", "b"))).build());

    tester.tick(run, T0);
    tester.tick(run, T0);
    tester.children().succeed("declared-00001", T0, Map.of());
    tester.tick(run, T0);

    assertThat(childNames()).containsExactly("declared-00001", "declared-00002");
    assertThat(tester.namedObjectReads()).isEqualTo(1);
  }

  @Test
  void aPipelineLoopIterationNumberParamIsCheckedAgainstTheNamedPipeline() {
    tester.withNamedObject("numbers", spec("pipelineRef", Map.of("name", "two-tasks"), "iterateNumeric", "n",
        "iterationNumberParam", "iteration"));
    tester.withNamedObject("two-tasks", spec("params", List.of(Map.of("name", "n")), "tasks", List.of()));
    CustomRun run = start(customRun("pl").ref(LoopTask.PIPELINE_LOOP_KIND, "numbers").param("from", "1")
        .param("to", "2").build());

    tester.tick(run, T0);

    assertThat(run.getStatus().succeededCondition().orElseThrow().getMessage()).isEqualTo(
        "\"iterationNumberParam\": names param \"iteration\", which Pipeline \"two-tasks\" does not declare; it declares: n");
  }

  @Test
  void aBadRunFailsThroughTheLifecycleWithoutChildren() {
    CustomRun run = start(customRun("bad").embedded(LoopTask.KIND, spec("taskRef", DEPLOY, "iterateParam", "r",
        "items", List.of())).build());
    tester.tick(run, T0);
    assertThat(run.getStatus().reason()).contains(Reasons.INVALID_SPEC);
    assertThat(tester.children().all()).isEmpty();
  }
}
