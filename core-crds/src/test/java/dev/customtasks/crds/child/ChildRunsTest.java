package dev.customtasks.crds.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.crds.api.Condition;
import dev.customtasks.crds.api.Param;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.customrun.CustomRunResult;
import dev.customtasks.crds.api.customrun.CustomRunSpec;
import dev.customtasks.crds.api.customrun.CustomRunStatus;
import dev.customtasks.crds.api.pipeline.EmbeddedTask;
import dev.customtasks.crds.api.pipeline.PipelineRef;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.PipelineRunResult;
import dev.customtasks.crds.api.pipeline.PipelineRunSpec;
import dev.customtasks.crds.api.pipeline.PipelineRunStatus;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskRunResult;
import dev.customtasks.crds.api.pipeline.TaskRunSpec;
import dev.customtasks.crds.api.pipeline.TaskRunStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChildRunsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final ObjectMeta META = new ObjectMetaBuilder().withName("child").withNamespace("ns")
      .addToLabels("a", "b").build();
  private static final List<Param> PARAMS = List.of(new Param("os", ParamValue.of("linux")),
      new Param("jdks", ParamValue.ofArray(List.of("17", "21"))));

  @Nested
  class Targets {

    @Test
    void aTaskRefWithApiVersionAndKindIsACustomTaskAsInTekton() {
      assertThat(ChildTarget.of(new TaskRef("example.dev/v1", "Example", null), null))
          .isInstanceOf(ChildTarget.CustomByRef.class);
      assertThat(ChildTarget.of(new TaskRef("tekton.dev/v1", "Pipeline", "build"), null).runKind())
          .isEqualTo("CustomRun");
      assertThat(ChildTarget.of(new TaskRef(null, null, "build"), null)).isInstanceOf(ChildTarget.TaskByRef.class);
      assertThat(ChildTarget.of(new TaskRef(null, "Task", "build"), null).runKind()).isEqualTo("TaskRun");
    }

    @Test
    void anEmbeddedSpecIsCustomWhenItNamesAKind() {
      EmbeddedTask custom = Serialization.unmarshal(
          "{\"apiVersion\":\"example.dev/v1\",\"kind\":\"Example\",\"spec\":{\"x\":1}}", EmbeddedTask.class);
      EmbeddedTask steps = Serialization.unmarshal("{\"steps\":[{\"image\":\"busybox\"}]}", EmbeddedTask.class);
      assertThat(ChildTarget.of(null, custom)).isInstanceOf(ChildTarget.EmbeddedCustom.class);
      assertThat(ChildTarget.of(null, custom).customKind()).get().hasToString("example.dev/v1 Example");
      assertThat(ChildTarget.of(null, steps)).isInstanceOf(ChildTarget.EmbeddedTaskSpec.class);
      assertThat(ChildTarget.of(null, steps).customKind()).isEmpty();
    }

    @Test
    void exactlyOneFormIsRequired() {
      assertThatThrownBy(() -> ChildTarget.of(null, null)).hasMessageContaining("exactly one of taskRef or taskSpec");
      assertThatThrownBy(() -> ChildTarget.ofPipeline(new PipelineRef("p"), new PipelineSpec()))
          .hasMessageContaining("exactly one of pipelineRef or pipelineSpec");
      assertThat(ChildTarget.ofPipeline(new PipelineRef("p"), null).runKind()).isEqualTo("PipelineRun");
    }
  }

  @Nested
  class Build {

    @Test
    void aTaskRunForATask() {
      var spec = ChildRunSpec.of(new ChildTarget.TaskByRef(new TaskRef(null, null, "build")), PARAMS)
          .withTimeout(Optional.of(Duration.ofMinutes(90))).withRetries(2).withServiceAccountName("builder");
      TaskRun run = (TaskRun) ChildRuns.build(spec, META);
      assertThat(run.getMetadata()).isSameAs(META);
      assertThat(run.getApiVersion()).isEqualTo("tekton.dev/v1");
      assertThat(run.getSpec().getTaskRef().getName()).isEqualTo("build");
      assertThat(run.getSpec().getParams()).extracting(Param::getName).containsExactly("os", "jdks");
      assertThat(run.getSpec().getTimeout()).isEqualTo("1h30m0s");
      assertThat(run.getSpec().getRetries()).isEqualTo(2);
      assertThat(run.getSpec().getServiceAccountName()).isEqualTo("builder");
    }

    @Test
    void aCustomRunForACustomTaskByRefOrEmbedded() {
      CustomRun byRef = (CustomRun) ChildRuns.build(ChildRunSpec.of(
          new ChildTarget.CustomByRef(new TaskRef("example.dev/v1", "Example", "named")), List.of()), META);
      assertThat(byRef.getApiVersion()).isEqualTo("tekton.dev/v1beta1");
      assertThat(byRef.getSpec().getCustomRef().getName()).isEqualTo("named");
      assertThat(byRef.getSpec().getParams()).isNull();
      assertThat(byRef.getSpec().getTimeout()).isNull();

      EmbeddedTask embedded = Serialization.unmarshal("{\"apiVersion\":\"example.dev/v1\",\"kind\":\"Example\","
          + "\"metadata\":{\"labels\":{\"inner\":\"yes\"}},\"spec\":{\"x\":\"1\"}}", EmbeddedTask.class);
      CustomRun inline = (CustomRun) ChildRuns.build(ChildRunSpec.of(new ChildTarget.EmbeddedCustom(embedded),
          PARAMS), META);
      assertThat(inline.getSpec().getCustomSpec().getKind()).isEqualTo("Example");
      assertThat(inline.getSpec().getCustomSpec().getSpec()).containsEntry("x", "1");
      assertThat(inline.getSpec().getCustomSpec().getMetadata()).isEqualTo(Map.of("labels", Map.of("inner", "yes")));
    }

    @Test
    void aPipelineRunForAPipeline() {
      var spec = ChildRunSpec.of(new ChildTarget.PipelineByRef(new PipelineRef("build")), PARAMS)
          .withTimeout(Optional.of(Duration.ofSeconds(30))).withRetries(3).withServiceAccountName("sa")
          .withWorkspaces(List.of(Map.of("name", "src", "emptyDir", Map.of())));
      PipelineRun run = (PipelineRun) ChildRuns.build(spec, META);
      assertThat(run.getApiVersion()).isEqualTo("tekton.dev/v1");
      assertThat(run.getSpec().getPipelineRef().getName()).isEqualTo("build");
      assertThat(run.getSpec().getTimeouts().getPipeline()).isEqualTo("30s");
      assertThat(run.getSpec().getTaskRunTemplate().getServiceAccountName()).isEqualTo("sa");
      assertThat(run.getSpec().getWorkspaces()).hasSize(1);
      assertThat(run.getSpec().getParams()).hasSize(2);
    }
  }

  @Nested
  class Observe {

    @Test
    void aChildWithoutStatusIsPending() {
      assertThat(ChildRuns.observe(customRun(null, false)).phase()).isEqualTo(ChildOutcome.Phase.PENDING);
    }

    @Test
    void runningSucceededFailedAndCancelledCustomRuns() {
      CustomRunStatus running = customStatus("Unknown", "Running", null);
      assertThat(ChildRuns.observe(customRun(running, false)).phase()).isEqualTo(ChildOutcome.Phase.RUNNING);

      CustomRunStatus done = customStatus("True", "Succeeded", T0.plusSeconds(5));
      done.setResults(List.of(new CustomRunResult("out", ParamValue.of("x")),
          new CustomRunResult("list", ParamValue.ofArray(List.of("a", "b")))));
      ChildOutcome ok = ChildRuns.observe(customRun(done, false));
      assertThat(ok.phase()).isEqualTo(ChildOutcome.Phase.SUCCEEDED);
      assertThat(ok.results()).containsExactly(Map.entry("out", ParamValue.of("x")),
          Map.entry("list", ParamValue.ofArray(List.of("a", "b"))));
      assertThat(ok.startTime()).isEqualTo(T0);
      assertThat(ok.completionTime()).isEqualTo(T0.plusSeconds(5));

      ChildOutcome failed = ChildRuns.observe(customRun(customStatus("False", "Boom", T0), false));
      assertThat(failed.phase()).isEqualTo(ChildOutcome.Phase.FAILED);
      assertThat(failed.reason()).isEqualTo("Boom");
      assertThat(failed.message()).isEqualTo("Boom happened");
      assertThat(failed.results()).isEmpty();

      assertThat(ChildRuns.observe(customRun(customStatus("False", "Cancelled", T0), true)).phase())
          .isEqualTo(ChildOutcome.Phase.CANCELLED);
      ChildOutcome asked = ChildRuns.observe(customRun(running, true));
      assertThat(asked.phase()).isEqualTo(ChildOutcome.Phase.RUNNING);
      assertThat(asked.cancelRequested()).isTrue();
    }

    @Test
    void taskRunsAndPipelineRunsReadTheSameWay() {
      TaskRun taskRun = new TaskRun();
      taskRun.setMetadata(META);
      taskRun.setSpec(new TaskRunSpec());
      TaskRunStatus taskStatus = new TaskRunStatus();
      fill(taskStatus, "True", "Succeeded", T0.plusSeconds(1));
      taskStatus.setResults(List.of(new TaskRunResult("digest", ParamValue.of("sha"))));
      taskRun.setStatus(taskStatus);
      assertThat(ChildRuns.observe(taskRun).results()).containsEntry("digest", ParamValue.of("sha"));

      TaskRunStatus cancelled = new TaskRunStatus();
      fill(cancelled, "False", "TaskRunCancelled", T0);
      taskRun.setStatus(cancelled);
      assertThat(ChildRuns.observe(taskRun).phase()).isEqualTo(ChildOutcome.Phase.CANCELLED);

      PipelineRun pipelineRun = new PipelineRun();
      pipelineRun.setMetadata(META);
      pipelineRun.setSpec(new PipelineRunSpec());
      PipelineRunStatus status = new PipelineRunStatus();
      fill(status, "True", "Succeeded", T0.plusSeconds(2));
      status.setResults(List.of(new PipelineRunResult("obj", ParamValue.ofObject(Map.of("k", "v")))));
      pipelineRun.setStatus(status);
      assertThat(ChildRuns.observe(pipelineRun).results()).containsEntry("obj", ParamValue.ofObject(Map.of("k", "v")));

      PipelineRunStatus pending = new PipelineRunStatus();
      pipelineRun.setStatus(pending);
      pipelineRun.getSpec().setStatus(PipelineRun.SPEC_STATUS_PENDING);
      assertThat(ChildRuns.observe(pipelineRun).phase()).isEqualTo(ChildOutcome.Phase.PENDING);
    }
  }

  @Nested
  class Cancel {

    @Test
    void eachKindIsCancelledAsTektonDoes() {
      assertThat(ChildRuns.cancelPatch("tekton.dev/v1beta1", "CustomRun", "why \"so\""))
          .hasValue("{\"spec\":{\"status\":\"RunCancelled\",\"statusMessage\":\"why \\\"so\\\"\"}}");
      assertThat(ChildRuns.cancelPatch("tekton.dev/v1alpha1", "Run", "m")).get().asString()
          .contains("RunCancelled");
      assertThat(ChildRuns.cancelPatch("tekton.dev/v1", "TaskRun", "m"))
          .hasValue("{\"spec\":{\"status\":\"TaskRunCancelled\",\"statusMessage\":\"m\"}}");
      assertThat(ChildRuns.cancelPatch("tekton.dev/v1", "PipelineRun", "m"))
          .hasValue("{\"spec\":{\"status\":\"Cancelled\"}}");
      assertThat(ChildRuns.cancelPatch("v1", "ConfigMap", "m")).isEmpty();
      assertThat(ChildRuns.cancelPatch("customtasks.dev/v1alpha1", "ApprovalRequest", "m")).isEmpty();
    }

    @Test
    void aNonRunCannotBeCancelled() {
      var configMap = new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("c")
          .endMetadata().build();
      assertThatThrownBy(() -> ChildRuns.cancel(null, configMap, "m"))
          .hasMessage("ConfigMap \"c\" is not a Tekton run and cannot be cancelled");
    }
  }

  private static CustomRun customRun(CustomRunStatus status, boolean cancelRequested) {
    CustomRun run = new CustomRun();
    run.setMetadata(META);
    CustomRunSpec spec = new CustomRunSpec();
    spec.setStatus(cancelRequested ? CustomRun.CANCELLED : null);
    run.setSpec(spec);
    run.setStatus(status);
    return run;
  }

  private static CustomRunStatus customStatus(String conditionStatus, String reason, Instant completion) {
    CustomRunStatus status = new CustomRunStatus();
    fill(status, conditionStatus, reason, completion);
    return status;
  }

  private static void fill(dev.customtasks.crds.api.RunStatus status, String conditionStatus, String reason,
      Instant completion) {
    status.setStartTime(T0.toString());
    status.setConditions(List.of(new Condition(Condition.SUCCEEDED, conditionStatus, reason, reason + " happened",
        T0.toString())));
    if (completion != null) {
      status.setCompletionTime(completion.toString());
    }
  }
}
