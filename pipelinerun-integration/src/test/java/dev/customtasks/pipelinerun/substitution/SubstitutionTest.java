package dev.customtasks.pipelinerun.substitution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.ParamValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubstitutionTest {

  private static final Bindings BINDINGS = new Bindings(
      ordered(
          "name", ParamValue.of("world"),
          "org.example.flag", ParamValue.of("on"),
          "arr", ParamValue.ofArray(List.of("a1", "a2")),
          "empty", ParamValue.ofArray(List.of()),
          "obj", ParamValue.ofObject(ordered("url", "https://x", "rev", "main")),
          "money", ParamValue.of("$1 \\ $(params.name)")),
      Map.of("build", ordered(
          "image", ParamValue.of("registry/app"),
          "tags", ParamValue.ofArray(List.of("v1", "latest")),
          "meta", ParamValue.ofObject(ordered("digest", "sha256:abc")))),
      Map.of("build", "Succeeded", "test", "None"),
      "Completed",
      Map.of("pipelineRun.name", "run-1", "pipeline.name", "p"));

  private static final Bindings NOT_FINALLY = new Bindings(Map.of(), Map.of(), Map.of(), null, Map.of());

  private static <V> Map<String, V> ordered(Object... kv) {
    Map<String, V> map = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked")
      V v = (V) kv[i + 1];
      map.put((String) kv[i], v);
    }
    return map;
  }

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("inline param", ParamValue.of("hello $(params.name)!"), ParamValue.of("hello world!")),
        Arguments.of("bracket names", ParamValue.of("$(params[\"name\"]) $(params['name'])"),
            ParamValue.of("world world")),
        Arguments.of("dotted name", ParamValue.of("$(params[\"org.example.flag\"])"), ParamValue.of("on")),
        Arguments.of("array item", ParamValue.of("$(params.arr[1])"), ParamValue.of("a2")),
        Arguments.of("array item inline", ParamValue.of("x-$(params.arr[0])-y"), ParamValue.of("x-a1-y")),
        Arguments.of("object key", ParamValue.of("$(params.obj.url)@$(params.obj.rev)"),
            ParamValue.of("https://x@main")),
        Arguments.of("whole array", ParamValue.of("$(params.arr[*])"), ParamValue.ofArray(List.of("a1", "a2"))),
        Arguments.of("whole object", ParamValue.of("$(params.obj[*])"),
            ParamValue.ofObject(ordered("url", "https://x", "rev", "main"))),
        Arguments.of("whole string with star", ParamValue.of("$(params.name[*])"), ParamValue.of("world")),
        Arguments.of("spread in array", ParamValue.ofArray(List.of("first", "$(params.arr[*])", "last")),
            ParamValue.ofArray(List.of("first", "a1", "a2", "last"))),
        Arguments.of("spread of empty array", ParamValue.ofArray(List.of("$(params.empty[*])", "x")),
            ParamValue.ofArray(List.of("x"))),
        Arguments.of("inline items in array", ParamValue.ofArray(List.of("$(params.name)", "$(params.arr[1])")),
            ParamValue.ofArray(List.of("world", "a2"))),
        Arguments.of("object fields", ParamValue.ofObject(ordered("a", "$(params.name)", "b", "$(params.obj.rev)")),
            ParamValue.ofObject(ordered("a", "world", "b", "main"))),
        Arguments.of("task result", ParamValue.of("$(tasks.build.results.image):1"),
            ParamValue.of("registry/app:1")),
        Arguments.of("task array result whole", ParamValue.of("$(tasks.build.results.tags[*])"),
            ParamValue.ofArray(List.of("v1", "latest"))),
        Arguments.of("task array result spread", ParamValue.ofArray(List.of("$(tasks.build.results.tags[*])", "x")),
            ParamValue.ofArray(List.of("v1", "latest", "x"))),
        Arguments.of("task array result item", ParamValue.of("$(tasks.build.results.tags[1])"),
            ParamValue.of("latest")),
        Arguments.of("task object result key", ParamValue.of("$(tasks.build.results.meta.digest)"),
            ParamValue.of("sha256:abc")),
        Arguments.of("task object result whole", ParamValue.of("$(tasks.build.results.meta[*])"),
            ParamValue.ofObject(ordered("digest", "sha256:abc"))),
        Arguments.of("statuses", ParamValue.of("$(tasks.build.status)/$(tasks.test.status)/$(tasks.status)"),
            ParamValue.of("Succeeded/None/Completed")),
        Arguments.of("context", ParamValue.of("$(context.pipelineRun.name) of $(context.pipeline.name)"),
            ParamValue.of("run-1 of p")),
        Arguments.of("unknown variables left alone",
            ParamValue.of("$(workspaces.src.path)/$(params.name)/$(results.out.path)"),
            ParamValue.of("$(workspaces.src.path)/world/$(results.out.path)")),
        Arguments.of("special characters in values survive",
            ParamValue.of("[$(params.money)]"), ParamValue.of("[$1 \\ $(params.name)]")),
        Arguments.of("no variables", ParamValue.of("plain"), ParamValue.of("plain")),
        Arguments.of("array without variables", ParamValue.ofArray(List.of("a", "b")),
            ParamValue.ofArray(List.of("a", "b"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void substitutes(String name, ParamValue in, ParamValue out) {
    assertThat(Substitution.apply(in, BINDINGS)).isEqualTo(out);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("array inline", ParamValue.of("x $(params.arr)"), "$(params.arr)",
            "$(params.arr) is an array and cannot be used inside a string; use [*] as the whole value, or [n] for"
                + " one part"),
        Arguments.of("array as whole value without star", ParamValue.of("$(params.arr)"), "$(params.arr)",
            "$(params.arr) is an array and cannot be used inside a string; use [*] as the whole value, or [n] for"
                + " one part"),
        Arguments.of("array star inline", ParamValue.of("x $(params.arr[*])"), "$(params.arr[*])",
            "$(params.arr[*]) is an array and cannot be used inside a string; use [*] as the whole value, or [n]"
                + " for one part"),
        Arguments.of("object inline", ParamValue.of("x $(params.obj)"), "$(params.obj)",
            "$(params.obj) is an object and cannot be used inside a string; use [*] as the whole value, or .key"
                + " for one part"),
        Arguments.of("array result inline", ParamValue.of("$(tasks.build.results.tags) x"),
            "$(tasks.build.results.tags)", "$(tasks.build.results.tags) is an array and cannot be used inside a"
                + " string; use [*] as the whole value, or [n] for one part"),
        Arguments.of("array inline in an array item", ParamValue.ofArray(List.of("x $(params.arr[*])")),
            "$(params.arr[*])", "$(params.arr[*]) is an array and cannot be used inside a string; use [*] as the"
                + " whole value, or [n] for one part"),
        Arguments.of("string spread in array", ParamValue.ofArray(List.of("$(params.name[*])")), "$(params.name[*])",
            "$(params.name[*]) is not an array"),
        Arguments.of("object spread in array", ParamValue.ofArray(List.of("$(params.obj[*])")), "$(params.obj[*])",
            "$(params.obj[*]) is not an array"),
        Arguments.of("object in object field", ParamValue.ofObject(Map.of("k", "$(params.obj[*])")),
            "$(params.obj[*])", "$(params.obj[*]) is an object and cannot be used inside a string; use [*] as the"
                + " whole value, or .key for one part"),
        Arguments.of("index out of bounds", ParamValue.of("$(params.arr[2])"), "$(params.arr[2])",
            "$(params.arr[2]) is out of bounds: the array has 2 items"),
        Arguments.of("index of a string", ParamValue.of("$(params.name[0])"), "$(params.name[0])",
            "$(params.name[0]) indexes a value that is not an array"),
        Arguments.of("missing key", ParamValue.of("$(params.obj.nope)"), "$(params.obj.nope)",
            "$(params.obj.nope) names key \"nope\", which the object does not have"),
        Arguments.of("key of a string", ParamValue.of("$(params.name.x)"), "$(params.name.x)",
            "$(params.name.x) selects a key of a value that is not an object"),
        Arguments.of("undeclared param", ParamValue.of("$(params.nope)"), "$(params.nope)",
            "param \"nope\" has no value"),
        Arguments.of("missing result", ParamValue.of("$(tasks.build.results.nope)"), "$(tasks.build.results.nope)",
            "task \"build\" has no result \"nope\""),
        Arguments.of("results of a task that has none", ParamValue.of("$(tasks.other.results.r)"),
            "$(tasks.other.results.r)", "task \"other\" has no result \"r\""),
        Arguments.of("status of unknown task", ParamValue.of("$(tasks.other.status)"), "$(tasks.other.status)",
            "task \"other\" has no status yet"),
        Arguments.of("unknown context", ParamValue.of("$(context.pipelineRun.nope)"),
            "$(context.pipelineRun.nope)", "unknown context variable $(context.pipelineRun.nope)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void reportsWhatCannotBeSubstituted(String name, ParamValue in, String variable, String message) {
    assertThatThrownBy(() -> Substitution.apply(in, BINDINGS))
        .isInstanceOfSatisfying(UnresolvedReferenceException.class, e -> {
          assertThat(e.reference().text()).isEqualTo(variable);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void taskStatusesAreOnlyKnownInFinally() {
    assertThatThrownBy(() -> Substitution.inline("$(tasks.status)", NOT_FINALLY))
        .isInstanceOf(UnresolvedReferenceException.class)
        .hasMessage("$(tasks.status) is only known in finally tasks");
  }

  @Test
  void inlineReplacesEveryVariableWithAString() {
    assertThat(Substitution.inline("$(params.name)$(params.name) $(params.arr[0])", BINDINGS))
        .isEqualTo("worldworld a1");
  }

  @Test
  void resolveAppliesTheSelector() {
    assertThat(Substitution.resolve(References.whole("$(params.arr[*])").orElseThrow(), BINDINGS))
        .isEqualTo(ParamValue.ofArray(List.of("a1", "a2")));
    assertThat(Substitution.resolve(References.whole("$(params.arr)").orElseThrow(), BINDINGS))
        .isEqualTo(ParamValue.ofArray(List.of("a1", "a2")));
    assertThat(Substitution.resolve(References.whole("$(params.obj.rev)").orElseThrow(), BINDINGS))
        .isEqualTo(ParamValue.of("main"));
  }

  @Test
  void bindingsFindEachSource() {
    assertThat(BINDINGS.value(References.whole("$(params.name)").orElseThrow())).contains(ParamValue.of("world"));
    assertThat(BINDINGS.value(References.whole("$(tasks.build.results.image)").orElseThrow()))
        .contains(ParamValue.of("registry/app"));
    assertThat(BINDINGS.value(References.whole("$(tasks.build.results.nope)").orElseThrow())).isEmpty();
    assertThat(BINDINGS.value(References.whole("$(tasks.nope.results.image)").orElseThrow())).isEmpty();
    assertThat(BINDINGS.value(References.whole("$(tasks.build.status)").orElseThrow()))
        .contains(ParamValue.of("Succeeded"));
    assertThat(BINDINGS.value(References.whole("$(tasks.status)").orElseThrow()))
        .contains(ParamValue.of("Completed"));
    assertThat(NOT_FINALLY.value(References.whole("$(tasks.status)").orElseThrow())).isEmpty();
    assertThat(BINDINGS.value(References.whole("$(context.pipelineRun.name)").orElseThrow()))
        .contains(ParamValue.of("run-1"));
  }
}
