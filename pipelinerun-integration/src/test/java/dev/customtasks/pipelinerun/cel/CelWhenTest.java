package dev.customtasks.pipelinerun.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.WhenExpression;
import dev.customtasks.pipelinerun.substitution.Bindings;
import dev.customtasks.pipelinerun.validation.InvalidPipelineException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CelWhenTest {

  private static final Map<String, ParamValue> PARAMS = Map.of("branch", ParamValue.of("main"),
      "n", ParamValue.of("x"));
  private static final Bindings BINDINGS = new Bindings(PARAMS, Map.of("a", Map.of("r", ParamValue.of("yes"))),
      Map.of(), null, Map.of("pipelineRun.name", "pr"));

  @Test
  void substitutesThenEvaluatesWithoutVariables() {
    assertThat(CelWhen.holds("pr", "'$(params.branch)' == 'main'", BINDINGS)).isTrue();
    assertThat(CelWhen.holds("pr", "'$(tasks.a.results.r)' == 'no'", BINDINGS)).isFalse();
    assertThat(CelWhen.holds("pr", "'$(context.pipelineRun.name)'.startsWith('p') && [1, 2].all(i, i > 0)",
        BINDINGS)).isTrue();
  }

  @Test
  void validationCompilesTheTextAsWritten() {
    assertThatCode(() -> CelWhen.validate("t", WhenExpression.ofCel("'$(params.branch)' == 'main'")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> CelWhen.validate("t", WhenExpression.ofCel("$(params.branch) == 'main'")))
        .isInstanceOfSatisfying(InvalidPipelineException.class, e -> {
          assertThat(e.reason()).isEqualTo(PipelineRunReason.FAILED_VALIDATION);
          assertThat(e.getMessage()).startsWith("pipeline task \"t\": when: invalid cel expression: "
              + "$(params.branch) == 'main' with err: ");
        });
    WhenExpression both = new WhenExpression("a", "in", List.of("a"));
    both.setCel("true");
    assertThatThrownBy(() -> CelWhen.validate("t", both))
        .hasMessageContaining("cel and input+operator+values cannot be set in one WhenExpression");
  }

  @Test
  void expressionsOfParamsAndContextAreEvaluatedUpFrontAndOthersWait() {
    PipelineSpec failing = Serialization.unmarshal("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}, when: [{cel: "int('$(params.n)') > 1"}]}
        """, PipelineSpec.class);
    PipelineSpec later = Serialization.unmarshal("""
        tasks:
        - {name: a, taskRef: {name: t}}
        - {name: b, taskRef: {name: t}, when: [{cel: "int('$(tasks.a.results.r)') > 1"}]}
        - {name: c, taskRef: {name: t}, when: [{cel: "'$(params.branch)' == 'dev'"}]}
        """, PipelineSpec.class);

    assertThatThrownBy(() -> CelWhen.evaluateUpFront(failing, PARAMS, Map.of(), "pr"))
        .isInstanceOfSatisfying(InvalidPipelineException.class,
            e -> assertThat(e.reason()).isEqualTo(PipelineRunReason.CEL_EVALUATION_FAILED));
    assertThatCode(() -> CelWhen.evaluateUpFront(later, PARAMS, Map.of(), "pr")).doesNotThrowAnyException();
  }
}
