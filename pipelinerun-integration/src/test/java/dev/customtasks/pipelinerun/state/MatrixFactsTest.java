package dev.customtasks.pipelinerun.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineRunSpec;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.SkippingReason;
import dev.customtasks.pipelinerun.dag.PipelineGraph;
import dev.customtasks.pipelinerun.matrix.MatrixChild;
import dev.customtasks.pipelinerun.validation.InvalidPipelineException;
import dev.customtasks.pipelinerun.validation.PipelineValidator;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Native {@code matrix} and CEL {@code when} in the PipelineRun's decisions: what each matrixed
 * task starts, what it skips, how its results reach later tasks, and how CEL guards decide.
 */
class MatrixFactsTest {

  private final Map<String, TaskObservation> observed = new LinkedHashMap<>();
  private final Map<String, String> skipped = new LinkedHashMap<>();
  private PipelineSpec spec;
  private Map<String, ParamValue> params;
  private int limit = 256;
  private Map<String, Integer> childCounts = Map.of();

  private MatrixFactsTest pipeline(String yaml, String runParams) {
    spec = Serialization.unmarshal(yaml, PipelineSpec.class);
    PipelineValidator.validate(spec);
    List<Param> given = Serialization.unmarshal(runParams, PipelineRunSpec.class).getParams();
    params = PipelineValidator.effectiveParams(spec, given);
    return this;
  }

  private MatrixFactsTest pipeline(String yaml) {
    return pipeline(yaml, "params: []");
  }

  private Decision decide() {
    Decision decision = new PipelineRunFacts("pr", spec, PipelineGraph.of(spec.getTasks()),
        new LinkedHashMap<>(observed), new LinkedHashMap<>(skipped), RunMode.NORMAL, params,
        Map.of("pipelineRun.name", "pr", "pipelineRun.namespace", "ns", "pipelineRun.uid", "u",
            "pipeline.name", "p")).maxMatrixCombinations(limit).childCounts(childCounts).decide();
    decision.start().forEach(s -> observed.put(s.task().getName(), TaskObservation.running()));
    skipped.putAll(decision.skip());
    return decision;
  }

  private static Decision.Start start(Decision decision, String task) {
    return decision.start().stream().filter(s -> s.task().getName().equals(task)).findFirst().orElseThrow();
  }

  private static List<String> params(MatrixChild child) {
    return child.params().stream().map(p -> p.getName() + "=" + p.getValue()).toList();
  }

