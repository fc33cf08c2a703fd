package dev.customtasks.pipelinerun.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.PipelineRunSpec;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.pipelinerun.dag.PipelineGraph;
import dev.customtasks.pipelinerun.state.Decision.Completion;
import dev.customtasks.pipelinerun.state.Decision.Condition;
import dev.customtasks.pipelinerun.validation.PipelineValidator;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PipelineRun's decisions, tick by tick: {@link Run} plays the reconciler, recording what a
 * decision started and skipped, while each test says how the children end.
 */
class PipelineRunFactsTest {

  private static final String WHEN_FALSE = "When Expressions evaluated to false";
  private static final String PARENT_SKIPPED = "Parent Tasks were skipped";
  private static final String STOPPING = "PipelineRun was stopping";
  private static final String MISSING_RESULTS = "Results were missing";

  /** A PipelineRun in memory: its pipeline, what its children show, what it recorded as skipped. */
  private static final class Run {
    final PipelineSpec spec;
    final PipelineGraph graph;
    final Map<String, ParamValue> params;
    final Map<String, TaskObservation> observed = new LinkedHashMap<>();
    final Map<String, String> skipped = new LinkedHashMap<>();
    final Map<String, Decision.Start> started = new LinkedHashMap<>();
    RunMode mode = RunMode.NORMAL;

    Run(String pipelineYaml) {
      this(pipelineYaml, "params: []");
    }

    Run(String pipelineYaml, String runSpecYaml) {
      spec = Serialization.unmarshal(pipelineYaml, PipelineSpec.class);
      PipelineValidator.validate(spec);
      graph = PipelineGraph.of(spec.getTasks());
      List<Param> given = Serialization.unmarshal(runSpecYaml, PipelineRunSpec.class).getParams();
      params = PipelineValidator.effectiveParams(spec, given);
    }

    PipelineRunFacts facts() {
      return new PipelineRunFacts("run-1", spec, graph, new LinkedHashMap<>(observed), new LinkedHashMap<>(skipped),
          mode, params, Map.of("pipelineRun.name", "run-1", "pipelineRun.namespace", "ns",
              "pipelineRun.uid", "uid-1", "pipeline.name", "pipe"));
    }

    /** Decides, then does what the reconciler does: create the children, record the skips. */
    Decision tick() {
      Decision decision = facts().decide();
      for (Decision.Start start : decision.start()) {
        observed.put(start.task().getName(), TaskObservation.running());
        started.put(start.task().getName(), start);
      }
      skipped.putAll(decision.skip());
      return decision;
    }

    Run mode(RunMode.Cancel cancel, RunMode.Timeout timeout) {
      mode = new RunMode(cancel, timeout, java.time.Duration.ofHours(1), java.util.Optional.of(
          java.time.Duration.ofMinutes(10)));
      return this;
    }

    /** A child cancelled by its PipelineRun because a timeout passed, and done. */
    Run cancelledByTimeout(String task) {
      observed.put(task, new TaskObservation(TaskPhase.CANCELLED, Map.of(), true));
      return this;
    }

    Run succeed(String task, Object... results) {
      Map<String, ParamValue> values = new LinkedHashMap<>();
      for (int i = 0; i < results.length; i += 2) {
        values.put((String) results[i], value(results[i + 1]));
      }
      observed.put(task, new TaskObservation(TaskPhase.SUCCEEDED, values));
      return this;
    }

    Run fail(String task) {
      observed.put(task, new TaskObservation(TaskPhase.FAILED, Map.of()));
      return this;
    }

    Run cancelled(String task) {
      observed.put(task, new TaskObservation(TaskPhase.CANCELLED, Map.of()));
      return this;
    }

    /** The params a started task was given, by name. */
    Map<String, ParamValue> paramsOf(String task) {
      Map<String, ParamValue> out = new LinkedHashMap<>();
      started.get(task).params().forEach(p -> out.put(p.getName(), p.getValue()));
      return out;
    }
  }

  @SuppressWarnings("unchecked")
  private static ParamValue value(Object v) {
    if (v instanceof String s) {
      return ParamValue.of(s);
    }
    if (v instanceof List<?> l) {
      return ParamValue.ofArray((List<String>) l);
    }
    return ParamValue.ofObject((Map<String, String>) v);
  }

  private static List<String> started(Decision d) {
    return d.start().stream().map(s -> s.task().getName()).toList();
  }

  private static Condition running(String message) {
    return new Condition("Running", message);
  }


  // ---- scheduling ----

