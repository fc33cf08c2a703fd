package dev.customtasks.subpipeline;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.controller.Children;
import dev.customtasks.crds.controller.RunLifecycle;
import dev.customtasks.crds.controller.Step;
import dev.customtasks.crds.testkit.TaskTester;
import dev.customtasks.subpipeline.plan.Nesting;
import dev.customtasks.subpipeline.plan.SubPipelinePlan;
import dev.customtasks.subpipeline.plan.SubPipelineState;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The task's decisions over in-memory children: every form, mirroring, failure, cancel, timeout, retry, nesting. */
class SubPipelineTaskTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    return Serialization.unmarshal(text, Map.class);
  }

  private static final Map<String, Object> BUILD = yaml("""
      params:
      - {name: revision}
      - {name: mode, default: fast}
      tasks:
      - {name: compile, taskRef: {name: compile}}
      results:
      - {name: image, value: $(tasks.compile.results.image)}
      """);

  private static TaskTester<SubPipelinePlan, SubPipelineState> tester() {
    return new TaskTester<>(new SubPipelineTask(10)).withNamedObject("build", BUILD);
  }

  private static String reason(CustomRun run) {
    return run.getStatus().reason().orElse("");
  }

  private static String message(CustomRun run) {
    return run.getStatus().succeededCondition().orElseThrow().getMessage();
  }

  @Test
  void aTaskRefToAPipelineCreatesOneChildNamedLikeTheRunAndMirrorsIt() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun run = tester.started(customRun("release-build").ref(SubPipelineTask.PIPELINE_V1, "build")
        .param("revision", "abc").label("tekton.dev/pipelineRun", "release").label("tekton.dev/pipelineTask", "build")
        .label("tekton.dev/pipeline", "release").timeout("10m").build(), T0);

    tester.tick(run, T0);
    tester.tick(run, T0.plusSeconds(1));

    assertThat(tester.children().creates()).as("found again by name, never created twice").isEqualTo(1);
    PipelineRun child = tester.children().get(PipelineRun.class, "release-build").orElseThrow();
    assertThat(child.getSpec().getPipelineRef().getName()).isEqualTo("build");
    assertThat(child.getSpec().getParams()).extracting(p -> p.getName()).containsExactly("revision");
    assertThat(child.getSpec().getTimeouts().getPipeline()).isEqualTo("10m0s");
    assertThat(child.getMetadata().getLabels())
        .containsEntry("tekton.dev/customRun", "release-build")
        .containsEntry("tekton.dev/pipeline", "build")
        .containsEntry("tekton.dev/pipelineRun", "release")
        .containsEntry("tekton.dev/pipelineTask", "build")
        .containsEntry(Children.PARENT_UID_LABEL, "uid-release-build");
    assertThat(child.getMetadata().getAnnotations()).containsEntry(Nesting.CHAIN_ANNOTATION, "release > build");
    assertThat(child.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo("release-build"));
    assertThat(reason(run)).isEqualTo("Running");
    assertThat(message(run)).isEqualTo("PipelineRun \"release-build\" is pending");
    assertThat(run.getStatus().getExtraFields()).isEqualTo(Serialization.jsonMapper().convertValue(
        SubPipelineState.of("release-build", "build", List.of("release", "build")), Object.class));

    tester.children().start("release-build", T0.plusSeconds(1));
    child.getStatus().markRunning("Running", "Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 1, "
        + "Skipped: 0", T0.plusSeconds(1));
    tester.tick(run, T0.plusSeconds(2));
    assertThat(message(run)).isEqualTo("Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0");

    Map<String, ParamValue> results = new LinkedHashMap<>();
    results.put("image", ParamValue.of("registry/app:abc"));
    results.put("files", ParamValue.ofArray(List.of("a", "b")));
    results.put("meta", ParamValue.ofObject(Map.of("sha", "abc")));
    tester.children().succeed("release-build", T0.plusSeconds(3), results);
    child.getStatus().markSucceeded("Succeeded", "Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 0",
        T0.plusSeconds(3));
    tester.tick(run, T0.plusSeconds(3));

    assertThat(reason(run)).isEqualTo("Succeeded");
    assertThat(message(run)).isEqualTo("Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 0");
    assertThat(run.getStatus().getResults()).extracting(r -> r.getName() + "=" + r.getValue())
        .containsExactly("image=registry/app:abc", "files=[a, b]", "meta={sha=abc}");
  }

  @Test
  void theV1beta1FormOfTheExperimentalControllerIsAnsweredToo() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun run = tester.started(customRun("piprun").ref(SubPipelineTask.PIPELINE_V1BETA1, "build")
        .param("revision", "abc").build(), T0);
    tester.tick(run, T0);
    assertThat(tester.children().get(PipelineRun.class, "piprun").orElseThrow().getSpec().getPipelineRef().getName())
        .isEqualTo("build");
  }

  @Test
  void anEmbeddedPipelineRunsAsAPipelineSpec() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun run = tester.started(customRun("inline").embedded(SubPipelineTask.PIPELINE_V1, BUILD)
        .param("revision", "abc").build(), T0);
    tester.tick(run, T0);
    PipelineRun child = tester.children().get(PipelineRun.class, "inline").orElseThrow();
    assertThat(child.getSpec().getPipelineSpec().getTasks()).extracting(t -> t.getName()).containsExactly("compile");
    assertThat(child.getMetadata().getAnnotations()).containsEntry(Nesting.CHAIN_ANNOTATION, "(embedded)");
    assertThat(tester.namedObjectReads()).as("nothing to read").isZero();
  }

  @Test
  void aSubPipelineNamesItsPipelineByRefOrEmbedsIt() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester()
        .withNamedObject("nightly", Map.of("pipelineRef", Map.of("name", "build"), "labels", Map.of("tier", "2")));
    CustomRun named = tester.started(customRun("n").ref(SubPipelineTask.KIND, "nightly").param("revision", "abc")
        .build(), T0);
    tester.tick(named, T0);
    PipelineRun byName = tester.children().get(PipelineRun.class, "n").orElseThrow();
    assertThat(byName.getSpec().getPipelineRef().getName()).isEqualTo("build");
    assertThat(byName.getMetadata().getLabels()).containsEntry("tier", "2");

    CustomRun embedded = tester.started(customRun("e").embedded(SubPipelineTask.KIND, Map.of("pipelineSpec", BUILD))
        .param("revision", "abc").build(), T0);
    tester.tick(embedded, T0);
    assertThat(tester.children().get(PipelineRun.class, "e").orElseThrow().getSpec().getPipelineSpec()).isNotNull();
  }

  @Test
  void aSubPipelineNeedsExactlyOneOfRefAndSpec() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun neither = tester.started(customRun("x").embedded(SubPipelineTask.KIND, Map.of("labels", Map.of()))
        .build(), T0);
    tester.tick(neither, T0);
    assertThat(reason(neither)).isEqualTo("InvalidSpec");
    assertThat(message(neither)).isEqualTo("exactly one of pipelineRef or pipelineSpec is required, got neither");

    CustomRun unknown = tester.started(customRun("y").embedded(SubPipelineTask.KIND, Map.of("pipelineRef",
        Map.of("name", "build"), "colour", "red")).build(), T0);
    tester.tick(unknown, T0);
    assertThat(reason(unknown)).isEqualTo("InvalidSpec");
    assertThat(message(unknown)).startsWith("unknown field customSpec.spec.colour; known fields: ")
        .contains("pipelineRef").doesNotContain("Unrecognized");
  }

  @Test
  void aMissingPipelineFailsAtOnceWithPipelineNotFound() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun run = tester.started(customRun("r").ref(SubPipelineTask.PIPELINE_V1, "nowhere").retries(2).build(), T0);
    tester.tick(run, T0);
    assertThat(run.isDone()).as("never retried").isTrue();
    assertThat(reason(run)).isEqualTo("PipelineNotFound");
    assertThat(message(run)).isEqualTo("Pipeline \"nowhere\" not found in namespace \"test\"");
    assertThat(tester.children().all()).isEmpty();
  }

  @Test
  void aPipelineRefWithoutANameIsInvalidSpec() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun run = tester.started(customRun("r").ref(SubPipelineTask.PIPELINE_V1).build(), T0);
    tester.tick(run, T0);
    assertThat(reason(run)).isEqualTo("InvalidSpec");
    assertThat(message(run)).startsWith("customRef.name: the Pipeline to run is not named");
  }

  @Test
  void undeclaredAndMissingParamsFailInvalidParamsNamingTheParam() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun extra = tester.started(customRun("a").ref(SubPipelineTask.PIPELINE_V1, "build")
        .param("revision", "abc").param("colour", "red").build(), T0);
    tester.tick(extra, T0);
    assertThat(reason(extra)).isEqualTo("InvalidParams");
    assertThat(message(extra)).isEqualTo(
        "param \"colour\": Pipeline \"build\" declares no such param; it declares: revision, mode");

    CustomRun missing = tester.started(customRun("b").embedded(SubPipelineTask.PIPELINE_V1, BUILD).build(), T0);
    tester.tick(missing, T0);
    assertThat(reason(missing)).isEqualTo("InvalidParams");
    assertThat(message(missing)).isEqualTo(
        "param \"revision\": required by the embedded pipeline (it has no default) and not given");
    assertThat(tester.children().all()).isEmpty();
  }

  @Test
  void aFailedChildFailsTheRunWithItsReasonAndMessage() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun run = tester.started(customRun("r").ref(SubPipelineTask.PIPELINE_V1, "build").param("revision", "x")
        .build(), T0);
    tester.tick(run, T0);
    tester.children().fail("r", T0.plusSeconds(1), "Failed", "Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 0");
    tester.tick(run, T0.plusSeconds(1));
    assertThat(reason(run)).isEqualTo("Failed");
    assertThat(message(run)).isEqualTo("Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 0");
  }

  @Test
  void cancelCancelsTheChildAndWaitsForItToStop() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun run = tester.started(customRun("r").ref(SubPipelineTask.PIPELINE_V1, "build").param("revision", "x")
        .build(), T0);
    tester.tick(run, T0);
    tester.children().start("r", T0);
    run.getSpec().setStatus(CustomRun.CANCELLED);

    RunLifecycle.Decision waiting = tester.tick(run, T0.plusSeconds(1));
    assertThat(tester.children().get(PipelineRun.class, "r").orElseThrow().getSpec().getStatus())
        .isEqualTo("Cancelled");
    assertThat(run.isDone()).isFalse();
    assertThat(message(run)).isEqualTo("CustomRun \"r\" was cancelled; waiting for PipelineRun \"r\" to stop");
    assertThat(waiting.wakeAt()).isPresent();

    tester.children().fail("r", T0.plusSeconds(2), "Cancelled", "PipelineRun \"r\" was cancelled");
    tester.tick(run, T0.plusSeconds(2));
    assertThat(reason(run)).isEqualTo("Cancelled");
  }

  @Test
  void aTimeoutCancelsTheChildWaitsAndEndsTimedOut() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun run = tester.started(customRun("r").ref(SubPipelineTask.PIPELINE_V1, "build").param("revision", "x")
        .timeout("30s").build(), T0);
    tester.tick(run, T0.plusSeconds(10));
    assertThat(tester.children().get(PipelineRun.class, "r").orElseThrow().getSpec().getTimeouts().getPipeline())
        .as("what is left of the run's timeout").isEqualTo("20s");
    tester.children().start("r", T0.plusSeconds(10));

    tester.tick(run, T0.plusSeconds(30));
    assertThat(run.isDone()).isFalse();
    assertThat(tester.children().get(PipelineRun.class, "r").orElseThrow().getSpec().getStatus())
        .isEqualTo("Cancelled");
    tester.children().fail("r", T0.plusSeconds(31), "Cancelled", "stopped");
    tester.tick(run, T0.plusSeconds(31));
    assertThat(reason(run)).isEqualTo("TimedOut");
    assertThat(message(run)).isEqualTo("CustomRun \"r\" failed to finish within 30s");
  }

  @Test
  void aChildTimingOutOnTheRunsTimeoutEndsTheRunTimedOut() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun run = tester.started(customRun("r").ref(SubPipelineTask.PIPELINE_V1, "build").param("revision", "x")
        .timeout("30s").build(), T0);
    tester.tick(run, T0);
    tester.children().fail("r", T0.plusSeconds(29), "PipelineRunTimeout", "PipelineRun \"r\" failed to finish "
        + "within \"30s\"");
    tester.tick(run, T0.plusSeconds(29));
    assertThat(reason(run)).isEqualTo("TimedOut");
  }

  @Test
  void aRetryStartsANewChild() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun run = tester.started(customRun("r").ref(SubPipelineTask.PIPELINE_V1, "build").param("revision", "x")
        .retries(1).build(), T0);
    tester.tick(run, T0);
    tester.children().fail("r", T0.plusSeconds(1), "Failed", "boom");
    tester.tick(run, T0.plusSeconds(1));
    tester.tick(run, T0.plusSeconds(2));
    assertThat(tester.children().all()).extracting(c -> c.getMetadata().getName()).containsExactly("r", "r-r1");
    assertThat(run.getStatus().getRetriesStatus()).singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("Failed"));
    tester.children().succeed("r-r1", T0.plusSeconds(3), Map.of());
    tester.tick(run, T0.plusSeconds(3));
    assertThat(reason(run)).isEqualTo("Succeeded");
  }

  @Test
  void aPipelineThatIncludesItselfFailsPipelineCycle() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun run = tester.started(customRun("build-again").ref(SubPipelineTask.PIPELINE_V1, "build")
        .param("revision", "x").label("tekton.dev/pipeline", "build").build(), T0);
    tester.tick(run, T0);
    assertThat(reason(run)).isEqualTo("PipelineCycle");
    assertThat(message(run)).isEqualTo("Pipeline \"build\" includes itself: build -> build");
    assertThat(tester.children().all()).isEmpty();
  }

  @Test
  void nestingPastTheLimitFailsNestingTooDeep() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = new TaskTester<>(new SubPipelineTask(2))
        .withNamedObject("build", BUILD);
    CustomRun run = customRun("deep").ref(SubPipelineTask.PIPELINE_V1, "build").param("revision", "x")
        .label(Nesting.DEPTH_LABEL, "2").build();
    run.getMetadata().setAnnotations(Map.of(Nesting.CHAIN_ANNOTATION, "release > a > b"));
    run = tester.started(run, T0);
    tester.tick(run, T0);
    assertThat(reason(run)).isEqualTo("NestingTooDeep");
    assertThat(message(run)).isEqualTo(
        "running build here would nest pipelines 3 deep, more than the limit of 2: release -> a -> b -> build");
  }

  @Test
  void theDepthLimitComesFromThePropertyOrTheEnvironment() {
    assertThat(SubPipelineTask.maxDepth(null, null)).isEqualTo(10);
    assertThat(SubPipelineTask.maxDepth(null, "4")).isEqualTo(4);
    assertThat(SubPipelineTask.maxDepth("3", "4")).isEqualTo(3);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SubPipelineTask.maxDepth("many"))
        .hasMessageContaining("SUBPIPELINE_MAX_DEPTH must be a whole number");
  }

  @Test
  void aPipelineDeletedAfterTheChildStartedChangesNothing() {
    TaskTester<SubPipelinePlan, SubPipelineState> tester = tester();
    CustomRun run = tester.started(customRun("r").ref(SubPipelineTask.PIPELINE_V1, "build").param("revision", "x")
        .build(), T0);
    tester.tick(run, T0);
    int reads = tester.namedObjectReads();
    assertThat(tester.progress(run, T0.plusSeconds(1))).isInstanceOf(Step.Running.class);
    assertThat(tester.namedObjectReads()).as("the Pipeline is read only to create the child").isEqualTo(reads);
  }
}
