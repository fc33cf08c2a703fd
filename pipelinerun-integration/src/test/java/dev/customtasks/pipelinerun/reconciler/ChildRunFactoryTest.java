package dev.customtasks.pipelinerun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunReason;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.PipelineTask;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.pipelinerun.validation.InvalidPipelineException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The child runs of pipeline tasks, field by field as Tekton's {@code createCustomRun} and
 * {@code createTaskRun} make them (inputs shaped after Tekton's reconciler tests).
 */
class ChildRunFactoryTest {

  private static final String CUSTOM_TASK = """
      name: c
      taskRef: {apiVersion: example.dev/v0, kind: Example}
      workspaces: [{name: w, workspace: ws, subPath: bar}]
      """;

  private static PipelineRun run(String yaml) {
    PipelineRun run = Serialization.unmarshal("apiVersion: tekton.dev/v1\nkind: PipelineRun\n" + yaml,
        PipelineRun.class);
    run.getMetadata().setNamespace("ns");
    run.getMetadata().setUid("uid-1");
    return run;
  }

  private static PipelineTask task(String yaml) {
    return Serialization.unmarshal(yaml, PipelineTask.class);
  }

  private static CustomRun customRun(PipelineRun run, PipelineTask task, boolean isFinally) {
    return (CustomRun) ChildRunFactory.build(run, PipelineResolver.pipelineName(run), task, isFinally, List.of(),
        ChildRunFactory.timeout(run, task, isFinally));
  }

  @Test
  void theIssuesCustomRunIsTektonsFieldForField() {
    PipelineRun run = run("""
        metadata: {name: r}
        spec:
          pipelineRef: {name: p}
          workspaces: [{name: ws, persistentVolumeClaim: {claimName: pvc}, subPath: foo}]
          taskRunSpecs: [{pipelineTaskName: c, timeout: 45m}]
        """);

    CustomRun c = customRun(run, task(CUSTOM_TASK), false);

    assertThat(c.getSpec().getServiceAccountName()).isEqualTo("default");
    assertThat(c.getSpec().getTimeout()).isEqualTo("45m0s");
    assertThat(c.getSpec().getWorkspaces()).containsExactly(
        Map.of("name", "w", "persistentVolumeClaim", Map.of("claimName", "pvc"), "subPath", "foo/bar"));
    // sha256("ws" + "r") starts 77c095aaf5
    assertThat(c.getMetadata().getAnnotations())
        .containsExactly(Map.entry("pipeline.tekton.dev/affinity-assistant", "affinity-assistant-77c095aaf5"));
    assertThat(c.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
        TektonLabels.PIPELINE, "p", TektonLabels.PIPELINE_RUN, "r", TektonLabels.PIPELINE_RUN_UID, "uid-1",
        TektonLabels.PIPELINE_TASK, "c", TektonLabels.MEMBER_OF, TektonLabels.MEMBER_OF_TASKS));
    assertThat(c.getSpec().getCustomRef().getKind()).isEqualTo("Example");
  }

  @Test
  void theAffinityAssistantNameIsTektonsForItsOwnFixture() {
    // pipelinerun_test.go: workspace ws-1 of run test-pipeline-run-variable-substitution
    assertThat(AffinityAssistant.name("ws-1", "test-pipeline-run-variable-substitution"))
        .isEqualTo("affinity-assistant-0358aabfa2");
  }

  @Test
  void theServiceAccountIsTheTemplatesOrTheTaskRunSpecsOrDefault() {
    PipelineTask c = task(CUSTOM_TASK);
    assertThat(customRun(run("metadata: {name: r}\nspec: {pipelineRef: {name: p}}"), c, false)
        .getSpec().getServiceAccountName()).isEqualTo("default");
    PipelineRun withTemplate = run("""
        metadata: {name: r}
        spec: {pipelineRef: {name: p}, taskRunTemplate: {serviceAccountName: builder}}
        """);
    assertThat(customRun(withTemplate, c, false).getSpec().getServiceAccountName()).isEqualTo("builder");
    PipelineRun withTaskRunSpec = run("""
        metadata: {name: r}
        spec:
          pipelineRef: {name: p}
          taskRunTemplate: {serviceAccountName: builder}
          taskRunSpecs: [{pipelineTaskName: c, serviceAccountName: deployer}, {pipelineTaskName: other}]
        """);
    assertThat(customRun(withTaskRunSpec, c, false).getSpec().getServiceAccountName()).isEqualTo("deployer");
  }

  @Test
  void noTimeoutIsSetWhereTektonLeavesItUnset() {
    PipelineTask c = task(CUSTOM_TASK);
    assertThat(customRun(run("metadata: {name: r}\nspec: {pipelineRef: {name: p}}"), c, false).getSpec().getTimeout())
        .as("no timeouts at all").isNull();
    assertThat(customRun(run("metadata: {name: r}\nspec: {pipelineRef: {name: p}, timeouts: {pipeline: 2h}}"), c,
        false).getSpec().getTimeout()).as("the pipeline timeout is the PipelineRun's own").isNull();
    assertThat(customRun(run("metadata: {name: r}\nspec: {pipelineRef: {name: p}, timeouts: {tasks: 10m}}"), c,
        false).getSpec().getTimeout()).as("a tasks timeout under the default").isNull();
  }

  @Test
  void aTasksOrFinallyTimeoutOverTheDefaultOrZeroIsPassedOn() {
    PipelineTask c = task(CUSTOM_TASK);
    PipelineRun long1 = run("""
        metadata: {name: r}
        spec: {pipelineRef: {name: p}, timeouts: {pipeline: 3h, tasks: 90m}}
        """);
    assertThat(customRun(long1, c, false).getSpec().getTimeout()).isEqualTo("1h30m0s");
    assertThat(customRun(long1, c, true).getSpec().getTimeout()).as("finally: pipeline - tasks").isEqualTo("1h30m0s");
    PipelineRun none = run("metadata: {name: r}\nspec: {pipelineRef: {name: p}, timeouts: {pipeline: 0s, tasks: 0s}}");
    assertThat(customRun(none, c, false).getSpec().getTimeout()).isEqualTo("0s");
    PipelineRun finallyOnly = run("""
        metadata: {name: r}
        spec: {pipelineRef: {name: p}, timeouts: {pipeline: 4h, finally: 1h}}
        """);
    assertThat(customRun(finallyOnly, c, false).getSpec().getTimeout()).as("tasks: pipeline - finally")
        .isEqualTo("3h0m0s");
  }

  @Test
  void thePipelineTasksTimeoutWinsOverTheRunsAndTaskRunSpecsWinsOverBoth() {
    PipelineTask timed = task(CUSTOM_TASK + "timeout: 5m\n");
    PipelineRun run = run("metadata: {name: r}\nspec: {pipelineRef: {name: p}, timeouts: {pipeline: 3h, tasks: 2h}}");
    assertThat(customRun(run, timed, false).getSpec().getTimeout()).isEqualTo("5m0s");
    PipelineRun overridden = run("""
        metadata: {name: r}
        spec:
          pipelineRef: {name: p}
          taskRunSpecs: [{pipelineTaskName: c, timeout: 45m}]
        """);
    assertThat(customRun(overridden, timed, false).getSpec().getTimeout()).isEqualTo("45m0s");
  }

  @Test
  void anEmbeddedSpecsMetadataStaysInsideCustomSpec() {
    PipelineRun run = run("metadata: {name: r, labels: {team: blue}}\nspec: {pipelineSpec: {tasks: []}}");
    PipelineTask embedded = task("""
        name: e
        taskSpec:
          apiVersion: example.dev/v0
          kind: Example
          metadata: {labels: {from-spec: x}, annotations: {note: y}}
          spec: {field: 1}
        """);

    CustomRun c = customRun(run, embedded, false);

    assertThat(c.getMetadata().getLabels()).doesNotContainKey("from-spec").containsEntry("team", "blue")
        .containsEntry(TektonLabels.PIPELINE, "r");
    assertThat(c.getMetadata().getAnnotations()).isNull();
    assertThat(c.getSpec().getCustomSpec().getMetadata()).isEqualTo(
        Map.of("labels", Map.of("from-spec", "x"), "annotations", Map.of("note", "y")));
  }

  @Test
  void aTaskRunTakesTaskRunSpecsMetadataFirstThenTheRunsThenItsTaskSpecs() {
    PipelineRun run = run("""
        metadata: {name: r, labels: {team: blue, tier: run}, annotations: {chains.tekton.dev/signed: "true", a: run}}
        spec:
          pipelineRef: {name: p}
          taskRunSpecs: [{pipelineTaskName: t, metadata: {labels: {tier: spec}, annotations: {b: spec}}}]
        """);
    PipelineTask task = task("""
        name: t
        onError: continue
        taskSpec:
          metadata: {labels: {team: task, own: task}, annotations: {a: task}}
          steps: [{image: busybox}]
        """);

    TaskRun tr = (TaskRun) ChildRunFactory.build(run, "p", task, false, List.of(), Optional.empty());

    assertThat(tr.getMetadata().getLabels()).containsEntry("tier", "spec").containsEntry("team", "blue")
        .containsEntry("own", "task").containsEntry(TektonLabels.PIPELINE_TASK, "t");
    assertThat(tr.getMetadata().getAnnotations()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "b", "spec", "a", "run", "pipeline.tekton.dev/pipeline-task-on-error", "continue"));
    assertThat(tr.getSpec().getServiceAccountName()).isEqualTo("default");
  }

  @Test
  void subPathsAreJoinedAndCleanedAndTakeTheRunsContext() {
    assertThat(ChildRunFactory.joinPaths("foo/", "bar")).isEqualTo("foo/bar");
    assertThat(ChildRunFactory.joinPaths("foo", "../bar")).isEqualTo("bar");
    assertThat(ChildRunFactory.joinPaths("", "bar")).isEqualTo("bar");
    assertThat(ChildRunFactory.joinPaths("foo", null)).isEqualTo("foo");
    PipelineRun run = run("""
        metadata: {name: r}
        spec:
          pipelineRef: {name: p}
          workspaces: [{name: ws, emptyDir: {}, subPath: "$(context.pipelineRun.name)"}]
        """);
    var workspaces = ChildRunFactory.workspaces(run, task(CUSTOM_TASK), "p");
    assertThat(workspaces.bindings()).containsExactly(Map.of("name", "w", "emptyDir", Map.of(), "subPath", "r/bar"));
    assertThat(workspaces.claimWorkspace()).as("no claim, no affinity assistant").isEmpty();
  }

  @Test
  void taskRunSpecsNamingAnUnknownTaskAreRefusedAsTektonRefusesThem() {
    PipelineRun run = run("""
        metadata: {name: r}
        spec:
          pipelineRef: {name: p}
          taskRunSpecs: [{pipelineTaskName: nope}]
        """);
    PipelineSpec spec = Serialization.unmarshal("tasks: [{name: c, taskRef: {name: t}}]", PipelineSpec.class);
    assertThatThrownBy(() -> PipelineTaskRunSpec.validate(run, spec)).isInstanceOf(InvalidPipelineException.class)
        .hasMessage("PipelineRun ns/r doesn't define taskRunSpecs correctly: pipelineRun's taskrunSpecs defined wrong"
            + " taskName: \"nope\", does not exist in Pipeline")
        .satisfies(e -> assertThat(((InvalidPipelineException) e).reason())
            .isEqualTo(PipelineRunReason.INVALID_TASK_RUN_SPEC));
  }

  @Test
  void thePipelineLabelIsTheRefsNameOrTheGenerateNameOrTheRunsName() {
    assertThat(PipelineLabel.value(run("metadata: {name: r}\nspec: {pipelineRef: {name: p}}"))).isEqualTo("p");
    assertThat(PipelineLabel.value(run("metadata: {name: r}\nspec: {pipelineSpec: {tasks: []}}"))).isEqualTo("r");
    assertThat(PipelineLabel.value(run("metadata: {name: pr-x1y2z, generateName: pr-}\nspec: {pipelineSpec: {}}")))
        .isEqualTo("pr");
    assertThat(PipelineLabel.missing(run("metadata: {name: r, labels: {tekton.dev/pipeline: mine}}\n"
        + "spec: {pipelineRef: {name: p}}"))).as("a label the run has is kept").isEmpty();
    assertThat(PipelineLabel.missing(run("metadata: {name: " + "r".repeat(64) + "}\nspec: {pipelineSpec: {}}")))
        .as("no label an API server would refuse").isEmpty();
    assertThat(PipelineLabel.missing(run("metadata: {name: " + "r".repeat(63) + "}\nspec: {pipelineSpec: {}}")))
        .contains("r".repeat(63));
  }
}
