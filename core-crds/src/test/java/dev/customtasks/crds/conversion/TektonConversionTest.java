package dev.customtasks.crds.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.customtasks.crds.api.TektonYaml;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tekton's own v1beta1 examples ({@code tekton/v1beta1/}) go to v1 and back unchanged, but for
 * what Tekton's conversion also changes (a ParamSpec's type defaulted to {@code string}, {@code
 * timeout} written back as {@code timeouts.pipeline}); and each renamed or refused field, as
 * tektoncd/pipeline's {@code pkg/apis/pipeline/v1beta1/*_conversion_test.go} check them.
 */
class TektonConversionTest {

  static Stream<Arguments> examples() {
    List<Arguments> documents = new ArrayList<>();
    for (String file : List.of("pipeline-timeout.yaml", "pipelinerun-taskrunspecs.yaml",
        "pipelinerun-with-when-expressions.yaml", "pipelinerun-results.yaml", "steptemplate-env-merge.yaml",
        "dind-sidecar.yaml", "pipelinerun-with-matrix.yaml", "wait-task-beta-pipelinerun.yaml")) {
      List<JsonNode> objects = documents("tekton/v1beta1/" + file);
      for (int i = 0; i < objects.size(); i++) {
        documents.add(Arguments.of(file + "#" + i + " " + objects.get(i).path("kind").asText(), objects.get(i)));
      }
    }
    return documents.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void roundTripsTektonsExamples(String name, JsonNode v1beta1) {
    ObjectNode v1 = TektonConversion.convert(v1beta1, TektonConversion.V1);
    ObjectNode back = TektonConversion.convert(v1, TektonConversion.V1BETA1);

    assertThat(v1.path("apiVersion").asText()).isEqualTo("tekton.dev/v1");
    assertThat(v1.toString()).doesNotContain("\"timeout\":\"1h30m\"").doesNotContain("taskPodTemplate");
    assertThat(back).isEqualTo(asTektonWritesItBack(v1beta1));
  }

  @Test
  void pipelineRunTimeoutBecomesTheTimeoutsPipeline() {
    JsonNode v1 = TektonConversion.convert(documents("tekton/v1beta1/pipeline-timeout.yaml").get(1),
        TektonConversion.V1);

    assertThat(v1.at("/spec/timeouts")).isEqualTo(json("{\"pipeline\":\"1h30m\"}"));
    assertThat(v1.at("/spec/timeout").isMissingNode()).isTrue();
  }

  @Test
  void serviceAccountAndPodTemplateMoveUnderTheTaskRunTemplate() {
    JsonNode v1 = TektonConversion.convert(json("""
        {"apiVersion":"tekton.dev/v1beta1","kind":"PipelineRun","metadata":{"name":"r"},
         "spec":{"pipelineRef":{"name":"p"},"serviceAccountName":"builder","podTemplate":{"nodeSelector":{"a":"b"}},
          "taskRunSpecs":[{"pipelineTaskName":"t","taskServiceAccountName":"deployer",
            "taskPodTemplate":{"hostNetwork":true},
            "stepOverrides":[{"name":"s","resources":{"requests":{"memory":"1Gi"}}}],
            "sidecarOverrides":[{"name":"c","resources":{"limits":{"cpu":"1"}}}],
            "metadata":{"labels":{"l":"v"}},"timeout":"45m"}]}}
        """), TektonConversion.V1);

    assertThat(v1.at("/spec/taskRunTemplate")).isEqualTo(json(
        "{\"serviceAccountName\":\"builder\",\"podTemplate\":{\"nodeSelector\":{\"a\":\"b\"}}}"));
    assertThat(v1.at("/spec/serviceAccountName").isMissingNode()).isTrue();
    assertThat(v1.at("/spec/taskRunSpecs/0")).isEqualTo(json("""
        {"pipelineTaskName":"t","serviceAccountName":"deployer","podTemplate":{"hostNetwork":true},
         "stepSpecs":[{"name":"s","computeResources":{"requests":{"memory":"1Gi"}}}],
         "sidecarSpecs":[{"name":"c","computeResources":{"limits":{"cpu":"1"}}}],
         "metadata":{"labels":{"l":"v"}},"timeout":"45m"}
        """));

    JsonNode back = TektonConversion.convert(v1, TektonConversion.V1BETA1);
    assertThat(back.at("/spec/serviceAccountName").asText()).isEqualTo("builder");
    assertThat(back.at("/spec/taskRunTemplate").isMissingNode()).isTrue();
    assertThat(back.at("/spec/taskRunSpecs/0/taskServiceAccountName").asText()).isEqualTo("deployer");
    assertThat(back.at("/spec/taskRunSpecs/0/stepOverrides/0/resources/requests/memory").asText()).isEqualTo("1Gi");
  }

  @Test
  void containerResourcesBecomeComputeResources() {
    JsonNode v1 = TektonConversion.convert(documents("tekton/v1beta1/dind-sidecar.yaml").get(0), TektonConversion.V1);

    assertThat(v1.at("/spec/taskSpec/sidecars/0/computeResources").isObject()).isTrue();
    assertThat(v1.at("/spec/taskSpec/sidecars/0/resources").isMissingNode()).isTrue();
  }

  @Test
  void resultsAreRenamedInStatus() {
    JsonNode pipelineRun = TektonConversion.convert(json("""
        {"apiVersion":"tekton.dev/v1","kind":"PipelineRun","metadata":{"name":"r"},"spec":{},
         "status":{"results":[{"name":"sum","value":"3"}]}}
        """), TektonConversion.V1BETA1);
    JsonNode taskRun = TektonConversion.convert(json("""
        {"apiVersion":"tekton.dev/v1beta1","kind":"TaskRun","metadata":{"name":"t"},"spec":{},
         "status":{"taskResults":[{"name":"sum","type":"string","value":"3"}],
           "cloudEvents":[{"target":"http://sink"}]}}
        """), TektonConversion.V1);

    assertThat(pipelineRun.at("/status/pipelineResults/0/value").asText()).isEqualTo("3");
    assertThat(pipelineRun.at("/status/results").isMissingNode()).isTrue();
    assertThat(taskRun.at("/status/results/0/value").asText()).isEqualTo("3");
    assertThat(taskRun.at("/metadata/annotations/tekton.dev~1v1beta1CloudEvents").asText())
        .isEqualTo("[{\"target\":\"http://sink\"}]");
    JsonNode back = TektonConversion.convert(taskRun, TektonConversion.V1BETA1);
    assertThat(back.at("/status/cloudEvents/0/target").asText()).isEqualTo("http://sink");
    assertThat(back.at("/metadata/annotations").isMissingNode()).isTrue();
  }

  @Test
  void stepStatesCarryTheTerminationReasonInV1Only() {
    JsonNode v1beta1 = json("""
        {"apiVersion":"tekton.dev/v1beta1","kind":"TaskRun","metadata":{"name":"t"},"spec":{},
         "status":{"steps":[{"name":"s","container":"step-s","terminated":{"exitCode":0,"reason":"Completed"}}],
           "provenance":{"configSource":{"uri":"git"},"refSource":{"uri":"git"}}}}
        """);

    JsonNode v1 = TektonConversion.convert(v1beta1, TektonConversion.V1);

    assertThat(v1.at("/status/steps/0/terminationReason").asText()).isEqualTo("Completed");
    assertThat(v1.at("/status/provenance")).isEqualTo(json("{\"refSource\":{\"uri\":\"git\"}}"));
    assertThat(TektonConversion.convert(v1, TektonConversion.V1BETA1).at("/status/steps/0"))
        .isEqualTo(v1beta1.at("/status/steps/0"));
  }

  @Test
  void deprecatedStepFieldsWaitInAnAnnotation() {
    JsonNode task = json("""
        {"apiVersion":"tekton.dev/v1beta1","kind":"Task","metadata":{"name":"t"},
         "spec":{"steps":[{"name":"a","image":"busybox","ports":[{"containerPort":80}],"tty":true},
                          {"name":"b","image":"busybox"}],
                 "stepTemplate":{"name":"tpl","image":"alpine"}}}
        """);

    JsonNode v1 = TektonConversion.convert(task, TektonConversion.V1);

    assertThat(v1.at("/spec/steps/0")).isEqualTo(json("{\"name\":\"a\",\"image\":\"busybox\"}"));
    assertThat(v1.at("/spec/stepTemplate")).isEqualTo(json("{\"image\":\"alpine\"}"));
    assertThat(json(v1.at("/metadata/annotations/tekton.dev~1v1beta1.task-deprecations").asText())).isEqualTo(json("""
        {"t":{"deprecatedSteps":[{"name":"","ports":[{"containerPort":80}],"tty":true},{"name":""}],
              "deprecatedStepTemplate":{"name":"tpl"}}}
        """));
    assertThat(TektonConversion.convert(v1, TektonConversion.V1BETA1)).isEqualTo(task);
  }

  @Test
  void refusesWhatV1beta1NoLongerAccepts() {
    assertRefused("""
        {"apiVersion":"tekton.dev/v1beta1","kind":"PipelineRun","metadata":{"name":"r"},
         "spec":{"pipelineRef":{"name":"p"},"resources":[{"name":"git","resourceRef":{"name":"repo"}}]}}
        """, "must not set the field(s): spec.resources");
    assertRefused("""
        {"apiVersion":"tekton.dev/v1beta1","kind":"Pipeline","metadata":{"name":"p"},
         "spec":{"tasks":[{"name":"a","taskRef":{"name":"x"}},
                          {"name":"b","taskRef":{"name":"x"},"resources":{"inputs":[{"name":"src","resource":"git"}]}}]}}
        """, "must not set the field(s): spec.tasks[1].resources");
    assertRefused("""
        {"apiVersion":"tekton.dev/v1beta1","kind":"Task","metadata":{"name":"t"},
         "spec":{"resources":{"inputs":[{"name":"src","type":"git"}]},"steps":[{"image":"busybox"}]}}
        """, "must not set the field(s): spec.resources");
    assertRefused("""
        {"apiVersion":"tekton.dev/v1beta1","kind":"TaskRun","metadata":{"name":"t"},
         "spec":{"taskRef":{"name":"t","bundle":"registry/b:1"}}}
        """, "must not set the field(s): spec.taskRef.bundle");
    assertRefused("""
        {"apiVersion":"tekton.dev/v1beta1","kind":"PipelineRun","metadata":{"name":"r"},
         "spec":{"pipelineSpec":{"finally":[{"name":"f","taskSpec":{"resources":{"outputs":[]},
           "steps":[{"image":"busybox"}]}}]}}}
        """, "must not set the field(s): spec.pipelineSpec.finally[0].taskSpec.resources");
  }

  @Test
  void anEmptyResourcesIsNotRefused() {
    JsonNode v1 = TektonConversion.convert(json("""
        {"apiVersion":"tekton.dev/v1beta1","kind":"Pipeline","metadata":{"name":"p"},"spec":{"resources":[],"tasks":[]}}
        """), TektonConversion.V1);

    assertThat(v1.at("/apiVersion").asText()).isEqualTo("tekton.dev/v1");
  }

  @Test
  void refusesOtherKindsAndVersions() {
    assertThatThrownBy(() -> TektonConversion.convert(json(
        "{\"apiVersion\":\"tekton.dev/v1beta1\",\"kind\":\"CustomRun\"}"), TektonConversion.V1))
        .isInstanceOf(ConversionException.class).hasMessageContaining("no conversion for kind \"CustomRun\"");
    assertThatThrownBy(() -> TektonConversion.convert(json(
        "{\"apiVersion\":\"tekton.dev/v1alpha1\",\"kind\":\"Pipeline\"}"), TektonConversion.V1))
        .isInstanceOf(ConversionException.class)
        .hasMessage("cannot convert Pipeline from \"tekton.dev/v1alpha1\" to \"tekton.dev/v1\": only tekton.dev/v1beta1 "
            + "and tekton.dev/v1 are served");
  }

  @Test
  void anObjectInTheDesiredVersionIsCopiedUnchanged() {
    JsonNode v1 = json("{\"apiVersion\":\"tekton.dev/v1\",\"kind\":\"Task\",\"spec\":{\"params\":[{\"name\":\"x\"}]}}");

    ObjectNode copy = TektonConversion.convert(v1, TektonConversion.V1);

    assertThat(copy).isEqualTo(v1).isNotSameAs(v1);
  }

  private static void assertRefused(String object, String message) {
    assertThatThrownBy(() -> TektonConversion.convert(json(object), TektonConversion.V1))
        .isInstanceOf(ConversionException.class).hasMessage(message);
  }

  /** What a round trip gives for {@code v1beta1} in Tekton: defaulted param types, timeout as timeouts. */
  private static JsonNode asTektonWritesItBack(JsonNode v1beta1) {
    ObjectNode expected = v1beta1.deepCopy();
    expected.findParents("params").forEach(parent -> {
      if (parent.has("steps") || parent.has("tasks") || parent.has("finally")) {
        parent.get("params").forEach(p -> {
          if (!p.has("type")) {
            ((ObjectNode) p).put("type", "string");
          }
        });
      }
    });
    JsonNode spec = expected.get("spec");
    if (spec instanceof ObjectNode s && s.has("timeout")) {
      s.putObject("timeouts").set("pipeline", s.remove("timeout"));
    }
    // pipelinerun-taskrunspecs.yaml writes v1's serviceAccountName in a v1beta1 taskRunSpec: it is
    // read as the service account it means, and written back under v1beta1's name.
    expected.findParents("pipelineTaskName").forEach(taskRunSpec -> {
      if (taskRunSpec.has("serviceAccountName")) {
        ((ObjectNode) taskRunSpec).set("taskServiceAccountName", ((ObjectNode) taskRunSpec).remove("serviceAccountName"));
      }
    });
    return expected;
  }

  static List<JsonNode> documents(String resource) {
    try {
      return Serialization.yamlMapper().readerFor(JsonNode.class).<JsonNode>readValues(TektonYaml.bytes(resource))
          .readAll().stream().filter(JsonNode::isObject).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return Serialization.jsonMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