  @Test
  void chainStartsOneTaskAtATime() {
    Run run = new Run("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}, runAfter: [a]}
        - {name: c, taskRef: {name: t}, runAfter: [b]}
        """);
    Decision d = run.tick();
    assertThat(started(d)).containsExactly("a");
    assertThat(d.skip()).isEmpty();
    assertThat(d.cancel()).isEmpty();
    assertThat(d.condition()).isEqualTo(running("Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 3, Skipped: 0"));
    assertThat(d.completion()).isEmpty();

    assertThat(started(run.tick())).as("a still running").isEmpty();

    run.succeed("a");
    d = run.tick();
    assertThat(started(d)).containsExactly("b");
    assertThat(d.condition()).isEqualTo(running("Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 0"));

    run.succeed("b");
    assertThat(started(run.tick())).containsExactly("c");

    run.succeed("c");
    d = run.tick();
    assertThat(started(d)).isEmpty();
    assertThat(d.completion()).contains(new Completion(true, "Succeeded",
        "Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 0"));
  }

  @Test
  void fanOutStartsEveryReadyTaskInOneDecision() {
    Run run = new Run("""
        tasks:
        - {name: root, taskRef: {name: t}}
        - {name: other-root, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}, runAfter: [root]}
        - {name: c, taskRef: {name: t}, runAfter: [root]}
        - {name: d, taskRef: {name: t}, params: [{name: x, value: "$(tasks.root.results.r)"}]}
        """);
    assertThat(started(run.tick())).containsExactly("root", "other-root");
    run.succeed("root", "r", "v");
    Decision d = run.tick();
    assertThat(started(d)).containsExactlyInAnyOrder("b", "c", "d");
    assertThat(d.start()).allSatisfy(s -> assertThat(s.isFinally()).isFalse());
  }

  @Test
  void fanInWaitsForEveryParent() {
    Run run = new Run("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}}
        - {name: c, taskRef: {name: t}}
        - name: join
          taskRef: {name: t}
          runAfter: [a, b]
          params: [{name: x, value: "$(tasks.c.results.r)"}]
        """);
    assertThat(started(run.tick())).containsExactly("a", "b", "c");
    run.succeed("a");
    assertThat(started(run.tick())).isEmpty();
    run.succeed("c", "r", "v");
    assertThat(started(run.tick())).isEmpty();
    run.succeed("b");
    assertThat(started(run.tick())).containsExactly("join");
  }

  @Test
  void sameFactsGiveTheSameDecision() {
    Run run = new Run("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}, when: [{input: x, operator: in, values: [y]}]}
        - {name: c, taskRef: {name: t}, runAfter: [b]}
        """);
    Decision first = run.facts().decide();
    Decision second = run.facts().decide();
    assertThat(started(second)).isEqualTo(started(first)).containsExactly("a", "c");
    assertThat(second.skip()).isEqualTo(first.skip()).containsExactly(Map.entry("b", WHEN_FALSE));
    assertThat(second.condition()).isEqualTo(first.condition());
  }

  // ---- params and results ----

  @Test
  void resultsParamsAndContextAreSubstitutedIntoParams() {
    Run run = new Run("""
        params:
        - {name: greeting, default: hi}
        - {name: flags, type: array}
        tasks:
        - {name: build, taskRef: {name: t}}
        - name: use
          taskRef: {name: t}
          retries: 2
          params:
          - {name: image, value: "$(tasks.build.results.image):$(tasks.build.results.tags[0])"}
          - {name: tags, value: "$(tasks.build.results.tags[*])"}
          - {name: args, value: ["--push", "$(tasks.build.results.tags[*])", "$(params.flags[*])", "$(params.greeting)"]}
          - {name: digest, value: "$(tasks.build.results.meta.digest)"}
          - {name: meta, value: "$(tasks.build.results.meta[*])"}
          - {name: labels, value: {run: "$(context.pipelineRun.name)", image: "$(tasks.build.results.image)"}}
          - {name: where, value: "$(context.pipelineRun.namespace)/$(context.pipeline.name)"}
          - {name: attempt, value: "$(context.pipelineTask.retries)"}
          - {name: untouched, value: "$(workspaces.src.path)/$(context.taskRun.name)"}
        """, """
        params: [{name: flags, value: ["-v", "-q"]}]
        """);
    run.tick();
    run.succeed("build", "image", "registry/app", "tags", List.of("v1", "latest"),
        "meta", Map.of("digest", "sha256:abc"));
    assertThat(started(run.tick())).containsExactly("use");
    assertThat(run.paramsOf("use")).containsExactly(
        Map.entry("image", ParamValue.of("registry/app:v1")),
        Map.entry("tags", ParamValue.ofArray(List.of("v1", "latest"))),
        Map.entry("args", ParamValue.ofArray(List.of("--push", "v1", "latest", "-v", "-q", "hi"))),
        Map.entry("digest", ParamValue.of("sha256:abc")),
        Map.entry("meta", ParamValue.ofObject(Map.of("digest", "sha256:abc"))),
        Map.entry("labels", ParamValue.ofObject(Map.of("run", "run-1", "image", "registry/app"))),
        Map.entry("where", ParamValue.of("ns/pipe")),
        Map.entry("attempt", ParamValue.of("2")),
        Map.entry("untouched", ParamValue.of("$(workspaces.src.path)/$(context.taskRun.name)")));
    assertThat(run.started.get("use").task().getName()).isEqualTo("use");
  }

  @Test
  void pipelineTaskRetriesDefaultsToZero() {
    Run run = new Run("""
        tasks:
        - {name: a, taskRef: {name: t}, params: [{name: n, value: "$(context.pipelineTask.retries)"}]}
        """);
    run.tick();
    assertThat(run.paramsOf("a")).containsExactly(Map.entry("n", ParamValue.of("0")));
  }

  // ---- when ----

  static Stream<Arguments> whens() {
    return Stream.of(
        Arguments.of("prod", "in", "[prod]", true),
        Arguments.of("dev", "in", "[prod]", false),
        Arguments.of("dev", "notin", "[prod]", true),
        Arguments.of("prod", "notin", "[prod, staging]", false),
        Arguments.of("staging", "in", "[\"$(params.envs[*])\"]", true),
        Arguments.of("prod", "in", "[\"$(params.envs[*])\"]", false),
        Arguments.of("prod", "notin", "[\"$(params.envs[*])\"]", true),
        Arguments.of("dev", "in", "[\"$(params.target)\"]", true),
        Arguments.of("dev", "in", "[\"$(tasks.probe.results.allowed[*])\"]", true),
        Arguments.of("prod", "in", "[\"$(tasks.probe.results.allowed[1])\"]", false));
  }

  @ParameterizedTest(name = "env={0} {1} {2} -> {3}")
  @MethodSource("whens")
  void whenDecidesWithSubstitutedInputAndValues(String env, String operator, String values, boolean runs) {
    Run run = new Run("""
        params:
        - {name: envs, type: array, default: [dev, staging]}
        - {name: target, default: dev}
        tasks:
        - {name: probe, taskRef: {name: t}}
        - name: gated
          taskRef: {name: t}
          when: [{input: "$(tasks.probe.results.env)", operator: %s, values: %s}]
        """.formatted(operator, values));
    run.tick();
    run.succeed("probe", "env", env, "allowed", List.of("dev", "qa"));
    Decision d = run.tick();
    if (runs) {
      assertThat(started(d)).containsExactly("gated");
      assertThat(d.skip()).isEmpty();
    } else {
      assertThat(started(d)).isEmpty();
      assertThat(d.skip()).containsExactly(Map.entry("gated", WHEN_FALSE));
      assertThat(d.completion()).contains(new Completion(true, "Completed",
          "Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 1"));
    }
  }

  @Test
  void everyWhenExpressionMustHold() {
    Run run = new Run("""
        params: [{name: a, default: "1"}, {name: b, default: "2"}]
        tasks:
        - name: both
          taskRef: {name: t}
          when:
          - {input: "$(params.a)", operator: in, values: ["1"]}
          - {input: "$(params.b)", operator: in, values: ["1"]}
        - name: neither
          taskRef: {name: t}
          when:
          - {input: "$(params.a)", operator: in, values: ["1"]}
          - {input: "$(params.b)", operator: notin, values: ["1"]}
        """);
    Decision d = run.tick();
    assertThat(started(d)).containsExactly("neither");
    assertThat(d.skip()).containsExactly(Map.entry("both", WHEN_FALSE));
  }

  @Test
  void aFalseWhenGuardsItsTaskOnlyButAResultConsumerIsSkipped() {
    // Tekton since when-scoping: deploy (runAfter prod-hold) runs; a consumer of prod-hold's result does not.
    Run run = new Run("""
        params: [{name: env, default: "dev"}]
        tasks:
        - {name: prod-hold, taskRef: {name: t}, when: [{input: "$(params.env)", operator: in, values: [prod]}]}
        - {name: deploy, taskRef: {name: t}, runAfter: [prod-hold]}
        - {name: after-deploy, taskRef: {name: t}, runAfter: [deploy]}
        - {name: uses-hold, taskRef: {name: t}, params: [{name: x, value: "$(tasks.prod-hold.results.r)"}]}
        - {name: after-uses-hold, taskRef: {name: t}, runAfter: [uses-hold]}
        """);
    Decision d = run.tick();
    assertThat(started(d)).containsExactly("deploy");
    assertThat(d.skip()).containsExactly(Map.entry("prod-hold", WHEN_FALSE), Map.entry("uses-hold", MISSING_RESULTS),
        Map.entry("after-uses-hold", PARENT_SKIPPED));
    assertThat(d.condition()).isEqualTo(running("Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 3"));

    run.succeed("deploy");
    d = run.tick();
    assertThat(started(d)).containsExactly("after-deploy");
    assertThat(d.skip()).as("skips are recorded once").isEmpty();

    run.succeed("after-deploy");
    assertThat(run.tick().completion()).as("a result missing because its task's when was false fails nothing")
        .contains(new Completion(true, "Completed", "Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 3"));
  }

  @Test
  void skippedWhenExpressionsAreRecordedWithTheirResolvedValues() {
    Run run = new Run("""
        params: [{name: env, default: "dev"}]
        tasks:
        - {name: a, taskRef: {name: t}}
        - name: b
          taskRef: {name: t}
          when: [{input: "$(tasks.a.results.target)", operator: in, values: ["$(params.env)", prod]}]
        """);
    run.tick();
    run.succeed("a", "target", "staging");
    Decision d = run.tick();
    assertThat(d.skip()).containsExactly(Map.entry("b", WHEN_FALSE));
    assertThat(run.facts().resolvedWhen("b")).singleElement().satisfies(w -> {
      assertThat(w.getInput()).isEqualTo("staging");
      assertThat(w.getOperator()).isEqualTo("in");
      assertThat(w.getValues()).containsExactly("dev", "prod");
    });
    assertThat(run.facts().resolvedWhen("a")).isEmpty();
  }

  // ---- failure, onError, finally ----

  @Test
  void failureStopsTheRunThenFinallyRunsThenTheRunFails() {
    Run run = new Run("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}}
        - {name: after-a, taskRef: {name: t}, runAfter: [a]}
        - {name: after-b, taskRef: {name: t}, runAfter: [b]}
        finally:
        - {name: cleanup, taskRef: {name: t}, params: [{name: s, value: "$(tasks.status)"}]}
        """);
    assertThat(started(run.tick())).containsExactly("a", "b");

    run.fail("a");
    Decision d = run.tick();
    assertThat(started(d)).isEmpty();
    assertThat(d.skip()).as("every task not started yet, ready or not")
        .containsExactly(Map.entry("after-a", STOPPING), Map.entry("after-b", STOPPING));
    assertThat(d.cancel()).as("running tasks finish").isEmpty();
    assertThat(d.condition()).as("with finally still to run, a failure alone is not stopping")
        .isEqualTo(running("Tasks Completed: 1 (Failed: 1, Cancelled 0), Incomplete: 2, Skipped: 2"));

    run.succeed("b");
    d = run.tick();
    assertThat(d.skip()).isEmpty();
    assertThat(started(d)).containsExactly("cleanup");
    assertThat(d.start().get(0).isFinally()).isTrue();
    assertThat(run.paramsOf("cleanup")).containsEntry("s", ParamValue.of("Failed"));
    assertThat(d.condition()).isEqualTo(running("Tasks Completed: 2 (Failed: 1, Cancelled 0), Incomplete: 1, Skipped: 2"));
    assertThat(d.completion()).isEmpty();

    run.succeed("cleanup");
    assertThat(run.tick().completion()).contains(new Completion(false, "Failed",
        "Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 2"));
  }

  @Test
  void failureWithoutFinallyEndsWhenRunningTasksEnd() {
    Run run = new Run("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}}
        """);
    run.tick();
    run.fail("a");
    assertThat(run.tick().completion()).isEmpty();
    run.fail("b");
    assertThat(run.tick().completion()).contains(new Completion(false, "Failed",
        "Tasks Completed: 2 (Failed: 2, Cancelled 0), Skipped: 0"));
  }

  @Test
  void failedFinallyTaskFailsTheRun() {
    Run run = new Run("""
        tasks: [{name: a, taskRef: {name: t}}]
        finally: [{name: f, taskRef: {name: t}}, {name: g, taskRef: {name: t}}]
        """);
    run.tick();
    run.succeed("a");
    assertThat(started(run.tick())).containsExactly("f", "g");
    run.fail("f").succeed("g");
    assertThat(run.tick().completion()).contains(new Completion(false, "Failed",
        "Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 0"));
  }

  @Test
  void onErrorContinueLetsDependentsRunAndTheRunSucceed() {
    Run run = new Run("""
        tasks:
        - {name: flaky, taskRef: {name: t}, onError: continue}
        - {name: next, taskRef: {name: t}, runAfter: [flaky]}
        """);
    run.tick();
    run.fail("flaky");
    Decision d = run.tick();
    assertThat(started(d)).containsExactly("next");
    assertThat(d.condition()).as("Tekton leaves ignored failures out while running")
        .isEqualTo(running("Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0"));
    run.succeed("next");
    assertThat(run.tick().completion()).contains(new Completion(true, "Succeeded",
        "Tasks Completed: 2 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 0"));
  }

  @Test
  void ignoredAndRealFailuresAreCountedTogether() {
    Run run = new Run("""
        tasks:
        - {name: flaky, taskRef: {name: t}, onError: continue}
        - {name: broken, taskRef: {name: t}}
        """);
    run.tick();
    run.fail("flaky").fail("broken");
    assertThat(run.tick().completion()).contains(new Completion(false, "Failed",
        "Tasks Completed: 2 (Failed: 2 (Ignored: 1), Cancelled 0), Skipped: 0"));
  }

  @Test
  void finallyTaskGetsResultsOfTasksThatProducedThem() {
    Run run = new Run("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}}
        finally:
        - name: f
          taskRef: {name: t}
          params:
          - {name: url, value: "$(tasks.a.results.url)"}
          - {name: b, value: "$(tasks.b.status)"}
        """);
    run.tick();
    run.succeed("a", "url", "https://x").fail("b");
    Decision d = run.tick();
    assertThat(started(d)).containsExactly("f");
    assertThat(run.paramsOf("f")).containsExactly(Map.entry("url", ParamValue.of("https://x")),
        Map.entry("b", ParamValue.of("Failed")));
  }

    @ParameterizedTest(name = "a {0}, b runs: {1} -> tasks.status {2}")
  @CsvSource({
      "succeeds, yes, Succeeded, Succeeded, Succeeded, on-success",
      "fails,    yes, Failed,    Failed,    Succeeded, on-failure",
      "succeeds, no,  Completed, Succeeded, None,      on-success",
      "fails,    no,  Failed,    Failed,    None,      on-failure"})
  void finallySeesTaskStatuses(String a, String runB, String all, String statusA, String statusB, String guarded) {
    Run run = new Run("""
        params: [{name: run-b}]
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}, when: [{input: "$(params.run-b)", operator: in, values: ["yes"]}]}
        finally:
        - name: report
          taskRef: {name: t}
          params:
          - {name: all, value: "$(tasks.status)"}
          - {name: a, value: "$(tasks.a.status)"}
          - {name: b, value: "$(tasks.b.status)"}
        - {name: on-failure, taskRef: {name: t}, when: [{input: "$(tasks.status)", operator: in, values: [Failed]}]}
        - {name: on-success, taskRef: {name: t}, when: [{input: "$(tasks.status)", operator: notin, values: [Failed]}]}
        """, "params: [{name: run-b, value: " + runB + "}]");
    run.tick();
    if (a.equals("fails")) {
      run.fail("a");
    } else {
      run.succeed("a");
    }
    if (runB.equals("yes")) {
      run.succeed("b");
    }
    Decision d = run.tick();
    assertThat(started(d)).containsExactly("report", guarded);
    assertThat(d.skip()).containsExactly(Map.entry(guarded.equals("on-success") ? "on-failure" : "on-success",
        WHEN_FALSE));
    assertThat(run.paramsOf("report")).containsExactly(Map.entry("all", ParamValue.of(all)),
        Map.entry("a", ParamValue.of(statusA)), Map.entry("b", ParamValue.of(statusB)));
  }

  // ---- cancellation ----

  private static final String CANCEL_PIPELINE = """
      tasks:
      - {name: a, taskRef: {name: t}}
      - {name: b, taskRef: {name: t}, runAfter: [a]}
      finally:
      - {name: f, taskRef: {name: t}}
      """;

  @Test
  void cancelledCancelsEverythingAndSkipsFinally() {
    Run run = new Run(CANCEL_PIPELINE);
    run.tick();
    run.mode(RunMode.Cancel.CANCELLED, RunMode.Timeout.NONE);
    Decision d = run.tick();
    assertThat(started(d)).isEmpty();
    assertThat(d.cancel()).containsExactly("a");
    assertThat(d.skip()).containsExactly(Map.entry("b", STOPPING), Map.entry("f", STOPPING));
    assertThat(d.completion()).as("as Tekton's cancelPipelineRun: at once, without waiting for the children")
        .contains(new Completion(false, "Cancelled", "PipelineRun \"run-1\" was cancelled"));
  }

  @Test
  void cancelledCancelsRunningFinallyTasks() {
    Run run = new Run(CANCEL_PIPELINE);
    run.tick();
    run.succeed("a");
    run.tick();
    run.succeed("b");
    assertThat(started(run.tick())).containsExactly("f");
    run.mode(RunMode.Cancel.CANCELLED, RunMode.Timeout.NONE);
    Decision d = run.tick();
    assertThat(d.cancel()).containsExactly("f");
    assertThat(d.skip()).isEmpty();
    assertThat(d.completion()).contains(new Completion(false, "Cancelled", "PipelineRun \"run-1\" was cancelled"));
  }

  @Test
  void cancelledRunFinallyCancelsTasksThenRunsFinally() {
    Run run = new Run(CANCEL_PIPELINE);
    run.tick();
    run.mode(RunMode.Cancel.CANCELLED_RUN_FINALLY, RunMode.Timeout.NONE);
    Decision d = run.tick();
    assertThat(d.cancel()).containsExactly("a");
    assertThat(d.skip()).containsExactly(Map.entry("b", "PipelineRun was gracefully cancelled"));
    assertThat(started(d)).as("finally waits for the cancelled task to end").isEmpty();
    assertThat(d.condition()).isEqualTo(new Condition("CancelledRunningFinally",
        "Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 1"));
    assertThat(started(run.tick())).as("still: a was asked to stop but has not stopped").isEmpty();

    run.cancelled("a");
    d = run.tick();
    assertThat(started(d)).containsExactly("f");
    assertThat(d.cancel()).isEmpty();
    assertThat(d.condition()).isEqualTo(new Condition("CancelledRunningFinally",
        "Tasks Completed: 1 (Failed: 0, Cancelled 1), Incomplete: 1, Skipped: 1"));
    assertThat(run.tick().cancel()).as("finally is not cancelled").isEmpty();

    run.succeed("f");
    assertThat(run.tick().completion()).contains(new Completion(false, "Cancelled",
        "PipelineRun \"run-1\" was cancelled"));
  }

  @Test
  void stoppedRunFinallyLetsRunningTasksEndThenRunsFinally() {
    Run run = new Run(CANCEL_PIPELINE);
    run.tick();
    run.mode(RunMode.Cancel.STOPPED_RUN_FINALLY, RunMode.Timeout.NONE);
    Decision d = run.tick();
    assertThat(d.cancel()).isEmpty();
    assertThat(d.skip()).containsExactly(Map.entry("b", "PipelineRun was gracefully stopped"));
    assertThat(started(d)).isEmpty();

    run.succeed("a");
    d = run.tick();
    assertThat(started(d)).containsExactly("f");
    assertThat(d.condition()).isEqualTo(new Condition("StoppedRunningFinally",
        "Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 1"));

    run.succeed("f");
    assertThat(run.tick().completion()).contains(new Completion(false, "Cancelled",
        "PipelineRun \"run-1\" was cancelled"));
  }

  // ---- timeouts ----

  @Test
  void pipelineTimeoutCancelsEverythingAndSkipsTheRestIncludingFinally() {
    Run run = new Run(CANCEL_PIPELINE);
    run.tick();
    run.mode(RunMode.Cancel.NONE, RunMode.Timeout.PIPELINE);
    Decision d = run.tick();
    assertThat(d.cancel()).containsExactly("a");
    assertThat(d.skip()).containsExactly(Map.entry("b", "PipelineRun timeout has been reached"),
        Map.entry("f", "PipelineRun timeout has been reached"));
    assertThat(started(d)).isEmpty();

    assertThat(d.completion()).as("as Tekton's timeoutPipelineRun: at once").contains(new Completion(false,
        "PipelineRunTimeout", "PipelineRun \"run-1\" failed to finish within \"1h0m0s\""));
  }

  @Test
  void pipelineTimeoutCancelsRunningFinallyTasks() {
    Run run = new Run(CANCEL_PIPELINE);
    run.succeed("a").succeed("b");
    run.tick();
    run.mode(RunMode.Cancel.NONE, RunMode.Timeout.PIPELINE);
    assertThat(run.tick().cancel()).containsExactly("f");
  }

  @Test
  void tasksTimeoutCancelsTasksThenRunsFinally() {
    Run run = new Run(CANCEL_PIPELINE);
    run.tick();
    run.mode(RunMode.Cancel.NONE, RunMode.Timeout.TASKS);
    Decision d = run.tick();
    assertThat(d.cancel()).containsExactly("a");
    assertThat(d.skip()).containsExactly(Map.entry("b", "PipelineRun Tasks timeout has been reached"));
    assertThat(started(d)).isEmpty();
    assertThat(d.condition()).isEqualTo(new Condition("PipelineRunTimeoutRunningFinally",
        "Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 1"));
    assertThat(started(run.tick())).as("finally waits until the cancelled task reports that it stopped").isEmpty();

    run.cancelledByTimeout("a");
    d = run.tick();
    assertThat(started(d)).containsExactly("f");
    assertThat(d.condition()).as("a task cancelled by a timeout counts as failed").isEqualTo(new Condition(
        "PipelineRunTimeoutRunningFinally", "Tasks Completed: 1 (Failed: 1, Cancelled 0), Incomplete: 1, Skipped: 1"));
    assertThat(run.tick().cancel()).as("finally is not cancelled").isEmpty();

    run.succeed("f");
    assertThat(run.tick().completion()).contains(new Completion(false, "PipelineRunTimeout",
        "PipelineRun \"run-1\" failed due to tasks failed to finish within \"10m0s\""));
  }

  @Test
  void tasksTimeoutWithoutFinallyEndsTheRunAtOnce() {
    Run run = new Run("tasks: [{name: a, taskRef: {name: t}}]");
    run.tick();
    run.mode(RunMode.Cancel.NONE, RunMode.Timeout.TASKS);
    Decision d = run.tick();
    assertThat(d.cancel()).containsExactly("a");
    assertThat(d.completion()).contains(new Completion(false, "PipelineRunTimeout",
        "PipelineRun \"run-1\" failed due to tasks failed to finish within \"10m0s\""));
  }

  @Test
  void finallyTimeoutCancelsFinallyTasksAndSkipsTheRest() {
    Run run = new Run("""
        tasks: [{name: a, taskRef: {name: t}}]
        finally: [{name: f1, taskRef: {name: t}}, {name: f2, taskRef: {name: t}}]
        """);
    run.succeed("a");
    run.observed.put("f1", TaskObservation.running());
    run.mode(RunMode.Cancel.NONE, RunMode.Timeout.FINALLY);
    Decision d = run.tick();
    assertThat(d.cancel()).containsExactly("f1");
    assertThat(d.skip()).containsExactly(Map.entry("f2", "PipelineRun Finally timeout has been reached"));
    assertThat(started(d)).isEmpty();

    assertThat(d.completion()).as("the cancelled finally task has not stopped yet").isEmpty();

    run.cancelledByTimeout("f1");
    assertThat(run.tick().completion()).as("Tekton has no sentence of its own for the finally timeout")
        .contains(new Completion(false, "Failed", "Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1"));
  }

  // ---- missing results ----

  @Test
  void missingResultOfAStopAndFailTaskStopsTheRunAndFailsItsValidation() {
    String pipeline = """
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: slow, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}, params: [{name: x, value: "$(tasks.a.results.r)"}]}
        - {name: c, taskRef: {name: t}, runAfter: [a]}
        finally:
        - {name: f, taskRef: {name: t}}
        """;
    Run run = new Run(pipeline);
    assertThat(started(run.tick())).containsExactly("a", "slow");
    run.succeed("a", "other", "x");
    Decision d = run.tick();
    assertThat(started(d)).as("no new task starts once a result is missing").isEmpty();
    assertThat(d.skip()).containsExactly(Map.entry("b", MISSING_RESULTS), Map.entry("c", STOPPING));
    assertThat(d.condition()).isEqualTo(running(
        "Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 1"));

    run.succeed("slow");
    assertThat(started(run.tick())).containsExactly("f");
    run.succeed("f");
    Completion expected = new Completion(false, "PipelineValidationFailed",
        "Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 1, Failed Validation: 1 (task \"a\" completed"
            + " successfully but did not emit the result \"r\", which is referenced by task \"b\")");
    assertThat(run.tick().completion()).contains(expected);
    assertThat(run.facts().decide().completion()).as("the same after a restart").contains(expected);
  }

  @Test
  void missingResultInWhenInputSkipsTheTask() {
    Run run = new Run("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}, when: [{input: "$(tasks.a.results.env)", operator: in, values: [x]}]}
        """);
    run.tick();
    run.succeed("a");
    Decision d = run.tick();
    assertThat(d.skip()).containsExactly(Map.entry("b", MISSING_RESULTS));
    assertThat(d.completion()).contains(new Completion(false, "PipelineValidationFailed",
        "Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 0, Failed Validation: 1 (task \"a\" completed"
            + " successfully but did not emit the result \"env\", which is referenced by task \"b\")"));
  }

  @Test
  void onErrorContinueConsumerOfAMissingResultIsSkippedAndTheRunCarriesOn() {
    // The input, after tektoncd/pipeline's TestPipelineTaskErrorIsIgnored.
    Run run = new Run("""
        tasks:
        - {name: a, taskRef: {name: t}, onError: continue}
        - {name: b, taskRef: {name: t}, onError: continue, params: [{name: x, value: "$(tasks.a.results.x)"}]}
        - {name: c, taskRef: {name: t}, runAfter: [a]}
        """);
    run.tick();
    run.fail("a");
    Decision d = run.tick();
    assertThat(d.skip()).containsExactly(Map.entry("b", MISSING_RESULTS));
    assertThat(started(d)).containsExactly("c");
    assertThat(d.condition()).isEqualTo(running("Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 1"));

    run.succeed("c");
    Completion expected = new Completion(true, "Completed",
        "Tasks Completed: 2 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 1");
    assertThat(run.tick().completion()).contains(expected);
    assertThat(run.facts().decide().completion()).as("the same after a restart").contains(expected);
  }

  @Test
  void stopAndFailConsumerOfAFailedTasksMissingResultFailsValidationWithTektonsError() {
    Run run = new Run("""
        tasks:
        - {name: a, taskRef: {name: t}, onError: continue}
        - {name: b, taskRef: {name: t}, params: [{name: x, value: "$(tasks.a.results.x)"}]}
        - {name: c, taskRef: {name: t}, runAfter: [b]}
        """);
    run.tick();
    run.fail("a");
    Decision d = run.tick();
    assertThat(d.skip()).containsExactly(Map.entry("b", MISSING_RESULTS), Map.entry("c", STOPPING));
    assertThat(d.completion()).contains(new Completion(false, "PipelineValidationFailed",
        "Tasks Completed: 1 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 1, Failed Validation: 1 (Invalid task"
            + " result reference: Could not find result with name x for pipeline task a)"));
  }

  @Test
  void finallyTaskWithAMissingResultIsSkippedAndTheRunCompletes() {
    Run run = new Run("""
        tasks:
        - {name: a, taskRef: {name: t}, onError: continue}
        finally:
        - {name: uses-result, taskRef: {name: t}, params: [{name: x, value: "$(tasks.a.results.r)"}]}
        - {name: plain, taskRef: {name: t}}
        """);
    run.tick();
    run.fail("a");
    Decision d = run.tick();
    assertThat(d.skip()).containsExactly(Map.entry("uses-result", MISSING_RESULTS));
    assertThat(started(d)).containsExactly("plain");
    run.succeed("plain");
    assertThat(run.tick().completion()).contains(new Completion(true, "Completed",
        "Tasks Completed: 2 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 1"));
  }

  // ---- completion ----

  @Test
  void skippedFinallyTaskMakesTheRunCompletedNotSucceeded() {
    Run run = new Run("""
        tasks: [{name: a, taskRef: {name: t}}]
        finally: [{name: f, taskRef: {name: t}, when: [{input: "$(tasks.status)", operator: in, values: [Failed]}]}]
        """);
    run.tick();
    run.succeed("a");
    Decision d = run.tick();
    assertThat(d.skip()).containsExactly(Map.entry("f", WHEN_FALSE));
    assertThat(d.completion()).contains(new Completion(true, "Completed",
        "Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 1"));
  }

  // ---- pipeline results ----

  @Test
  void pipelineResultsResolveFromTaskResultsAndLeaveOutWhatWasNotProduced() {
    Run run = new Run("""
        params: [{name: version, default: "1.2"}]
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}}
        - {name: skipped, taskRef: {name: t}, when: [{input: x, operator: in, values: [y]}]}
        - {name: broken, taskRef: {name: t}, onError: continue}
        finally:
        - {name: f, taskRef: {name: t}}
        results:
        - {name: image, value: "$(tasks.a.results.image)"}
        - {name: tags, value: "$(tasks.a.results.tags[*])"}
        - {name: all, value: ["$(tasks.a.results.image)", "$(tasks.b.results.extra[*])"]}
        - {name: meta, value: "$(tasks.b.results.meta[*])"}
        - {name: digest, value: {d: "$(tasks.b.results.meta.digest)", v: "$(params.version)"}}
        - {name: from-skipped, value: "$(tasks.skipped.results.r)"}
        - {name: from-failed, value: "$(tasks.broken.results.r)"}
        - {name: undeclared, value: "$(tasks.a.results.nope)"}
        - {name: from-finally, value: "$(tasks.f.results.url)"}
        - {name: constant, value: "v$(params.version)"}
        """);
    run.tick();
    run.succeed("a", "image", "app", "tags", List.of("v1", "v2"));
    run.succeed("b", "extra", List.of("x", "y"), "meta", Map.of("digest", "sha"));
    run.fail("broken");
    run.tick();
    run.succeed("f", "url", "https://report");
    assertThat(run.tick().completion()).isPresent();
    assertThat(run.facts().pipelineResults()).containsExactly(
        Map.entry("image", ParamValue.of("app")),
        Map.entry("tags", ParamValue.ofArray(List.of("v1", "v2"))),
        Map.entry("all", ParamValue.ofArray(List.of("app", "x", "y"))),
        Map.entry("meta", ParamValue.ofObject(Map.of("digest", "sha"))),
        Map.entry("digest", ParamValue.ofObject(Map.of("d", "sha", "v", "1.2"))),
        Map.entry("from-finally", ParamValue.of("https://report")),
        Map.entry("constant", ParamValue.of("v1.2")));
  }

  @Test
  void pipelineWithoutResultsHasNone() {
    Run run = new Run("tasks: [{name: a, taskRef: {name: t}}]");
    run.succeed("a", "r", "v");
    assertThat(run.facts().pipelineResults()).isEmpty();
  }
}
