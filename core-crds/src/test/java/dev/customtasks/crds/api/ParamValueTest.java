package dev.customtasks.crds.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.customtasks.crds.api.customrun.CustomRun;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamValueTest {

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  private ParamValue read(String text) throws Exception {
    return yaml.readValue(text, ParamValue.class);
  }

  private Param readParam(String text) throws Exception {
    return yaml.readValue(text, Param.class);
  }

  @Test
  void readsAString() throws Exception {
    ParamValue value = read("\"1h0m0s\"");
    assertThat(value.type()).isEqualTo(ParamValue.Type.STRING);
    assertThat(value.asString()).isEqualTo("1h0m0s");
  }

  @Test
  void readsAnArray() throws Exception {
    ParamValue value = read("[a, b]");
    assertThat(value.type()).isEqualTo(ParamValue.Type.ARRAY);
    assertThat(value.asArray()).containsExactly("a", "b");
  }

  @Test
  void readsAnObjectInOrder() throws Exception {
    ParamValue value = read("{zone: Europe/Paris, cron: '0 22 * * *'}");
    assertThat(value.type()).isEqualTo(ParamValue.Type.OBJECT);
    assertThat(value.asObject()).containsExactly(Map.entry("zone", "Europe/Paris"), Map.entry("cron", "0 22 * * *"));
  }

  @Test
  void readsYamlScalarsAsStrings() throws Exception {
    assertThat(readParam("{name: count, value: 3}").getValue()).isEqualTo(ParamValue.of("3"));
    assertThat(readParam("{name: dryRun, value: true}").getValue()).isEqualTo(ParamValue.of("true"));
    assertThat(read("[1, two]")).isEqualTo(ParamValue.ofArray(List.of("1", "two")));
  }

  @Test
  void readsANestedValueAsMalformedNamingTheProblem() throws Exception {
    assertThat(read("{outer: {inner: x}}").problem())
        .contains("object key \"outer\" must be a string, not an object");
    assertThat(read("[[a]]").problem()).contains("an array item must be a string, not an array");
    assertThatThrownBy(() -> read("[[a]]").asArray()).hasMessageContaining("malformed value");
  }

  @Test
  void aRunWithANestedValueStaysReadableAndKeepsTheValue() throws Exception {
    String run = """
        apiVersion: tekton.dev/v1beta1
        kind: CustomRun
        metadata: {name: bad}
        spec:
          params:
            - name: p
              value: {outer: {inner: x}}
        """;
    CustomRun parsed = Serialization.unmarshal(run, CustomRun.class);

    ParamValue value = parsed.getSpec().getParams().get(0).getValue();
    assertThat(value.problem()).isPresent();
    assertThat(new ObjectMapper().writeValueAsString(value)).isEqualTo("{\"outer\":{\"inner\":\"x\"}}");
  }

  @Test
  void writesTheBareValue() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(json.writeValueAsString(new Param("p", ParamValue.of("x")))).isEqualTo("{\"name\":\"p\",\"value\":\"x\"}");
    assertThat(json.writeValueAsString(ParamValue.ofArray(List.of("a", "b")))).isEqualTo("[\"a\",\"b\"]");
    assertThat(json.writeValueAsString(ParamValue.ofObject(Map.of("k", "v")))).isEqualTo("{\"k\":\"v\"}");
  }

  @Test
  void namesTheActualShapeOnMisuse() {
    assertThatIllegalStateException().isThrownBy(() -> ParamValue.of("x").asArray())
        .withMessageContaining("array value").withMessageEndingWith("got a string");
  }
}
