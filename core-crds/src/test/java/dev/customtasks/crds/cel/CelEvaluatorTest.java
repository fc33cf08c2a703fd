package dev.customtasks.crds.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CelEvaluatorTest {

  /** A Loop's variables: its results and params so far, and the iteration number. */
  static final Map<String, CelVarType> LOOP = Map.of(
      "results", CelVarType.MAP, "params", CelVarType.MAP, "iteration", CelVarType.INT);

  final CelEvaluator cel = new CelEvaluator();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
      "true => true",
      "false => false",
      "!false && (true || false) => true",
      "'main' == 'main' => true",
      "'main' < 'release' => true",
      "'abc'.startsWith('ab') && 'abc'.endsWith('bc') && 'abc'.contains('b') => true",
      "size('hello') == 5 => true",
      "size([1, 2, 3]) == 3 => true",
      "2 in [1, 2, 3] => true",
      "'d' in ['a', 'b'] => false",
      "[1, 2, 3].exists(x, x > 2) => true",
      "[1, 2, 3].all(x, x > 0) => true",
      "[1, 2, 3].exists_one(x, x == 2) => true",
      "[1, 2, 3].filter(x, x > 1).size() == 2 => true",
      "[1, 2, 3].map(x, x * 2) == [2, 4, 6] => true",
      "7 / 2 == 3 && 7 % 2 == 1 && 2 * 3 - 1 == 5 => true",
      "-5 + 3 == -2 => true",
      "1 < 1.5 => true",
      "3.0 == double(3) => true",
      "{'a': 1}['a'] == 1 => true",
      "has({'a': 1}.a) => true",
      "has({'a': 1}.b) => false",
      "'v1.2.3'.matches(r'^v[0-9]+\\.[0-9]+\\.[0-9]+$') => true",
      "int('42') == 42 && double('0.5') == 0.5 && string(7) == '7' => true",
      "null == null => true"})
  void evaluatesStandardCel(String expression, boolean expected) {
    assertThat(cel.evaluate(expression)).isEqualTo(expected);
  }

  @Test
  void readsTypedVariables() {
    Map<String, Object> values = Map.of(
        "results", Map.of("status", "done", "count", 3, "coverage", 0.95, "tags", List.of("a", "b")),
        "params", Map.of("branch", "main"),
        "iteration", 4);

    assertThat(cel.evaluate("results.status == 'done'", LOOP, values)).isTrue();
    assertThat(cel.evaluate("results['count'] + 1 == 4", LOOP, values)).isTrue();
    assertThat(cel.evaluate("results.coverage > 0.9", LOOP, values)).isTrue();
    assertThat(cel.evaluate("'b' in results.tags && size(results.tags) == 2", LOOP, values)).isTrue();
    assertThat(cel.evaluate("has(results.status) && !has(results.missing)", LOOP, values)).isTrue();
    assertThat(cel.evaluate("params.branch == 'main' && iteration >= 3", LOOP, values)).isTrue();
    assertThat(cel.evaluate("iteration * 2 - 1 == 7", LOOP, values)).isTrue();
    assertThat(cel.evaluate("'status' in results && !('missing' in results)", LOOP, values)).isTrue();
    assertThat(cel.evaluate("results.exists(k, k == 'count')", LOOP, values)).isTrue();
  }

  @Test
  void convertsJavaValuesAsCelExpectsThem() {
    Map<String, CelVarType> vars = Map.of("v", CelVarType.DYN, "i", CelVarType.INT, "d", CelVarType.DOUBLE,
        "s", CelVarType.STRING, "b", CelVarType.BOOL, "l", CelVarType.LIST);

    assertThat(cel.evaluate("i == 7 && type(i) == int", vars, Map.of("i", 7))).isTrue();
    assertThat(cel.evaluate("i == 7", vars, Map.of("i", (short) 7))).isTrue();
    assertThat(cel.evaluate("i == 9007199254740993", vars, Map.of("i", new java.math.BigInteger("9007199254740993"))))
        .isTrue();
    assertThat(cel.evaluate("d == 2.0 && type(d) == double", vars, Map.of("d", 2))).isTrue();
    assertThat(cel.evaluate("d == 1.5", vars, Map.of("d", 1.5f))).isTrue();
    assertThat(cel.evaluate("s == 'x' && b", vars, Map.of("s", "x", "b", true))).isTrue();
    assertThat(cel.evaluate("l == [1, 'two', [3], {'four': 4}]", vars,
        Map.of("l", List.of(1, "two", List.of(3L), Map.of("four", 4))))).isTrue();
    assertThat(cel.evaluate("v[1] == 'one' && v[2] == 'two'", vars, Map.of("v", Map.of(1, "one", 2L, "two"))))
        .isTrue();
    assertThat(cel.evaluate("v == null", vars, java.util.Collections.singletonMap("v", null))).isTrue();
    assertThat(cel.evaluate("v[0] == null", vars, Map.of("v", Arrays.asList((Object) null)))).isTrue();
  }

  @Test
  void aValueThatDoesNotFitItsDeclarationIsAnError() {
    assertThatThrownBy(() -> cel.evaluate("iteration > 2", LOOP, Map.of("iteration", "three")))
        .isInstanceOf(CelExpressionException.class)
        .hasMessage("CEL expression \"iteration > 2\" cannot be evaluated: variable \"iteration\" is declared int"
            + " but is a String (three)");
    assertThatThrownBy(() -> cel.evaluate("results.x", LOOP, Map.of("results", Map.of("x", new Object()))))
        .isInstanceOf(CelExpressionException.class)
        .hasMessageContaining("results['x'] is a Object");
    assertThatThrownBy(() -> cel.evaluate("true", Map.of(), Map.of("extra", 1)))
        .isInstanceOf(CelExpressionException.class)
        .hasMessage("CEL expression \"true\" was given a value for \"extra\", which is not one of its variables []");
  }

  // Errors quote the expression and carry CEL's own message.

  @Test
  void aSyntaxErrorSaysWhere() {
    // Tekton's TestEvaluateCEL_invalid: an unsubstituted reference is not CEL.
    assertThatThrownBy(() -> cel.evaluate("$(params.foo)=='foo'"))
        .isInstanceOf(CelExpressionException.class)
        .hasMessageStartingWith("CEL expression \"$(params.foo)=='foo'\" does not compile: ERROR: <input>:1:1: ")
        .hasMessageContaining("| $(params.foo)=='foo'")
        .hasMessageContaining("| ^");
  }

  @Test
  void anUndeclaredVariableIsACompileError() {
    assertThatThrownBy(() -> cel.evaluate("params.foo == 'foo'"))
        .isInstanceOf(CelExpressionException.class)
        .hasMessageStartingWith("CEL expression \"params.foo == 'foo'\" does not compile: ")
        .hasMessageContaining("undeclared reference to 'params'")
        .hasMessageContaining("<input>:1:1");
  }

  @Test
  void aTypeErrorIsACompileError() {
    assertThatThrownBy(() -> cel.evaluate("'a' + 1 == 'a1'"))
        .isInstanceOf(CelExpressionException.class)
        .hasMessageContaining("does not compile")
        .hasMessageContaining("found no matching overload for '_+_' applied to '(string, int)'");
  }

  @Test
  void anExpressionThatCannotGiveABoolIsRefusedWhenCompiled() {
    // Tekton's TestEvaluateCEL_invalid: "CEL result is not true or false".
    assertThatThrownBy(() -> cel.evaluate("{'blue': '0x000080', 'red': '0xFF0000'}['red']"))
        .isInstanceOf(CelExpressionException.class)
        .hasMessage("CEL expression \"{'blue': '0x000080', 'red': '0xFF0000'}['red']\" gives string, not bool");
    assertThatThrownBy(() -> cel.compile("1 + 2"))
        .hasMessage("CEL expression \"1 + 2\" gives int, not bool");
  }

  @Test
  void aDynamicResultThatIsNotABoolIsRefusedWhenEvaluated() {
    assertThatThrownBy(() -> cel.evaluate("results.status", LOOP, Map.of("results", Map.of("status", "done"))))
        .isInstanceOf(CelExpressionException.class)
        .hasMessage("CEL expression \"results.status\" gives the string \"done\", not a bool");
    assertThatThrownBy(() -> cel.evaluate("results.n", LOOP, Map.of("results", Map.of("n", 2))))
        .hasMessage("CEL expression \"results.n\" gives a Long (2), not a bool");
  }

  @Test
  void aMissingKeyIsARuntimeError() {
    Map<String, Object> values = Map.of("results", Map.of("status", "done"));

    assertThatThrownBy(() -> cel.evaluate("results.missing == 'x'", LOOP, values))
        .isInstanceOf(CelExpressionException.class)
        .hasMessage("CEL expression \"results.missing == 'x'\" failed (attribute not found): evaluation error at"
            + " <input>:7: key 'missing' is not present in map.");
    assertThatThrownBy(() -> cel.evaluate("results['missing'] == 'x'", LOOP, values))
        .hasMessage("CEL expression \"results['missing'] == 'x'\" failed (attribute not found): evaluation error at"
            + " <input>:7: missing");
  }

  @Test
  void aVariableTheExpressionReadsMustHaveAValue() {
    assertThat(cel.evaluate("iteration > 2", LOOP, Map.of("iteration", 5))).isTrue();
    assertThat(cel.compile("iteration > 2 || results.done == 'true'", LOOP).reads())
        .containsExactly("iteration", "results");
    assertThatThrownBy(() -> cel.evaluate("true || results.done == 'true'", LOOP, Map.of("iteration", 1)))
        .isInstanceOf(CelExpressionException.class)
        .hasMessage("CEL expression \"true || results.done == 'true'\" has no value for variable \"results\""
            + " (map(string, dyn))");
  }

  @Test
  void anEqualityBetweenDifferentNumericTypesDoesNotCompile() {
    // Ordering across int and double is allowed, equality is checked by type (as in cel-go).
    assertThatThrownBy(() -> cel.compile("3.0 == 3"))
        .hasMessageContaining("found no matching overload for '_==_' applied to '(double, int)'");
  }

  @Test
  void otherRuntimeErrorsAreReportedToo() {
    assertThatThrownBy(() -> cel.evaluate("1 / (iteration - iteration) == 1", LOOP, Map.of("iteration", 3)))
        .isInstanceOf(CelExpressionException.class)
        .hasMessageStartingWith("CEL expression \"1 / (iteration - iteration) == 1\" failed (divide by zero): ")
        .hasMessageContaining("/ by zero");
    assertThatThrownBy(() -> cel.evaluate("9223372036854775807 + iteration > 0", LOOP, Map.of("iteration", 1)))
        .hasMessageContaining("overflow");
  }

  @Test
  void anEmptyExpressionIsRefused() {
    assertThatThrownBy(() -> cel.evaluate(" ")).isInstanceOf(CelExpressionException.class)
        .hasMessage("CEL expression \" \" is empty");
  }

  // Tekton's CEL in WhenExpressions: docs/pipelines.md ("Use CEL expression in WhenExpression") and
  // TestEvaluateCEL_valid in pkg/reconciler/pipelinerun/resources/pipelinerunresolution_test.go.
  // Tekton substitutes $(...) references into the text first, so the expressions have no variables.

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
      "'foo'=='foo' => true",
      "'bar'!='foo' => true",
      "'foo' in ['foo', 'bar'] => true",
      "!('duh' in ['foo', 'bar']) => true",
      "'0.95'>'0.9' => true",
      "'0.85'<'0.9' => true",
      "'foo'=='foo'||false => true",
      "'foo'=='foo'&&true => true",
      "'release/v1'.matches('release/.*') => true",
      "'foo'!='foo' => false",
      // '$(params.branch)' == 'main', substituted
      "'main' == 'main' => true",
      "'feature/x' == 'main' => false",
      // '$(params.param1)' != '' || '$(params.param2)' == '8.5' || '$(params.param2)' == '8.6'
      "'' != '' || '8.6' == '8.5' || '8.6' == '8.6' => true",
      "'' != '' || '8.7' == '8.5' || '8.7' == '8.6' => false",
      // '$(params.branch)'.matches('release/.*')
      "'main'.matches('release/.*') => false",
      // $(tasks.unit-test.results.test-coverage) > 0.9, substituted unquoted
      "0.95 > 0.9 => true",
      "0.85 > 0.9 => false",
      // '$(tasks.objectTask.results.repo.url)'.matches('github.com/tektoncd/.*')
      "'github.com/tektoncd/pipeline'.matches('github.com/tektoncd/.*') => true",
      // '$(params.foo)' == 'foo' and '$(params.branch[0])' == 'foo'
      "'foo' == 'foo' => true"})
  void evaluatesTektonWhenExamples(String expression, boolean expected) {
    assertThat(cel.evaluate(expression)).isEqualTo(expected);
  }

  @Test
  void tektonsQuotedCoverageExampleComparesAStringWithADoubleAndDoesNotCompile() {
    // docs/pipelines.md shows "'$(tasks.unit-test.results.test-coverage)' > 0.9"; substituted, that
    // compares a string with a double, which CEL has no overload for (Tekton's own test compares
    // two strings instead: '0.95'>'0.9').
    assertThatThrownBy(() -> cel.evaluate("'0.95' > 0.9"))
        .isInstanceOf(CelExpressionException.class)
        .hasMessageContaining("found no matching overload for '_>_' applied to '(string, double)'");
  }

  // The cache.

  @Test
  void compilesEachExpressionOncePerSetOfVariables() {
    CelEvaluator evaluator = new CelEvaluator();

    for (int i = 0; i < 5; i++) {
      assertThat(evaluator.evaluate("iteration >= 3", LOOP, Map.of("iteration", i))).isEqualTo(i >= 3);
    }
    assertThat(evaluator.compilations()).isEqualTo(1);

    evaluator.evaluate("iteration >= 3", Map.of("iteration", CelVarType.INT), Map.of("iteration", 1));
    assertThat(evaluator.compilations()).isEqualTo(2);

    assertThat(evaluator.compile("iteration >= 3", LOOP)).isSameAs(evaluator.compile("iteration >= 3", LOOP));
    assertThat(evaluator.compilations()).isEqualTo(2);
  }

  @Test
  void theCacheIsBoundedAndDropsTheLeastRecentlyUsed() {
    CelEvaluator evaluator = new CelEvaluator(2);

    CelCondition a = evaluator.compile("1 == 1");
    evaluator.compile("2 == 2");
    evaluator.compile("1 == 1");
    evaluator.compile("3 == 3");
    assertThat(evaluator.compilations()).isEqualTo(3);

    assertThat(evaluator.compile("1 == 1")).isSameAs(a);
    assertThat(evaluator.compilations()).isEqualTo(3);
    evaluator.compile("2 == 2");
    assertThat(evaluator.compilations()).isEqualTo(4);
  }

  @Test
  void concurrentCallersShareOneCompilation() throws Exception {
    CelEvaluator evaluator = new CelEvaluator();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int iteration = i;
        answers.add(pool.submit(() -> evaluator.evaluate("iteration % 2 == 0", LOOP, Map.of("iteration", iteration))));
      }
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get()).isEqualTo(i % 2 == 0);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(evaluator.compilations()).isEqualTo(1);
  }

  @Test
  void aFailedCompilationIsNotCached() {
    CelEvaluator evaluator = new CelEvaluator();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> evaluator.compile("1 +")).isInstanceOf(CelExpressionException.class);
    }
    assertThat(evaluator.compilations()).isEqualTo(2);
  }

  @Test
  void aCompiledConditionKnowsItsExpressionAndVariables() {
    CelCondition condition = cel.compile("iteration > 1", LOOP);

    assertThat(condition.expression()).isEqualTo("iteration > 1");
    assertThat(condition.variables()).containsExactly(
        Map.entry("iteration", CelVarType.INT), Map.entry("params", CelVarType.MAP),
        Map.entry("results", CelVarType.MAP));
    assertThat(condition.evaluate(Map.of("iteration", 2))).isTrue();
  }
}
