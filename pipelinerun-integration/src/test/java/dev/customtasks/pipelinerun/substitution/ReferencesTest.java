package dev.customtasks.pipelinerun.substitution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.pipelinerun.substitution.Reference.Selector;
import dev.customtasks.pipelinerun.substitution.Reference.Source;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferencesTest {

  private static final Selector WHOLE = new Selector.Whole();
  private static final Selector STAR = new Selector.Star();

  static Stream<Arguments> variables() {
    return Stream.of(
        Arguments.of("$(params.x)", Source.PARAM, "x", null, WHOLE),
        Arguments.of("$(params[\"x\"])", Source.PARAM, "x", null, WHOLE),
        Arguments.of("$(params['x'])", Source.PARAM, "x", null, WHOLE),
        Arguments.of("$(params[\"org.example.x\"])", Source.PARAM, "org.example.x", null, WHOLE),
        Arguments.of("$(params['org.example.x'][*])", Source.PARAM, "org.example.x", null, STAR),
        Arguments.of("$(params.arr[*])", Source.PARAM, "arr", null, STAR),
        Arguments.of("$(params[\"arr\"][*])", Source.PARAM, "arr", null, STAR),
        Arguments.of("$(params.arr[1])", Source.PARAM, "arr", null, new Selector.Index(1)),
        Arguments.of("$(params['arr'][12])", Source.PARAM, "arr", null, new Selector.Index(12)),
        Arguments.of("$(params.obj.key)", Source.PARAM, "obj", null, new Selector.Key("key")),
        Arguments.of("$(params[\"obj\"].key)", Source.PARAM, "obj", null, new Selector.Key("key")),
        Arguments.of("$(params.obj[*])", Source.PARAM, "obj", null, STAR),
        Arguments.of("$( params.x )", Source.PARAM, "x", null, WHOLE),
        Arguments.of("$(tasks.build.results.image)", Source.TASK_RESULT, "build", "image", WHOLE),
        Arguments.of("$(tasks.build.results.list[*])", Source.TASK_RESULT, "build", "list", STAR),
        Arguments.of("$(tasks.build.results.list[0])", Source.TASK_RESULT, "build", "list", new Selector.Index(0)),
        Arguments.of("$(tasks.build.results.obj.digest)", Source.TASK_RESULT, "build", "obj",
            new Selector.Key("digest")),
        Arguments.of("$(tasks.build.status)", Source.TASK_STATUS, "build", null, WHOLE),
        Arguments.of("$(tasks.status)", Source.TASKS_STATUS, null, null, WHOLE),
        Arguments.of("$(context.pipelineRun.name)", Source.CONTEXT, "pipelineRun.name", null, WHOLE),
        Arguments.of("$(context.pipelineRun.namespace)", Source.CONTEXT, "pipelineRun.namespace", null, WHOLE),
        Arguments.of("$(context.pipelineRun.uid)", Source.CONTEXT, "pipelineRun.uid", null, WHOLE),
        Arguments.of("$(context.pipeline.name)", Source.CONTEXT, "pipeline.name", null, WHOLE),
        Arguments.of("$(context.pipelineTask.retries)", Source.CONTEXT, "pipelineTask.retries", null, WHOLE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variables")
  void parsesEachKindOfVariable(String text, Source source, String name, String result, Selector selector) {
    assertThat(References.in(text)).containsExactly(new Reference(text, source, name, result, selector));
    assertThat(References.whole(text)).contains(new Reference(text, source, name, result, selector));
  }

  @ParameterizedTest
  @ValueSource(strings = {"$(workspaces.src.path)", "$(workspaces.src.bound)", "$(results.out.path)",
      "$(steps.step-a.exitCode.path)", "$(context.taskRun.name)", "$(context.task.retry-count)", "$(params)",
      "$(params.a.b.c)", "$(params.obj.key[*])", "$(params[\"a\"].b.c)", "$(tasks.t.results)", "$(tasks.t.foo.r)",
      "$(tasks.t.results.r.k.j)", "$(tasks.t.results.r.k[*])", "$(tasks)", "$(inputs.params.x)", "$()",
      "params.x", "$params.x", "$(params.x"})
  void leavesOtherVariablesAlone(String text) {
    assertThat(References.in(text)).isEmpty();
    assertThat(References.whole(text)).isEmpty();
  }

  @Test
  void hugeIndexDoesNotThrow() {
    // Any outcome but an exception: parsing runs on every reconcile of every pipeline.
    References.in("$(params.arr[99999999999999999999])");
  }

  @Test
  void findsEveryVariableInAStringInOrder() {
    assertThat(References.in("$(params.a)-$(tasks.t.results.r) $(workspaces.w.path) $(params.b[0])x"))
        .extracting(Reference::text)
        .containsExactly("$(params.a)", "$(tasks.t.results.r)", "$(params.b[0])");
    assertThat(References.in((String) null)).isEmpty();
    assertThat(References.in("no variables")).isEmpty();
  }

  @Test
  void wholeIsOnlyForAValueThatIsExactlyOneVariable() {
    assertThat(References.whole("x$(params.a)")).isEmpty();
    assertThat(References.whole("$(params.a) ")).isEmpty();
    assertThat(References.whole("$(params.a)$(params.b)")).isEmpty();
    assertThat(References.whole(null)).isEmpty();
  }

  @Test
  void findsVariablesInArraysAndObjects() {
    assertThat(References.in(ParamValue.ofArray(List.of("$(params.a)", "b", "$(tasks.t.results.r[*])"))))
        .extracting(Reference::text).containsExactly("$(params.a)", "$(tasks.t.results.r[*])");
    assertThat(References.in(ParamValue.ofObject(Map.of("k", "x $(params.a) $(params.b)"))))
        .extracting(Reference::text).containsExactly("$(params.a)", "$(params.b)");
    assertThat(References.in((ParamValue) null)).isEmpty();
  }

  @Test
  void findsNothingInAMalformedValue() {
    PipelineSpec spec = Serialization.unmarshal("""
        tasks:
        - name: a
          taskRef: {name: t}
          params: [{name: p, value: [["$(params.x)"]]}]
        """, PipelineSpec.class);
    ParamValue malformed = spec.getTasks().get(0).getParams().get(0).getValue();
    assertThat(malformed.problem()).isPresent();
    assertThat(References.in(malformed)).isEmpty();
  }

  @Test
  void findsVariablesInATasksParamsMatrixAndWhenExpressions() {
    PipelineSpec spec = Serialization.unmarshal("""
        tasks:
        - name: a
          taskRef: {name: t}
          params:
          - {name: p, value: "$(params.one)"}
          - {name: q, value: ["$(params.two[*])"]}
          matrix:
            params: [{name: m, value: "$(tasks.c.results.list[*])"}]
            include: [{name: "$(params.not-a-value)", params: [{name: i, value: "$(params.eight)"}]}]
          when:
          - {input: "$(tasks.b.results.three)", operator: in, values: ["$(params.four)", "five"]}
          - {cel: "'$(params.six)' == 'x'"}
          workspaces: [{name: w, subPath: "$(params.seven)"}]
        """, PipelineSpec.class);
    assertThat(References.in(spec.getTasks().get(0))).extracting(Reference::text)
        .containsExactly("$(params.one)", "$(params.two[*])", "$(tasks.c.results.list[*])", "$(params.eight)",
            "$(tasks.b.results.three)", "$(params.four)", "$(params.six)");
  }

  @Test
  void taskIsKnownForTaskResultsAndStatusesOnly() {
    assertThat(References.whole("$(tasks.b.results.r)").orElseThrow().task()).contains("b");
    assertThat(References.whole("$(tasks.b.status)").orElseThrow().task()).contains("b");
    assertThat(References.whole("$(tasks.status)").orElseThrow().task()).isEmpty();
    assertThat(References.whole("$(params.b)").orElseThrow().task()).isEmpty();
    assertThat(References.whole("$(params.b[*])").orElseThrow().isStar()).isTrue();
    assertThat(References.whole("$(params.b[0])").orElseThrow().isStar()).isFalse();
  }
}