  @Test
  void fansOutFirstParamFastestParamsSortedThenTheTasksOwn() {
    Decision decision = pipeline("""
        tasks:
        - name: t
          taskRef: {apiVersion: example.dev/v0, kind: Example}
          matrix:
            params:
            - {name: platform, value: [linux, mac, windows]}
            - {name: browser, value: [chrome, safari, firefox]}
          params: [{name: version, value: v0.1}]
        """).decide();

    List<MatrixChild> children = start(decision, "t").matrix();
    assertThat(children).hasSize(9);
    assertThat(params(children.get(0))).containsExactly("browser=chrome", "platform=linux", "version=v0.1");
    assertThat(params(children.get(1))).containsExactly("browser=chrome", "platform=mac", "version=v0.1");
    assertThat(params(children.get(3))).containsExactly("browser=safari", "platform=linux", "version=v0.1");
    assertThat(params(children.get(8))).containsExactly("browser=firefox", "platform=windows", "version=v0.1");
    assertThat(children).extracting(MatrixChild::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void displayNamesTakeEachChildsParamsAndNamedIncludes() {
    Decision decision = pipeline("""
        tasks:
        - name: a
          displayName: "Platform: $(params.platform) with Browser: $(params.browser) in $(context.pipelineRun.name)"
          taskRef: {name: t}
          matrix:
            params:
            - {name: platform, value: [linux]}
            - {name: browser, value: [chrome, firefox]}
        - name: b
          taskRef: {name: t}
          params: [{name: browser, value: chrome}]
          matrix:
            include:
            - name: "Platform: $(params.platform) with Browser: $(params.browser)"
              params: [{name: platform, value: linux}]
        """).decide();

    assertThat(start(decision, "a").matrix()).extracting(MatrixChild::displayName).containsExactly(
        Optional.of("Platform: linux with Browser: chrome in pr"), Optional.of("Platform: linux with Browser: firefox in pr"));
    assertThat(start(decision, "b").matrix()).singleElement()
        .satisfies(c -> assertThat(c.displayName()).contains("Platform: linux with Browser: chrome"));
  }

  @Test
  void includeFollowsTektonsCode() {
    Decision decision = pipeline("""
        tasks:
        - name: t
          taskRef: {name: t}
          matrix:
            params:
            - {name: GOARCH, value: [linux/amd64, linux/ppc64le, linux/s390x]}
            - {name: version, value: [go1.17, go1.18.1]}
            include:
            - {name: common-package, params: [{name: package, value: path/to/common/package/}]}
            - {name: s390x-no-race, params: [{name: GOARCH, value: linux/s390x}, {name: flags, value: "-cover -v"}]}
            - {name: go117-context, params: [{name: version, value: go1.17}, {name: context, value: path/to/go117/context}]}
            - {name: non-existent-arch, params: [{name: GOARCH, value: I-do-not-exist}]}
            - {name: dropped, params: [{name: GOARCH, value: linux/s390x}, {name: version, value: go1.19}]}
        """).decide();

    List<MatrixChild> children = start(decision, "t").matrix();
    assertThat(children).hasSize(7);
    assertThat(params(children.get(2))).containsExactly("GOARCH=linux/s390x", "context=path/to/go117/context",
        "flags=-cover -v", "package=path/to/common/package/", "version=go1.17");
    assertThat(params(children.get(6))).containsExactly("GOARCH=I-do-not-exist");
    assertThat(children.get(2).displayName()).contains("common-package s390x-no-race go117-context");
  }

  @Test
  void valuesComeFromArrayParamsItemsAndEarlierTasksArrayResults() {
    pipeline("""
        params: [{name: platforms, type: array}]
        tasks:
        - name: a
          taskRef: {name: t}
          matrix: {params: [{name: platform, value: "$(params.platforms[*])"}, {name: first, value: ["$(params.platforms[0])"]}]}
        - name: b
          taskRef: {name: t}
          matrix: {params: [{name: image, value: "$(tasks.a.results.images[*])"}]}
          params: [{name: count, value: "$(tasks.a.matrix.length)/$(tasks.a.matrix.images.length)"}]
        """, "params: [{name: platforms, value: [linux, mac]}]");

    Decision first = decide();
    assertThat(first.start()).extracting(s -> s.task().getName()).containsExactly("a");
    assertThat(start(first, "a").matrix()).extracting(MatrixFactsTest::params).containsExactly(
        List.of("first=linux", "platform=linux"), List.of("first=linux", "platform=mac"));

    observed.put("a", MatrixObservation.aggregate(List.of(
        new TaskObservation(TaskPhase.SUCCEEDED, Map.of("images", ParamValue.of("img-linux"))),
        new TaskObservation(TaskPhase.SUCCEEDED, Map.of("images", ParamValue.of("img-mac")))), false));
    Decision second = decide();
    assertThat(start(second, "b").matrix()).extracting(MatrixFactsTest::params).containsExactly(
        List.of("image=img-linux", "count=2/2"), List.of("image=img-mac", "count=2/2"));
  }

  @Test
  void anEmptyArraySkipsTheTaskAndItsDependentsInTasksAndFinally() {
    Decision decision = pipeline("""
        params: [{name: none, type: array, default: []}]
        tasks:
        - {name: a, taskRef: {name: t}, matrix: {params: [{name: v, value: "$(params.none[*])"}]}}
        - {name: b, taskRef: {name: t}, runAfter: [a]}
        - {name: c, taskRef: {name: t}, matrix: {params: [{name: v, value: [x]}]}}
        finally:
        - {name: f, taskRef: {name: t}, matrix: {params: [{name: v, value: []}]}}
        """).decide();

    assertThat(decision.skip()).containsEntry("a", SkippingReason.EMPTY_ARRAY_IN_MATRIX_PARAMS)
        .containsEntry("b", SkippingReason.PARENT_TASKS);
    assertThat(start(decision, "c").matrix()).hasSize(1);

    observed.put("c", MatrixObservation.aggregate(List.of(TaskObservation.running()), false));
    observed.put("c", MatrixObservation.aggregate(List.of(new TaskObservation(TaskPhase.SUCCEEDED, Map.of())), false));
    Decision last = decide();
    assertThat(last.skip()).containsEntry("f", SkippingReason.EMPTY_ARRAY_IN_MATRIX_PARAMS);
    assertThat(last.completion()).hasValueSatisfying(c -> {
      assertThat(c.reason()).isEqualTo(PipelineRunReason.COMPLETED);
      assertThat(c.message()).isEqualTo("Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 3");
    });
  }

  @Test
  void aMatrixedTaskCountsOnceAndFailsWhenOneChildFailed() {
    pipeline("""
        tasks:
        - {name: a, taskRef: {name: t}, matrix: {params: [{name: v, value: [x, y, z]}]}}
        """).decide();
    observed.put("a", MatrixObservation.aggregate(List.of(new TaskObservation(TaskPhase.SUCCEEDED, Map.of()),
        new TaskObservation(TaskPhase.FAILED, Map.of()), TaskObservation.running()), false));
    assertThat(decide().condition().message())
        .isEqualTo("Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0");

    observed.put("a", MatrixObservation.aggregate(List.of(new TaskObservation(TaskPhase.SUCCEEDED, Map.of()),
        new TaskObservation(TaskPhase.FAILED, Map.of()), new TaskObservation(TaskPhase.SUCCEEDED, Map.of())), false));
    assertThat(decide().completion()).hasValueSatisfying(c -> {
      assertThat(c.reason()).isEqualTo(PipelineRunReason.FAILED);
      assertThat(c.message()).isEqualTo("Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 0");
    });
  }

  @Test
  void aFanOutCutShortByARestartIsStartedAgainUntilEveryChildExists() {
    pipeline("""
        tasks:
        - {name: a, taskRef: {name: t}, matrix: {params: [{name: v, value: [x, y, z]}]}}
        - {name: b, taskRef: {name: t}, runAfter: [a]}
        """).decide();
    observed.put("a", MatrixObservation.aggregate(List.of(new TaskObservation(TaskPhase.SUCCEEDED, Map.of())), false));
    childCounts = Map.of("a", 1);

    Decision resumed = decide();
    assertThat(resumed.start()).extracting(s -> s.task().getName()).containsExactly("a");
    assertThat(start(resumed, "a").matrix()).hasSize(3);

    observed.put("a", MatrixObservation.aggregate(List.of(new TaskObservation(TaskPhase.SUCCEEDED, Map.of()),
        new TaskObservation(TaskPhase.SUCCEEDED, Map.of()), new TaskObservation(TaskPhase.SUCCEEDED, Map.of())), false));
    childCounts = Map.of("a", 3);
    assertThat(decide().start()).extracting(s -> s.task().getName()).containsExactly("b");
  }

  @Test
  void laterTasksReadAFannedOutCustomTasksFirstRunButPipelineResultsLeaveItOut() {
    pipeline("""
        tasks:
        - {name: c, taskRef: {apiVersion: example.dev/v1, kind: Thing}, matrix: {params: [{name: v, value: [x, y]}]}}
        - {name: d, taskRef: {name: t}, params: [{name: got, value: "$(tasks.c.results.r[*])"}]}
        results:
        - {name: out, value: "$(tasks.c.results.r[*])"}
        - {name: also, value: "$(tasks.d.results.s)"}
        """).decide();
    observed.put("c", MatrixObservation.aggregate(List.of(
        new TaskObservation(TaskPhase.SUCCEEDED, Map.of("r", ParamValue.of("[\"from-0\"]"))),
        new TaskObservation(TaskPhase.SUCCEEDED, Map.of("r", ParamValue.of("[\"from-1\"]")))), true));
    childCounts = Map.of("c", 2);

    Decision decision = decide();
    assertThat(start(decision, "d").params()).singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo(ParamValue.ofArray(List.of("from-0"))));
    observed.put("d", new TaskObservation(TaskPhase.SUCCEEDED, Map.of("s", ParamValue.of("ok"))));
    PipelineRunFacts facts = new PipelineRunFacts("pr", spec, PipelineGraph.of(spec.getTasks()), observed, skipped,
        RunMode.NORMAL, params, Map.of()).childCounts(childCounts);
    assertThat(facts.pipelineResults()).containsOnlyKeys("also");
  }

  @Test
  void aMatrixFedByResultsPastTheLimitFailsTheRun() {
    limit = 2;
    pipeline("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}, matrix: {params: [{name: v, value: "$(tasks.a.results.list[*])"}]}}
        """).decide();
    observed.put("a", new TaskObservation(TaskPhase.SUCCEEDED, Map.of("list", ParamValue.ofArray(List.of("1", "2", "3")))));

    assertThatThrownBy(this::decide).isInstanceOfSatisfying(InvalidPipelineException.class, e -> {
      assertThat(e.reason()).isEqualTo(PipelineRunReason.FAILED_VALIDATION);
      assertThat(e.getMessage()).isEqualTo("pipeline task \"b\": matrix: 3 combinations, more than the limit of 2");
    });
  }

  @Test
  void aMatrixParamThatIsAStringOnceSubstitutedFailsWithTektonsReason() {
    pipeline("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}, matrix: {params: [{name: v, value: "$(tasks.a.results.one[*])"}]}}
        """).decide();
    observed.put("a", new TaskObservation(TaskPhase.SUCCEEDED, Map.of("one", ParamValue.of("x"))));

    assertThatThrownBy(this::decide).isInstanceOfSatisfying(InvalidPipelineException.class,
        e -> assertThat(e.reason()).isEqualTo(PipelineRunReason.INVALID_MATRIX_PARAMETER_TYPES));
  }

  @Test
  void celWhenIsEvaluatedAfterSubstitution() {
    Decision decision = pipeline("""
        params: [{name: branch, default: main}, {name: n, default: "3"}]
        tasks:
        - {name: yes, taskRef: {name: t}, when: [{cel: "'$(params.branch)' == 'main' && $(params.n) > 2"}]}
        - {name: no, taskRef: {name: t}, when: [{cel: "'$(params.branch)'.startsWith('release')"}]}
        - {name: mixed, taskRef: {name: t}, when: [{cel: "true"}, {input: a, operator: notin, values: [a]}]}
        """.replace("$(params.n) > 2", "int('$(params.n)') > 2")).decide();

    assertThat(decision.start()).extracting(s -> s.task().getName()).containsExactly("yes");
    assertThat(decision.skip()).containsEntry("no", SkippingReason.WHEN_EXPRESSIONS)
        .containsEntry("mixed", SkippingReason.WHEN_EXPRESSIONS);
  }

  @Test
  void celWhenReferencingAResultWaitsForItsTask() {
    pipeline("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}, when: [{cel: "'$(tasks.a.results.coverage)' == 'high'"}]}
        - {name: c, taskRef: {name: t}, when: [{cel: "'$(tasks.a.results.coverage)' != 'high'"}]}
        """);
    assertThat(decide().start()).extracting(s -> s.task().getName()).containsExactly("a");

    observed.put("a", new TaskObservation(TaskPhase.SUCCEEDED, Map.of("coverage", ParamValue.of("high"))));
    Decision decision = decide();
    assertThat(decision.start()).extracting(s -> s.task().getName()).containsExactly("b");
    assertThat(decision.skip()).containsEntry("c", SkippingReason.WHEN_EXPRESSIONS);
  }

  @Test
  void aCelWhenThatFailsToEvaluateFailsTheRun() {
    pipeline("""
        params: [{name: n, default: "x"}]
        tasks:
        - {name: a, taskRef: {name: t}, when: [{cel: "int('$(params.n)') > 2"}]}
        """);

    assertThatThrownBy(this::decide).isInstanceOfSatisfying(InvalidPipelineException.class, e -> {
      assertThat(e.reason()).isEqualTo(PipelineRunReason.CEL_EVALUATION_FAILED);
      assertThat(e.getMessage()).startsWith("Error evaluating CEL pr: CEL expression \"int('x') > 2\" failed");
    });
  }
}
