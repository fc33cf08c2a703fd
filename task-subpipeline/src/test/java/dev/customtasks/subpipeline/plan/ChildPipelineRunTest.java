package dev.customtasks.subpipeline.plan;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.subpipeline.SubPipelineTask;
import dev.customtasks.subpipeline.api.SubPipelineSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The child PipelineRun's spec and metadata, built without a server. */
class ChildPipelineRunTest {

  private static final Nesting NESTING = new Nesting(List.of("release", "build"), 1);

  private static CustomRun run() {
    CustomRun run = customRun("release-build").ref(SubPipelineTask.PIPELINE_V1, "build")
        .label("tekton.dev/pipelineRun", "release").label("tekton.dev/pipelineTask", "build").build();
    run.getMetadata().setAnnotations(new LinkedHashMap<>(Map.of("team", "blue",
        "kubectl.kubernetes.io/last-applied-configuration", "{}")));
    run.getSpec().setServiceAccountName("builder");
    run.getSpec().setWorkspaces(List.of(
        new LinkedHashMap<>(Map.of("name", "source", "persistentVolumeClaim", Map.of("claimName", "src"))),
        new LinkedHashMap<>(Map.of("name", "cache", "emptyDir", Map.of()))));
    return run;
  }

  private static Map<String, ParamValue> params() {
    Map<String, ParamValue> params = new LinkedHashMap<>();
    params.put("revision", ParamValue.of("abc"));
    params.put("targets", ParamValue.ofArray(List.of("a", "b")));
    params.put("image", ParamValue.ofObject(Map.of("repo", "r")));
    return params;
  }

  @Test
  void aNamedPipelineBecomesAPipelineRefWithTheRunsParamsServiceAccountWorkspacesAndTimeLeft() {
    SubPipelinePlan plan = new SubPipelinePlan(new PipelineSource.Named("build"), params(), null, null);
    PipelineRun child = ChildPipelineRun.build("release-build", plan, NESTING, run(),
        Optional.of(Duration.ofMillis(4500)));

    assertThat(child.getMetadata().getName()).isEqualTo("release-build");
    assertThat(child.getSpec().getPipelineRef().getName()).isEqualTo("build");
    assertThat(child.getSpec().getPipelineSpec()).isNull();
    assertThat(child.getSpec().getParams()).extracting(p -> p.getName() + "=" + p.getValue())
        .containsExactly("revision=abc", "targets=[a, b]", "image={repo=r}");
    assertThat(child.getSpec().getTimeouts().getPipeline()).isEqualTo("4.5s");
    assertThat(child.getSpec().getTaskRunTemplate().getServiceAccountName()).isEqualTo("builder");
    assertThat(child.getSpec().getWorkspaces()).extracting(w -> w.get("name")).containsExactly("source", "cache");
    assertThat(child.getMetadata().getLabels())
        .containsEntry("tekton.dev/customRun", "release-build")
        .containsEntry("tekton.dev/pipeline", "build")
        .containsEntry(Nesting.DEPTH_LABEL, "1");
    assertThat(child.getMetadata().getAnnotations())
        .containsEntry("team", "blue")
        .containsEntry(Nesting.CHAIN_ANNOTATION, "release > build")
        .doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration");
  }

  @Test
  void anEmbeddedPipelineBecomesAPipelineSpecAndNoTimeoutWhenTheRunHasNone() {
    PipelineSpec spec = Serialization.unmarshal("tasks: [{name: a, taskRef: {name: t}}]", PipelineSpec.class);
    SubPipelinePlan plan = new SubPipelinePlan(new PipelineSource.Embedded(spec), Map.of(), null, null);
    PipelineRun child = ChildPipelineRun.build("r", plan, new Nesting(List.of("(embedded)"), 1), run(),
        Optional.empty());
    assertThat(child.getSpec().getPipelineRef()).isNull();
    assertThat(child.getSpec().getPipelineSpec().getTasks()).extracting(t -> t.getName()).containsExactly("a");
    assertThat(child.getSpec().getTimeouts()).isNull();
    assertThat(child.getSpec().getParams()).isNull();
    assertThat(child.getMetadata().getLabels()).containsEntry("tekton.dev/pipeline", "r");
  }

  @Test
  void subPipelineOptionsMapWorkspacesAddMetadataAndSetTheTaskRunTemplate() {
    JsonNode podTemplate = Serialization.jsonMapper().valueToTree(Map.of("nodeSelector", Map.of("pool", "ci")));
    SubPipelineSpec options = new SubPipelineSpec(new SubPipelineSpec.PipelineName("build"), null,
        List.of(new SubPipelineSpec.WorkspaceMapping("src", "source", "app")),
        Map.of("tier", "child"), Map.of("note", "nested"), false,
        new SubPipelineSpec.TaskRunTemplate("robot", podTemplate));
    SubPipelinePlan plan = new SubPipelinePlan(new PipelineSource.Named("build"), Map.of(), options, null);
    PipelineRun child = ChildPipelineRun.build("r", plan, NESTING, run(), Optional.empty());

    assertThat(child.getSpec().getWorkspaces()).containsExactly(
        Map.of("name", "src", "persistentVolumeClaim", Map.of("claimName", "src"), "subPath", "app"),
        Map.of("name", "cache", "emptyDir", Map.of()));
    assertThat(child.getMetadata().getLabels()).containsEntry("tier", "child");
    assertThat(child.getMetadata().getAnnotations()).containsEntry("note", "nested").doesNotContainKey("team");
    assertThat(child.getSpec().getTaskRunTemplate().getServiceAccountName()).isEqualTo("robot");
    assertThat(child.getSpec().getTaskRunTemplate().getPodTemplate()).isEqualTo(
        Map.of("nodeSelector", Map.of("pool", "ci")));
  }

  @Test
  void aMappingFromAWorkspaceTheRunDoesNotHaveIsInvalidSpec() {
    SubPipelineSpec options = new SubPipelineSpec(new SubPipelineSpec.PipelineName("build"), null,
        List.of(new SubPipelineSpec.WorkspaceMapping("src", "sources", null)), null, null, null, null);
    SubPipelinePlan plan = new SubPipelinePlan(new PipelineSource.Named("build"), Map.of(), options, null);
    assertThatThrownBy(() -> ChildPipelineRun.build("r", plan, NESTING, run(), Optional.empty()))
        .hasMessage("workspaces: \"src\" maps the run's workspace \"sources\", which the run was not given; "
            + "it has: source, cache");
  }
}
