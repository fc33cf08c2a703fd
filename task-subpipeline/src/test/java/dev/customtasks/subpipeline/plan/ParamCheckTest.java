package dev.customtasks.subpipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.controller.InvalidInputException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run's params against the params the child pipeline declares. */
class ParamCheckTest {

  private static final PipelineSpec BUILD = Serialization.unmarshal("""
      params:
      - {name: revision}
      - {name: targets, type: array}
      - {name: image, type: object, properties: {repo: {}, tag: {}}}
      - {name: mode, default: fast}
      - {name: flags, default: [a, b]}
      tasks: []
      """, PipelineSpec.class);

  private static Map<String, ParamValue> params(Object... nameValue) {
    Map<String, ParamValue> map = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      Object v = nameValue[i + 1];
      @SuppressWarnings("unchecked")
      ParamValue value = v instanceof List<?> l ? ParamValue.ofArray((List<String>) l)
          : v instanceof Map<?, ?> m ? ParamValue.ofObject((Map<String, String>) m) : ParamValue.of((String) v);
      map.put((String) nameValue[i], value);
    }
    return map;
  }

  private static final Map<String, ParamValue> ALL_REQUIRED = params("revision", "abc", "targets", List.of("x"),
      "image", Map.of("repo", "r", "tag", "t"));

  @Test
  void declaredParamsOfTheRightTypeWithEveryRequiredOnePass() {
    assertThatCode(() -> ParamCheck.check(ALL_REQUIRED, BUILD, "Pipeline \"build\"")).doesNotThrowAnyException();
    Map<String, ParamValue> withDefaults = new LinkedHashMap<>(ALL_REQUIRED);
    withDefaults.put("flags", ParamValue.ofArray(List.of("c")));
    assertThatCode(() -> ParamCheck.check(withDefaults, BUILD, "Pipeline \"build\"")).doesNotThrowAnyException();
  }

  @Test
  void anUndeclaredParamIsNamedWithWhatIsDeclared() {
    Map<String, ParamValue> extra = new LinkedHashMap<>(ALL_REQUIRED);
    extra.put("colour", ParamValue.of("red"));
    assertThatThrownBy(() -> ParamCheck.check(extra, BUILD, "Pipeline \"build\""))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.reason()).isEqualTo("InvalidParams");
          assertThat(e.getMessage()).isEqualTo("param \"colour\": Pipeline \"build\" declares no such param; "
              + "it declares: revision, targets, image, mode, flags");
        });
  }

  @Test
  void aMissingRequiredParamIsNamed() {
    assertThatThrownBy(() -> ParamCheck.check(params("targets", List.of("x")), BUILD, "Pipeline \"build\""))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.reason()).isEqualTo("InvalidParams");
          assertThat(e.getMessage()).isEqualTo("param \"revision\": required by Pipeline \"build\" (it has no "
              + "default) and not given; also missing: image");
        });
  }

  @Test
  void aValueOfTheWrongTypeIsNamed() {
    Map<String, ParamValue> wrong = new LinkedHashMap<>(ALL_REQUIRED);
    wrong.put("targets", ParamValue.of("x"));
    assertThatThrownBy(() -> ParamCheck.check(wrong, BUILD, "Pipeline \"build\""))
        .hasMessage("param \"targets\": Pipeline \"build\" declares it an array, got a string");
    Map<String, ParamValue> inferred = new LinkedHashMap<>(ALL_REQUIRED);
    inferred.put("flags", ParamValue.of("c"));
    assertThatThrownBy(() -> ParamCheck.check(inferred, BUILD, "Pipeline \"build\""))
        .as("an untyped param takes its default's type")
        .hasMessage("param \"flags\": Pipeline \"build\" declares it an array, got a string");
  }

  @Test
  void aPipelineWithoutParamsTakesNone() {
    PipelineSpec none = Serialization.unmarshal("tasks: []", PipelineSpec.class);
    assertThatThrownBy(() -> ParamCheck.check(params("x", "1"), none, "the embedded pipeline"))
        .hasMessage("param \"x\": the embedded pipeline declares no such param (it declares none)");
  }

  @Test
  void paramsKeepTheRunsOrderAndShapes() {
    assertThat(ParamCheck.asParams(ALL_REQUIRED)).extracting(p -> p.getName() + "=" + p.getValue().type())
        .containsExactly("revision=STRING", "targets=ARRAY", "image=OBJECT");
  }
}
