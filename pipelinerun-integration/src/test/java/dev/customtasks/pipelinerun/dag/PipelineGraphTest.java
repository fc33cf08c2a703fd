package dev.customtasks.pipelinerun.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.pipelinerun.validation.InvalidPipelineException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineGraphTest {

  private static PipelineGraph graph(String yaml) {
    return PipelineGraph.of(Serialization.unmarshal(yaml, PipelineSpec.class).getTasks());
  }

  @Test
  void parentsComeFromRunAfter() {
    PipelineGraph g = graph("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}, runAfter: [a]}
        - {name: c, taskRef: {name: t}, runAfter: [a, b]}
        """);
    assertThat(g.parents("a")).isEmpty();
    assertThat(g.parents("b")).containsExactly("a");
    assertThat(g.parents("c")).containsExactly("a", "b");
  }

  @Test
  void parentsComeFromResultReferencesInParamsOfEveryShapeAndInWhen() {
    PipelineGraph g = graph("""
        tasks:
        - {name: s, taskRef: {name: t}}
        - {name: a, taskRef: {name: t}}
        - {name: o, taskRef: {name: t}}
        - {name: w, taskRef: {name: t}}
        - {name: v, taskRef: {name: t}}
        - name: user
          taskRef: {name: t}
          params:
          - {name: p1, value: "image:$(tasks.s.results.tag)"}
          - {name: p2, value: ["x", "$(tasks.a.results.list[*])"]}
          - {name: p3, value: {k: "$(tasks.o.results.obj.key)"}}
          when:
          - {input: "$(tasks.w.results.env)", operator: in, values: ["$(tasks.v.results.allowed[*])"]}
        """);
    assertThat(g.parents("user")).containsExactlyInAnyOrder("s", "a", "o", "w", "v");
  }

  @Test
  void runAfterAndResultReferenceToTheSameTaskGiveOneParent() {
    PipelineGraph g = graph("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - name: b
          taskRef: {name: t}
          runAfter: [a, a]
          params: [{name: p, value: "$(tasks.a.results.r)"}]
        """);
    assertThat(g.parents("b")).containsExactly("a");
  }

  @Test
  void otherVariablesAndUnknownTasksAddNoParent() {
    // An unknown task in a result reference is the validator's to report, not the graph's.
    PipelineGraph g = graph("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - name: b
          taskRef: {name: t}
          params:
          - {name: p, value: "$(params.x) $(context.pipelineRun.name) $(workspaces.w.path)"}
          - {name: q, value: "$(tasks.nowhere.results.r)"}
        """);
    assertThat(g.parents("b")).isEmpty();
    assertThat(g.contains("b")).isTrue();
    assertThat(g.contains("nowhere")).isFalse();
    assertThat(g.parents("nowhere")).isEmpty();
  }

  static Stream<Arguments> pipelines() {
    return Stream.of(
        Arguments.of("independent tasks keep their order", """
            tasks:
            - {name: c, taskRef: {name: t}}
            - {name: a, taskRef: {name: t}}
            - {name: b, taskRef: {name: t}}
            """, List.of("c", "a", "b")),
        Arguments.of("chain declared backwards", """
            tasks:
            - {name: c, taskRef: {name: t}, runAfter: [b]}
            - {name: b, taskRef: {name: t}, runAfter: [a]}
            - {name: a, taskRef: {name: t}}
            """, List.of("a", "b", "c")),
        Arguments.of("diamond", """
            tasks:
            - {name: join, taskRef: {name: t}, runAfter: [left, right]}
            - {name: left, taskRef: {name: t}, runAfter: [root]}
            - {name: right, taskRef: {name: t}, params: [{name: p, value: "$(tasks.root.results.r)"}]}
            - {name: root, taskRef: {name: t}}
            """, List.of("root", "left", "right", "join")),
        Arguments.of("two components", """
            tasks:
            - {name: x2, taskRef: {name: t}, runAfter: [x1]}
            - {name: y1, taskRef: {name: t}}
            - {name: x1, taskRef: {name: t}}
            - {name: y2, taskRef: {name: t}, runAfter: [y1]}
            """, List.of("x1", "x2", "y1", "y2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelines")
  void orderPutsEveryTaskAfterItsParents(String name, String yaml, List<String> expected) {
    PipelineGraph g = graph(yaml);
    assertThat(g.order()).containsExactlyElementsOf(expected);
    for (String task : g.order()) {
      for (String parent : g.parents(task)) {
        assertThat(g.order().indexOf(parent)).as(parent + " before " + task).isLessThan(g.order().indexOf(task));
      }
    }
  }

  @Test
  void orderAndParentsAreReadOnly() {
    PipelineGraph g = graph("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}, runAfter: [a]}
        """);
    assertThatThrownBy(() -> g.order().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> g.parents("b").add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  static Stream<Arguments> invalidGraphs() {
    return Stream.of(
        Arguments.of("unknown runAfter", """
            tasks:
            - {name: a, taskRef: {name: t}}
            - {name: b, taskRef: {name: t}, runAfter: [nope]}
            """, "pipeline task \"b\": runAfter names \"nope\", which is not a task of this pipeline"),
        Arguments.of("self in runAfter", """
            tasks:
            - {name: a, taskRef: {name: t}, runAfter: [a]}
            """, "pipeline task \"a\" depends on itself"),
        Arguments.of("own result", """
            tasks:
            - name: a
              taskRef: {name: t}
              params: [{name: p, value: "$(tasks.a.results.r)"}]
            """, "pipeline task \"a\" depends on itself"),
        Arguments.of("own result in when", """
            tasks:
            - name: a
              taskRef: {name: t}
              when: [{input: "$(tasks.a.results.r)", operator: in, values: ["x"]}]
            """, "pipeline task \"a\" depends on itself"),
        Arguments.of("two-task cycle", """
            tasks:
            - {name: a, taskRef: {name: t}, runAfter: [b]}
            - {name: b, taskRef: {name: t}, runAfter: [a]}
            """, "cycle in the pipeline's tasks: a -> b -> a"),
        Arguments.of("three-task cycle through a result", """
            tasks:
            - {name: a, taskRef: {name: t}, runAfter: [c]}
            - {name: b, taskRef: {name: t}, runAfter: [a]}
            - {name: c, taskRef: {name: t}, params: [{name: p, value: "$(tasks.b.results.r)"}]}
            """, "cycle in the pipeline's tasks: a -> c -> b -> a"),
        Arguments.of("cycle below a healthy root", """
            tasks:
            - {name: root, taskRef: {name: t}}
            - {name: x, taskRef: {name: t}, runAfter: [root, y]}
            - {name: y, taskRef: {name: t}, runAfter: [x]}
            """, "cycle in the pipeline's tasks: x -> y -> x"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidGraphs")
  void invalidGraphsFailWithPipelineInvalidGraph(String name, String yaml, String message) {
    assertThatThrownBy(() -> graph(yaml))
        .isInstanceOfSatisfying(InvalidPipelineException.class, e -> {
          assertThat(e.reason()).isEqualTo(PipelineRunReason.INVALID_GRAPH).isEqualTo("PipelineInvalidGraph");
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void emptyPipelineHasAnEmptyOrder() {
    assertThat(PipelineGraph.of(List.of()).order()).isEmpty();
  }
}
