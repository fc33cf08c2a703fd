package dev.customtasks.crds.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The enum-like fields of a pipeline Tekton's webhook refuses a value of, with its messages. */
class PipelineSpecValidationTest {

  static Stream<Arguments> pipelines() {
    return Stream.of(
        Arguments.of("every value allowed", """
            params: [{name: a, type: string}, {name: b, type: array}, {name: c, type: object}, {name: d}]
            tasks:
            - name: t
              onError: continue
              when: [{input: x, operator: in, values: [x]}, {input: x, operator: notin, values: [y]}, {cel: "1 == 1"}]
              taskSpec:
                params: [{name: p, type: array}]
                results: [{name: r}, {name: s, type: string}, {name: u, type: array}, {name: v, type: object}]
                steps: [{name: s, onError: stopAndFail}, {name: u, onError: continue}, {name: w}]
            finally:
            - {name: f, taskRef: {name: t}, onError: stopAndFail}
            - {name: g, taskRef: {name: t}, onError: "$(params.mode)"}
            """, null),
        Arguments.of("onError of a task", """
            tasks: [{name: t, taskRef: {name: t}, onError: ignore}]
            """, "invalid value: ignore: spec.pipelineSpec.tasks[0].OnError\nPipelineTask OnError must be either "
            + "\"continue\" or \"stopAndFail\""),
        Arguments.of("onError of a finally task", """
            tasks: [{name: t, taskRef: {name: t}}]
            finally: [{name: a, taskRef: {name: t}}, {name: f, taskRef: {name: t}, onError: Continue}]
            """, "invalid value: Continue: spec.pipelineSpec.finally[1].OnError\nPipelineTask OnError must be either "
            + "\"continue\" or \"stopAndFail\""),
        Arguments.of("when operator", """
            tasks: [{name: t, taskRef: {name: t}, when: [{input: a, operator: in, values: [a]}, {input: a, operator: equals, values: [a]}]}]
            """, "invalid value: operator \"equals\" is not recognized. valid operators: in,notin: "
            + "spec.pipelineSpec.tasks[0].when[1]"),
        Arguments.of("when operator missing", """
            tasks: [{name: t, taskRef: {name: t}, when: [{input: a, values: [a]}]}]
            """, "invalid value: operator \"\" is not recognized. valid operators: in,notin: "
            + "spec.pipelineSpec.tasks[0].when[0]"),
        Arguments.of("param type", """
            params: [{name: mode, type: enum}]
            tasks: [{name: t, taskRef: {name: t}}]
            """, "invalid value: enum: spec.pipelineSpec.params.mode.type\nspec.pipelineSpec.params.mode.type must be "
            + "one of \"string\", \"array\" or \"object\""),
        Arguments.of("param type of an embedded task", """
            tasks: [{name: t, taskSpec: {params: [{name: p, type: String}], steps: [{name: s}]}}]
            """, "invalid value: String: spec.pipelineSpec.tasks[0].taskSpec.params.p.type\n"
            + "spec.pipelineSpec.tasks[0].taskSpec.params.p.type must be one of \"string\", \"array\" or \"object\""),
        Arguments.of("result type of an embedded task", """
            tasks: [{name: t, taskSpec: {results: [{name: r, type: list}], steps: [{name: s}]}}]
            """, "invalid value: list: spec.pipelineSpec.tasks[0].taskSpec.results[0].type\n"
            + "spec.pipelineSpec.tasks[0].taskSpec.results[0].type must be one of \"string\", \"array\" or \"object\""),
        Arguments.of("step onError of an embedded task", """
            tasks: [{name: t, taskSpec: {steps: [{name: s}, {name: u, onError: ignore}]}}]
            """, "invalid value: \"ignore\": spec.pipelineSpec.tasks[0].taskSpec.steps[1].onError\nTask step onError "
            + "must be either \"continue\" or \"stopAndFail\""),
        Arguments.of("a custom task's spec is its controller's", """
            tasks: [{name: t, taskSpec: {apiVersion: example.dev/v1, kind: Thing, spec: {params: [{name: p, type: x}]}}}]
            """, null),
        Arguments.of("an embedded pipeline's fields", """
            tasks: [{name: t, pipelineSpec: {tasks: [{name: u, taskRef: {name: t}, onError: never}]}}]
            """, "invalid value: never: spec.pipelineSpec.tasks[0].pipelineSpec.tasks[0].OnError\nPipelineTask "
            + "OnError must be either \"continue\" or \"stopAndFail\""),
        Arguments.of("every problem, one after another", """
            params: [{name: a, type: bool}]
            tasks: [{name: t, taskRef: {name: t}, onError: ignore}]
            """, "invalid value: bool: spec.pipelineSpec.params.a.type\nspec.pipelineSpec.params.a.type must be one of "
            + "\"string\", \"array\" or \"object\"\ninvalid value: ignore: spec.pipelineSpec.tasks[0].OnError\n"
            + "PipelineTask OnError must be either \"continue\" or \"stopAndFail\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelines")
  void refusesABadValueNamingTheFieldAndTheValues(String name, String yaml, String expected) {
    PipelineSpec spec = Serialization.unmarshal(yaml, PipelineSpec.class);

    assertThat(PipelineSpecValidation.problem(spec, "spec.pipelineSpec").orElse(null)).isEqualTo(expected);
  }

  @Test
  void aTaskIsCheckedAsAnEmbeddedOne() {
    TaskSpec task = Serialization.unmarshal("""
        params: [{name: p, type: strings}]
        results: [{name: r, type: bool}]
        steps: [{name: s, onError: stop}]
        """, TaskSpec.class);

    assertThat(PipelineSpecValidation.problem(task, "spec")).contains("invalid value: strings: spec.params.p.type\n"
        + "spec.params.p.type must be one of \"string\", \"array\" or \"object\"\ninvalid value: bool: "
        + "spec.results[0].type\nspec.results[0].type must be one of \"string\", \"array\" or \"object\"\ninvalid "
        + "value: \"stop\": spec.steps[0].onError\nTask step onError must be either \"continue\" or \"stopAndFail\"");
  }
}
