package dev.customtasks.crds.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.TektonYaml;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineTaskTest {

  private final PipelineSpec spec = TektonYaml.read("tekton/pipeline.yaml", Pipeline.class).getSpec();

  private PipelineTask task(String name) {
    return spec.task(name).orElseThrow();
  }

  @Test
  void classifiesTasksAsTektonDoes() {
    assertThat(task("build").isCustomTask()).isFalse();
    assertThat(task("smoke-test").isCustomTask()).isFalse();
    assertThat(task("notify").isCustomTask()).as("finally task").isFalse();
    assertThat(task("wait-for-window").customKind()).contains(new TaskKind("customtasks.dev/v1alpha1", "Wait"));
    assertThat(task("approve").customKind()).contains(new TaskKind("customtasks.dev/v1alpha1", "Approval"));
  }

  @Test
  void aTaskRefNeedsBothApiVersionAndKindToBeCustom() {
    assertThat(withRef(null, "Task").isCustomTask()).isFalse();
    assertThat(withRef(null, "Wait").isCustomTask()).isFalse();
    assertThat(withRef("customtasks.dev/v1alpha1", null).isCustomTask()).isFalse();
    assertThat(withRef("customtasks.dev/v1alpha1", " ").isCustomTask()).isFalse();
    assertThat(withRef("tekton.dev/v1", "Pipeline").customKind())
        .as("pipeline-in-pipeline through a custom task").contains(new TaskKind("tekton.dev/v1", "Pipeline"));
    assertThat(new PipelineTask("empty").isCustomTask()).isFalse();
  }

  @Test
  void anEmbeddedOrdinaryTaskIsNotCustom() {
    PipelineTask pt = new PipelineTask("inline");
    pt.setTaskSpec(new EmbeddedTask());
    pt.getTaskSpec().setSteps(List.of(Map.of("name", "echo", "image", "alpine")));
    assertThat(pt.isCustomTask()).isFalse();
  }

  private static PipelineTask withRef(String apiVersion, String kind) {
    PipelineTask pt = new PipelineTask("t");
    pt.setTaskRef(new TaskRef(apiVersion, kind, "x"));
    return pt;
  }

  @Test
  void readsTheDagAndItsGuards() {
    assertThat(task("approve").getRunAfter()).containsExactly("wait-for-window");
    assertThat(task("approve").getWhen()).hasSize(2);
    WhenExpression values = task("approve").getWhen().get(0);
    assertThat(values.getInput()).isEqualTo("$(params.channel)");
    assertThat(values.getOperator()).isEqualTo(WhenExpression.IN);
    assertThat(values.getValues()).containsExactly("stable");
    assertThat(task("approve").getWhen().get(1).getCel()).isEqualTo("'$(tasks.build.results.digest)' != ''");
    assertThat(task("approve").getTaskSpec().getSpec()).containsEntry("required", 1);
    assertThat(task("approve").getTaskSpec().getMetadata().getLabels())
        .containsEntry("approval.customtasks.dev/gate", "release");
    assertThat(spec.getFinally()).extracting(PipelineTask::getName).containsExactly("notify");
  }

  @Test
  void readsTaskSettings() {
    assertThat(task("build").getRetries()).isEqualTo(1);
    assertThat(task("build").timeoutDuration()).contains(Duration.ofMinutes(20));
    assertThat(task("wait-for-window").timeoutDuration()).contains(Duration.ofHours(24));
    assertThat(task("approve").timeoutDuration()).isEmpty();
    assertThat(task("deploy").getOnError()).isEqualTo(PipelineTask.ON_ERROR_CONTINUE);
    assertThat(task("deploy").isMatrixed()).isTrue();
    assertThat(task("build").isMatrixed()).isFalse();
    assertThat(task("smoke-test").getTaskSpec().getResults()).extracting(TaskResult::getName).containsExactly("status");
  }

  @Test
  void readsParamSpecsAndResults() {
    assertThat(spec.getParams()).extracting(ParamSpec::getName, ParamSpec::getType).containsExactly(
        tuple("version", "string"),
        tuple("regions", "array"),
        tuple("window", "object"),
        tuple("channel", "string"));
    assertThat(spec.getParams().get(0).getDefault()).isNull();
    assertThat(spec.getParams().get(1).getDefault()).isEqualTo(ParamValue.ofArray(List.of("eu-west-1", "us-east-1")));
    assertThat(spec.getParams().get(2).getProperties()).containsOnlyKeys("cron", "zone");
    assertThat(spec.getParams().get(3).getEnum()).containsExactly("stable", "beta");
    assertThat(spec.getResults()).extracting(r -> r.getValue().type())
        .containsExactly(ParamValue.Type.STRING, ParamValue.Type.ARRAY, ParamValue.Type.OBJECT);
    assertThat(spec.getResults().get(0).getDescription()).isEmpty();
  }

  @Test
  void writesSpecNullOnlyWhenAsked() {
    EmbeddedTask task = new EmbeddedTask();
    assertThat(TektonYaml.written(task).has("spec")).isFalse();
    task.setSpec(null);
    assertThat(TektonYaml.written(task).get("spec").isNull()).isTrue();
    task.setSpec(Map.of("a", "b"));
    assertThat(TektonYaml.written(task).get("spec").get("a").asText()).isEqualTo("b");
  }
}
