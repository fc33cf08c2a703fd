package dev.customtasks.pipelinerun.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineRunSpec;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineValidatorTest {

  private static final String FAILED = PipelineRunReason.FAILED_VALIDATION;
  private static final String TASK_RESULT = PipelineRunReason.INVALID_TASK_RESULT_REFERENCE;

  private static PipelineSpec spec(String yaml) {
    return Serialization.unmarshal(yaml, PipelineSpec.class);
  }

  private static List<Param> params(String yaml) {
    return Serialization.unmarshal(yaml, PipelineRunSpec.class).getParams();
  }

  static Stream<Arguments> validPipelines() {
    return Stream.of(
        Arguments.of("one task by name", """
            tasks:
            - {name: a, taskRef: {name: t}}
            """),
        Arguments.of("matrix from literals, params and results, consumed whole", """
            params: [{name: platforms, type: array, default: [linux, mac]}]
            tasks:
            - name: a
              taskRef: {name: t}
              matrix:
                params:
                - {name: platform, value: "$(params.platforms[*])"}
                - {name: browser, value: [chrome, "$(params.platforms[0])"]}
                include:
                - {name: "on $(params.platform)", params: [{name: flags, value: "-v"}]}
            - name: b
              taskRef: {apiVersion: example.dev/v1, kind: Thing}
              matrix: {params: [{name: image, value: "$(tasks.a.results.images[*])"}]}
              params: [{name: count, value: "$(tasks.a.matrix.length)"}]
            finally:
            - {name: f, taskRef: {name: t}, matrix: {params: [{name: x, value: []}]}}
            """),
        Arguments.of("CEL when with quoted variables", """
            params: [{name: branch, default: main}]
            tasks:
            - {name: a, taskRef: {name: t}}
            - {name: b, taskRef: {name: t}, when: [{cel: "'$(params.branch)' == 'main' && '$(tasks.a.results.r)' != ''"}]}
            """),
        Arguments.of("custom task by kind, without a name", """
            tasks:
            - {name: wait, taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}}
            """),
        Arguments.of("embedded custom task", """
            tasks:
            - name: wait
              taskSpec: {apiVersion: customtasks.dev/v1alpha1, kind: Wait, spec: {duration: 1s}}
            """),
        Arguments.of("results, statuses and when in their places", """
            params: [{name: env, default: dev}]
            tasks:
            - name: build
              taskSpec:
                results: [{name: image}]
                steps: [{image: busybox}]
            - name: custom
              taskRef: {apiVersion: example.dev/v1, kind: Thing}
            - name: deploy
              taskRef: {name: t}
              runAfter: [custom]
              params:
              - {name: image, value: "$(tasks.build.results.image)"}
              - {name: anything, value: "$(tasks.custom.results.whatever)"}
              - {name: where, value: "$(workspaces.src.path) $(params.env) $(context.pipelineRun.name)"}
              when:
              - {input: "$(params.env)", operator: notin, values: [prod]}
            finally:
            - name: report
              taskRef: {name: t}
              params:
              - {name: all, value: "$(tasks.status)"}
              - {name: one, value: "$(tasks.deploy.status)"}
              - {name: image, value: "$(tasks.build.results.image)"}
              when:
              - {input: "$(tasks.build.status)", operator: in, values: [Failed]}
            results:
            - {name: image, value: "$(tasks.build.results.image)"}
            - {name: report, value: "$(tasks.report.results.url)"}
            """),
        Arguments.of("63-character name", """
            tasks:
            - {name: a23456789012345678901234567890123456789012345678901234567890123, taskRef: {name: t}}
            """),
        Arguments.of("task timeout and retries", """
            tasks:
            - {name: a, taskRef: {name: t}, timeout: 1h30m, retries: 2}
            """),
        Arguments.of("unknown runAfter is the graph's to report", """
            tasks:
            - {name: a, taskRef: {name: t}, runAfter: [nope]}
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPipelines")
  void acceptsValidPipelines(String name, String yaml) {
    assertThatCode(() -> PipelineValidator.validate(spec(yaml), Optional.empty())).doesNotThrowAnyException();
  }

  static Stream<Arguments> invalidPipelines() {
    return Stream.of(
        Arguments.of("no tasks", "tasks: []", FAILED, "the pipeline has no tasks"),
        Arguments.of("tasks missing", "finally: [{name: f, taskRef: {name: t}}]", FAILED,
            "the pipeline has no tasks"),
        Arguments.of("duplicate names", """
            tasks:
            - {name: a, taskRef: {name: t}}
            - {name: a, taskRef: {name: u}}
            """, FAILED, "pipeline task name \"a\" is used more than once"),
        Arguments.of("duplicate name in finally", """
            tasks:
            - {name: a, taskRef: {name: t}}
            finally:
            - {name: a, taskRef: {name: u}}
            """, FAILED, "pipeline task name \"a\" is used more than once"),
        Arguments.of("no name", """
            tasks:
            - {taskRef: {name: t}}
            """, FAILED, "a pipeline task has no name"),
        Arguments.of("upper case name", """
            tasks:
            - {name: Build, taskRef: {name: t}}
            """, FAILED, "pipeline task name \"Build\" must be a DNS-1123 label: lower case letters, digits and"
            + " '-', at most 63 characters"),
        Arguments.of("underscore in name", """
            tasks:
            - {name: my_task, taskRef: {name: t}}
            """, FAILED, "pipeline task name \"my_task\" must be a DNS-1123 label"),
        Arguments.of("leading dash", """
            tasks:
            - {name: -a, taskRef: {name: t}}
            """, FAILED, "pipeline task name \"-a\" must be a DNS-1123 label"),
        Arguments.of("64-character name", """
            tasks:
            - {name: a234567890123456789012345678901234567890123456789012345678901234, taskRef: {name: t}}
            """, FAILED, "must be a DNS-1123 label"),
        Arguments.of("bad name in finally", """
            tasks:
            - {name: a, taskRef: {name: t}}
            finally:
            - {name: a.b, taskRef: {name: t}}
            """, FAILED, "pipeline task name \"a.b\" must be a DNS-1123 label"),
        Arguments.of("both taskRef and taskSpec", """
            tasks:
            - {name: a, taskRef: {name: t}, taskSpec: {steps: [{image: busybox}]}}
            """, FAILED, "pipeline task \"a\": exactly one of taskRef or taskSpec is required"),
        Arguments.of("neither taskRef nor taskSpec", """
            tasks:
            - {name: a}
            """, FAILED, "pipeline task \"a\": exactly one of taskRef or taskSpec is required"),
        Arguments.of("taskRef without name or kind", """
            tasks:
            - {name: a, taskRef: {kind: Task}}
            """, FAILED, "pipeline task \"a\": taskRef needs a name, or an apiVersion and kind for a custom task"),
        Arguments.of("param both in matrix and params", """
            tasks:
            - {name: a, taskRef: {name: t}, params: [{name: x, value: c}], matrix: {params: [{name: x, value: [a, b]}]}}
            """, FAILED, "pipeline task \"a\": expected exactly one, got both: matrix[x], params[x]"),
        Arguments.of("duplicate matrix param", """
            tasks:
            - {name: a, taskRef: {name: t}, matrix: {params: [{name: x, value: [a]}, {name: x, value: [b]}]}}
            """, FAILED, "pipeline task \"a\": matrix.params[1].name: parameter names must be unique, the parameter"
            + " \"x\" is also defined at"),
        Arguments.of("matrix include param that is an array", """
            tasks:
            - {name: a, taskRef: {name: t}, matrix: {include: [{name: i, params: [{name: x, value: [a]}]}]}}
            """, FAILED, "pipeline task \"a\": matrix.include[0].params[0].value: matrix include params must be"
            + " strings"),
        Arguments.of("matrixed result consumed without [*]", """
            tasks:
            - {name: a, taskRef: {name: t}, matrix: {params: [{name: x, value: [a, b]}]}}
            - {name: b, taskRef: {name: t}, params: [{name: y, value: "$(tasks.a.results.r)"}]}
            """, FAILED, "pipeline task \"b\": A matrixed pipelineTask can only be consumed in aggregate using [*]"
            + " notation, but is currently set to tasks.a.results.r"),
        Arguments.of("bad timeout", """
            tasks:
            - {name: a, taskRef: {name: t}, timeout: soon}
            """, FAILED, "pipeline task \"a\" timeout: "),
        Arguments.of("negative retries", """
            tasks:
            - {name: a, taskRef: {name: t}, retries: -1}
            """, FAILED, "pipeline task \"a\": retries must not be negative, got -1"),
        Arguments.of("param without name", """
            tasks:
            - {name: a, taskRef: {name: t}, params: [{value: x}]}
            """, FAILED, "pipeline task \"a\": a param has no name"),
        Arguments.of("param given twice", """
            tasks:
            - {name: a, taskRef: {name: t}, params: [{name: x, value: "1"}, {name: x, value: "2"}]}
            """, FAILED, "pipeline task \"a\": param \"x\" is given more than once"),
        Arguments.of("param without value", """
            tasks:
            - {name: a, taskRef: {name: t}, params: [{name: x}]}
            """, FAILED, "pipeline task \"a\": param \"x\" has no value"),
        Arguments.of("malformed param value", """
            tasks:
            - {name: a, taskRef: {name: t}, params: [{name: x, value: [[nested]]}]}
            """, FAILED, "pipeline task \"a\": param \"x\": an array item must be a string, not an array"),
        Arguments.of("malformed object param value", """
            tasks:
            - {name: a, taskRef: {name: t}, params: [{name: x, value: {k: {deep: v}}}]}
            """, FAILED, "pipeline task \"a\": param \"x\": object key \"k\" must be a string, not an object"),
        Arguments.of("malformed param default", """
            params: [{name: p, default: [[nested]]}]
            tasks:
            - {name: a, taskRef: {name: t}}
            """, FAILED, "param \"p\" default: an array item must be a string, not an array"),
        Arguments.of("runAfter in finally", """
            tasks:
            - {name: a, taskRef: {name: t}}
            finally:
            - {name: f, taskRef: {name: t}, runAfter: [a]}
            """, FAILED, "finally task \"f\": runAfter is not allowed in finally tasks"),
        Arguments.of("result of unknown task", """
            tasks:
            - {name: a, taskRef: {name: t}, params: [{name: x, value: "$(tasks.nope.results.r)"}]}
            """, TASK_RESULT, "pipeline task \"a\": $(tasks.nope.results.r) refers to unknown task \"nope\""),
        Arguments.of("result of unknown task in when", """
            tasks:
            - name: a
              taskRef: {name: t}
              when: [{input: "$(tasks.nope.results.r)", operator: in, values: [x]}]
            """, TASK_RESULT, "pipeline task \"a\": $(tasks.nope.results.r) refers to unknown task \"nope\""),
        Arguments.of("result of unknown task in finally", """
            tasks:
            - {name: a, taskRef: {name: t}}
            finally:
            - {name: f, taskRef: {name: t}, params: [{name: x, value: ["$(tasks.nope.results.r[*])"]}]}
            """, TASK_RESULT, "finally task \"f\": $(tasks.nope.results.r[*]) refers to unknown task \"nope\""),
        Arguments.of("undeclared result of an embedded task", """
            tasks:
            - name: a
              taskSpec:
                results: [{name: image}]
                steps: [{image: busybox}]
            - {name: b, taskRef: {name: t}, params: [{name: x, value: "$(tasks.a.results.digest)"}]}
            """, TASK_RESULT, "pipeline task \"b\": $(tasks.a.results.digest) refers to result \"digest\", which"
            + " task \"a\" does not declare"),
        Arguments.of("result of a finally task", """
            tasks:
            - {name: a, taskRef: {name: t}}
            finally:
            - {name: f1, taskRef: {name: t}}
            - {name: f2, taskRef: {name: t}, params: [{name: x, value: "$(tasks.f1.results.r)"}]}
            """, TASK_RESULT, "finally task \"f2\": $(tasks.f1.results.r) refers to finally task \"f1\""),
        Arguments.of("result of a finally task in the dag", """
            tasks:
            - {name: a, taskRef: {name: t}, params: [{name: x, value: "$(tasks.f.results.r)"}]}
            finally:
            - {name: f, taskRef: {name: t}}
            """, TASK_RESULT, "pipeline task \"a\": $(tasks.f.results.r) refers to finally task \"f\""),
        Arguments.of("tasks.status outside finally", """
            tasks:
            - {name: a, taskRef: {name: t}}
            - {name: b, taskRef: {name: t}, params: [{name: x, value: "$(tasks.status)"}]}
            """, FAILED, "pipeline task \"b\": $(tasks.status) can only be used in finally tasks"),
        Arguments.of("task status outside finally", """
            tasks:
            - {name: a, taskRef: {name: t}}
            - name: b
              taskRef: {name: t}
              when: [{input: "$(tasks.a.status)", operator: in, values: [Succeeded]}]
            """, FAILED, "pipeline task \"b\": $(tasks.a.status) can only be used in finally tasks"),
        Arguments.of("status of unknown task in finally", """
            tasks:
            - {name: a, taskRef: {name: t}}
            finally:
            - {name: f, taskRef: {name: t}, params: [{name: x, value: "$(tasks.nope.status)"}]}
            """, FAILED, "finally task \"f\": $(tasks.nope.status) refers to unknown task \"nope\""),
        Arguments.of("CEL when that does not compile", """
            tasks:
            - {name: a, taskRef: {name: t}, when: [{cel: "$(params.branch) == 'main'"}]}
            """, FAILED, "pipeline task \"a\": when: invalid cel expression: $(params.branch) == 'main' with err:"),
        Arguments.of("CEL when with input", """
            tasks:
            - {name: a, taskRef: {name: t}, when: [{cel: "'a' == 'a'", input: a, operator: in, values: [a]}]}
            """, FAILED, "pipeline task \"a\": when: cel and input+operator+values cannot be set in one"
            + " WhenExpression"),
        Arguments.of("bad when operator", """
            tasks:
            - {name: a, taskRef: {name: t}, when: [{input: x, operator: equals, values: [x]}]}
            """, FAILED, "invalid value: operator \"equals\" is not recognized. valid operators: in,notin: "
            + "spec.pipelineSpec.tasks[0].when[0]"),
        Arguments.of("when without values", """
            tasks:
            - {name: a, taskRef: {name: t}, when: [{input: x, operator: in, values: []}]}
            """, FAILED, "pipeline task \"a\": a when expression needs an input"),
        Arguments.of("when without input", """
            tasks:
            - {name: a, taskRef: {name: t}, when: [{operator: in, values: [x]}]}
            """, FAILED, "pipeline task \"a\": a when expression needs an input"),
        Arguments.of("bad when in finally", """
            tasks:
            - {name: a, taskRef: {name: t}}
            finally:
            - {name: f, taskRef: {name: t}, when: [{input: x, operator: In, values: [x]}]}
            """, FAILED, "invalid value: operator \"In\" is not recognized. valid operators: in,notin: "
            + "spec.pipelineSpec.finally[0].when[0]"),
        Arguments.of("pipeline result of unknown task", """
            tasks:
            - {name: a, taskRef: {name: t}}
            results:
            - {name: out, value: "$(tasks.nope.results.r)"}
            """, PipelineRunReason.INVALID_PIPELINE_RESULT_REFERENCE,
            "pipeline result \"out\": $(tasks.nope.results.r) refers to unknown task \"nope\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPipelines")
  void rejectsInvalidPipelines(String name, String yaml, String reason, String message) {
    assertThatThrownBy(() -> PipelineValidator.validate(spec(yaml), Optional.empty()))
        .isInstanceOfSatisfying(InvalidPipelineException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.getMessage()).contains(message);
        });
  }

  private static final String DECLARED = """
      params:
      - {name: greeting, default: hello}
      - {name: who}
      - {name: list, type: array, default: [a, b]}
      - {name: repo, type: object, default: {url: "https://x"}}
      - {name: env, enum: [dev, prod], default: dev}
      tasks:
      - {name: a, taskRef: {name: t}}
      """;

  @Test
  void effectiveParamsApplyDefaultsAndKeepWhatTheRunGives() {
    Map<String, ParamValue> values = PipelineValidator.effectiveParams(spec(DECLARED), params("""
        params:
        - {name: who, value: world}
        - {name: env, value: prod}
        - {name: extra, value: kept}
        """));
    assertThat(values).containsExactly(
        Map.entry("greeting", ParamValue.of("hello")),
        Map.entry("list", ParamValue.ofArray(List.of("a", "b"))),
        Map.entry("repo", ParamValue.ofObject(Map.of("url", "https://x"))),
        Map.entry("env", ParamValue.of("prod")),
        Map.entry("who", ParamValue.of("world")),
        Map.entry("extra", ParamValue.of("kept")));
  }

  @Test
  void effectiveParamsWithoutDeclarationsOrValues() {
    assertThat(PipelineValidator.effectiveParams(spec("tasks: [{name: a, taskRef: {name: t}}]"), null)).isEmpty();
  }

  @Test
  void scalarValuesAreStrings() {
    Map<String, ParamValue> values = PipelineValidator.effectiveParams(spec(DECLARED), params("""
        params: [{name: who, value: 42}]
        """));
    assertThat(values).containsEntry("who", ParamValue.of("42"));
  }

  static Stream<Arguments> badRunParams() {
    return Stream.of(
        Arguments.of("missing required param", "params: []", PipelineRunReason.PARAMETER_MISSING,
            "PipelineRun missing parameters: [who]"),
        Arguments.of("param without value", """
            params: [{name: who}]
            """, PipelineRunReason.PARAMETER_MISSING, "param \"who\" has no value"),
        Arguments.of("array for string", """
            params: [{name: who, value: [a, b]}]
            """, PipelineRunReason.PARAMETER_TYPE_MISMATCH,
            "param \"who\" is declared as string but was given array"),
        Arguments.of("object for string", """
            params: [{name: who, value: {k: v}}]
            """, PipelineRunReason.PARAMETER_TYPE_MISMATCH,
            "param \"who\" is declared as string but was given object"),
        Arguments.of("string for array", """
            params: [{name: who, value: x}, {name: list, value: a}]
            """, PipelineRunReason.PARAMETER_TYPE_MISMATCH,
            "param \"list\" is declared as array but was given string"),
        Arguments.of("array for object", """
            params: [{name: who, value: x}, {name: repo, value: [a]}]
            """, PipelineRunReason.PARAMETER_TYPE_MISMATCH,
            "param \"repo\" is declared as object but was given array"),
        Arguments.of("malformed value", """
            params: [{name: who, value: [[a]]}]
            """, PipelineRunReason.PARAMETER_TYPE_MISMATCH,
            "param \"who\": an array item must be a string, not an array"),
        Arguments.of("malformed value of an undeclared param", """
            params: [{name: who, value: x}, {name: extra, value: {k: [v]}}]
            """, PipelineRunReason.PARAMETER_TYPE_MISMATCH,
            "param \"extra\": object key \"k\" must be a string, not an array"),
        Arguments.of("enum mismatch", """
            params: [{name: who, value: x}, {name: env, value: staging}]
            """, PipelineRunReason.INVALID_PARAM_VALUE, "param \"env\": \"staging\" is not one of [dev, prod]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRunParams")
  void rejectsBadRunParams(String name, String given, String reason, String message) {
    assertThatThrownBy(() -> PipelineValidator.effectiveParams(spec(DECLARED), params(given)))
        .isInstanceOfSatisfying(InvalidPipelineException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void listsEveryMissingParam() {
    assertThatThrownBy(() -> PipelineValidator.effectiveParams(spec("""
        params: [{name: a}, {name: b, default: x}, {name: c, type: array}]
        tasks: [{name: t, taskRef: {name: t}}]
        """), List.of()))
        .isInstanceOfSatisfying(InvalidPipelineException.class, e -> {
          assertThat(e.reason()).isEqualTo("ParameterMissing");
          assertThat(e.getMessage()).isEqualTo("PipelineRun missing parameters: [a, c]");
        });
  }

  @Test
  void defaultOutsideItsEnumFailsValidation() {
    assertThatThrownBy(() -> PipelineValidator.effectiveParams(spec("""
        params: [{name: env, enum: [dev, prod], default: test}]
        tasks: [{name: t, taskRef: {name: t}}]
        """), List.of()))
        .isInstanceOfSatisfying(InvalidPipelineException.class, e -> {
          assertThat(e.reason()).isEqualTo(PipelineRunReason.FAILED_VALIDATION);
          assertThat(e.getMessage()).isEqualTo("param \"env\": \"test\" is not one of [dev, prod]");
        });
  }

  @Test
  void enumValueMatchesAndDefaultTypeIsString() {
    assertThat(PipelineValidator.effectiveParams(spec(DECLARED), params("""
        params: [{name: who, value: x}, {name: env, value: dev}]
        """))).containsEntry("env", ParamValue.of("dev"));
  }

  @Test
  void retriesWithOnErrorContinueAreRefusedWithTektonsMessage() {
    assertThatThrownBy(() -> PipelineValidator.validate(spec("""
        tasks: [{name: flaky, taskRef: {name: t}, retries: 2, onError: continue}]
        """))).isInstanceOfSatisfying(InvalidPipelineException.class, e -> {
          assertThat(e.reason()).isEqualTo(PipelineRunReason.FAILED_VALIDATION);
          assertThat(e.getMessage()).isEqualTo("pipeline task \"flaky\": PipelineTask OnError cannot be set to"
              + " \"continue\" when Retries is greater than 0");
        });
    assertThatCode(() -> PipelineValidator.validate(spec("""
        params: [{name: mode, default: continue}]
        tasks:
        - {name: a, taskRef: {name: t}, retries: 2, onError: stopAndFail}
        - {name: b, taskRef: {name: t}, retries: 0, onError: continue}
        - {name: c, taskRef: {name: t}, retries: 1, onError: "$(params.mode)"}
        """))).doesNotThrowAnyException();
  }

  @Test
  void anEnumFieldIsNamedByItsPathFromTheRunOrThePipeline() {
    PipelineSpec bad = spec("""
        params: [{name: mode, type: enum}]
        tasks: [{name: a, taskRef: {name: t}}]
        """);

    assertThatThrownBy(() -> PipelineValidator.validate(bad, Optional.empty()))
        .isInstanceOfSatisfying(InvalidPipelineException.class, e -> {
          assertThat(e.reason()).isEqualTo(PipelineRunReason.FAILED_VALIDATION);
          assertThat(e.getMessage()).isEqualTo("invalid value: enum: spec.pipelineSpec.params.mode.type\n"
              + "spec.pipelineSpec.params.mode.type must be one of \"string\", \"array\" or \"object\"");
        });
    assertThatThrownBy(() -> PipelineValidator.validate(bad, Optional.of("build")))
        .hasMessage("Pipeline \"build\": invalid value: enum: spec.params.mode.type\nspec.params.mode.type must be one "
            + "of \"string\", \"array\" or \"object\"");
  }

  @Test
  void onErrorMustBeContinueOrStopAndFailNamingThePath() {
    assertThatThrownBy(() -> PipelineValidator.validate(spec("""
        tasks: [{name: a, taskRef: {name: t}, onError: ignore}]
        """), Optional.empty())).hasMessage("invalid value: ignore: spec.pipelineSpec.tasks[0].OnError\n"
            + "PipelineTask OnError must be either \"continue\" or \"stopAndFail\"");
  }

  @Test
  void onErrorMustBeContinueOrStopAndFail() {
    assertThatThrownBy(() -> PipelineValidator.validate(spec("""
        tasks: [{name: a, taskRef: {name: t}, onError: ignore}]
        """))).isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.getMessage())
            .isEqualTo("pipeline task \"a\": invalid value: ignore: OnError\nPipelineTask OnError must be either"
                + " \"continue\" or \"stopAndFail\""));
  }
}
