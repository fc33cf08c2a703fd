package dev.customtasks.cli.run;

import static dev.customtasks.cli.CtkRun.ctk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.CtkRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctk run --embedded} on every shipped example, in process: each ends with the expected exit
 * code and prints each task's final state; bad files give one clear line and a non-zero exit.
 */
class RunCommandIT {

  private static final Path EXAMPLES = Path.of("..", "examples");

  @Test
  void fanInExampleTakesItsCoolDownFromTheCommandLine() {
    CtkRun.Result result = ctk("run", EXAMPLES.resolve("fan-in-cool-down.yaml").toString(), "--embedded",
        "-p", "cool-down=1s");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).containsPattern("cool-down\\s+Wait\\s+Succeeded\\s+1\\.")
        .as("a running Wait shows its own countdown").containsPattern("cool-down\\s+Wait\\s+Running\\s+.*fires in")
        .containsPattern("publish\\s+TaskRun\\s+Succeeded");
  }

  @Test
  void aParamThePipelineDoesNotDeclareIsRefusedBeforeAnythingIsCreated() {
    CtkRun.Result result = ctk("run", EXAMPLES.resolve("fan-in-cool-down.yaml").toString(), "--embedded",
        "-p", "cooldown=5s");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err().strip()).as(result.toString()).isEqualTo("error: param \"cooldown\" is not declared by "
        + "the pipeline of PipelineRun \"fan-in-cool-down\"; it declares: cool-down");
    assertThat(result.out()).doesNotContain("applied").doesNotContain("created");
  }

  @Test
  void aFollowTimeoutUnderEmbeddedSaysItAsTypedAndThatTheRunStopsWithCtk() {
    CtkRun.Result result = ctk("run", EXAMPLES.resolve("release.yaml").toString(), "--embedded",
        "--follow-timeout", "2s");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out()).contains("(Ctrl-C stops it: it runs in this process)");
    assertThat(result.err().strip()).as(result.toString()).isEqualTo("error: PipelineRun \"release-run\" still running "
        + "after 2s (--follow-timeout); it stops with ctk, as the embedded API server and controllers end with this "
        + "process");
  }

  @Test
  void sharedTasksExampleRunsTasksReferencedByName() {
    CtkRun.Result result = ctk("run", EXAMPLES.resolve("shared-tasks.yaml").toString(), "--embedded");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).containsPattern("test\\s+TaskRun\\s+Succeeded\\s+2\\.")
        .containsPattern("cool-down\\s+Wait\\s+Succeeded")
        .containsPattern("publish\\s+TaskRun\\s+Succeeded")
        .contains("PipelineRun test-and-publish-run Succeeded");
  }

  @Test
  void pipelineInPipelineExampleFollowsTheNestedRuns() {
    CtkRun.Result result = ctk("run", EXAMPLES.resolve("pipeline-in-pipeline.yaml").toString(), "--embedded");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).containsPattern("build-all\\s+Pipeline\\s+Succeeded")
        .containsPattern("build-all/compile\\s+TaskRun\\s+Succeeded")
        .containsPattern("build-all/settle\\s+Wait\\s+Succeeded")
        .containsPattern("build-all/scan\\s+Wait\\s+Succeeded")
        .containsPattern("deploy\\s+TaskRun\\s+Succeeded")
        .contains("PipelineRun release-nested-run Succeeded", "result platforms = [linux/amd64, linux/arm64]");
    String out = result.out();
    assertThat(out.indexOf("build-all/scan     Wait        Succeeded"))
        .as("the nested tasks end before the task that waits for them starts")
        .isLessThan(out.indexOf("deploy             TaskRun     Running"));
  }

  @Test
  void nativeMatrixExampleFansOutGathersAndSkipsByCel() {
    CtkRun.Result result = ctk("run", EXAMPLES.resolve("native-matrix.yaml").toString(), "--embedded");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).containsPattern("build\\s+TaskRun\\s+Succeeded")
        .containsPattern("\\[3\\]\\s+TaskRun\\s+Succeeded").doesNotContainPattern("\\[4\\]\\s+TaskRun")
        .containsPattern("settle\\s+Wait\\s+Succeeded")
        .containsPattern("announce\\s+Skipped\\s+When Expressions evaluated to false")
        .containsPattern("publish\\s+TaskRun\\s+Succeeded")
        .contains("result images = [registry.example/app:1.22-linux/amd64, registry.example/app:1.22-linux/arm64, "
            + "registry.example/app:1.23-linux/amd64, registry.example/app:1.23-linux/arm64]");
  }

  @Test
  void tektonTestWaitExampleRunsUnchanged() {
    CtkRun.Result result = ctk("run", EXAMPLES.resolve("tekton-test-wait.yaml").toString(), "--embedded");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).containsPattern("wait\\s+Wait\\s+Succeeded\\s+3\\.");
  }

  @Test
  void tektonV1beta1ExampleRunsUnchanged() {
    CtkRun.Result result = ctk("run", EXAMPLES.resolve("tekton-v1beta1.yaml").toString(), "--embedded");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("applied Task echo-v1beta1", "applied Pipeline before-wait-after")
        .containsPattern("before\\s+TaskRun\\s+Succeeded")
        .containsPattern("wait\\s+Wait\\s+Succeeded\\s+2\\.")
        .containsPattern("after\\s+TaskRun\\s+Succeeded")
        .containsPattern("PipelineRun before-wait-after-[bcdfghjklmnpqrstvwxz2456789]{5} Succeeded");
  }

  @Test
  void aTektonV1beta1PipelineRunWithACustomTaskRuns(@TempDir Path dir) throws Exception {
    // Tekton's own example for its test custom task, unchanged (tektoncd/pipeline
    // test/custom-task-ctrls/wait-task-beta/example_pipelinerun.yaml), but for a shorter wait.
    Path file = Files.writeString(dir.resolve("v1beta1.yaml"), """
        apiVersion: tekton.dev/v1beta1
        kind: PipelineRun
        metadata:
          generateName: pr-custom-task-beta-
        spec:
          pipelineSpec:
            tasks:
            - name: before
              taskSpec:
                steps:
                - image: busybox
                  script: echo before wait
            - name: wait
              taskRef:
                apiVersion: wait.testing.tekton.dev/v1beta1
                kind: Wait
              params:
              - name: duration
                value: "1s"
              runAfter: ['before']
            - name: after
              taskSpec:
                steps:
                - image: busybox
                  script: echo after wait
              runAfter: ['wait']
        """);

    CtkRun.Result result = ctk("run", file.toString(), "--embedded");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).containsPattern("wait\\s+Wait\\s+Succeeded")
        .containsPattern("after\\s+TaskRun\\s+Succeeded")
        .containsPattern("PipelineRun pr-custom-task-beta-\\S+ Succeeded");
  }

  @Test
  void aCustomTaskNobodyHereAnswersStopsCtkInsteadOfWaitingForTheTimeout(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("typo.yaml"), """
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: nobody-answers}
        spec:
          pipelineSpec:
            tasks:
            - name: c
              taskRef: {apiVersion: customtask.dev/v1, kind: Wait}
        """);

    CtkRun.Result result = ctk("run", file.toString(), "--embedded");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out()).containsPattern("c\\s+Wait\\s+Pending\\s+no controller here answers customtask.dev/v1 "
        + "Wait, and under --embedded none other can start \\(did you mean customtasks.dev/v1alpha1 Wait or "
        + "wait.testing.tekton.dev/v1beta1 Wait");
    assertThat(result.err()).as("one line, long before Tekton's default timeout of an hour")
        .startsWith("error: PipelineRun nobody-answers cannot finish: task c: no controller here answers "
            + "customtask.dev/v1 Wait").hasLineCount(1);
  }

  @Test
  void aCelErrorIsOneLastLineAndItsCaretStaysUnderTheExpressionInTheTimeline(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("cel.yaml"), """
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: cel-typo}
        spec:
          pipelineSpec:
            tasks:
            - name: c
              when: [{cel: "'a' == "}]
              taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
              params: [{name: duration, value: 1s}]
        """);

    CtkRun.Result result = ctk("run", file.toString(), "--embedded");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: PipelineRun cel-typo failed: PipelineValidationFailed: ")
        .contains("does not compile").endsWith(" (…)\n").hasLineCount(1);
    List<String> out = result.out().lines().toList();
    int expression = out.stream().filter(l -> l.contains("| 'a' ==")).findFirst().map(l -> l.indexOf('|'))
        .orElseThrow(() -> new AssertionError(result.out()));
    assertThat(out).as("the caret's line right under the expression's, at the same column")
        .anyMatch(l -> l.contains("| .......^") && l.indexOf('|') == expression);
  }

  @Test
  void timeoutExampleFailsWithItsReasonAndTheFailingTask() {
    CtkRun.Result result = ctk("run", EXAMPLES.resolve("timeout.yaml").toString(), "--embedded");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("PipelineRun too-slow failed: PipelineRunTimeout", "task long-wait");
  }

  @Test
  void badFilesGiveOneClearLine(@TempDir Path dir) throws Exception {
    Path notYaml = Files.writeString(dir.resolve("not.yaml"), "apiVersion: [unclosed\n  : : :");
    Path unknownKind = Files.writeString(dir.resolve("unknown.yaml"), """
        apiVersion: example.com/v1
        kind: Gizmo
        metadata: {name: g}
        ---
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: r}
        spec: {pipelineRef: {name: p}}
        """);
    Path noRun = Files.writeString(dir.resolve("norun.yaml"), """
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: p}
        spec: {tasks: [{name: a, taskRef: {name: t}}]}
        """);
    Path missingPipeline = Files.writeString(dir.resolve("missing.yaml"), """
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: orphan}
        spec: {pipelineRef: {name: nowhere}}
        """);

    Path binary = Files.write(dir.resolve("binary.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});

    assertOneLineError(ctk("run", notYaml.toString(), "--embedded"), "is not YAML");
    assertOneLineError(ctk("run", binary.toString(), "--embedded"), binary + ": not UTF-8 YAML (a binary file?)");
    assertOneLineError(ctk("run", unknownKind.toString(), "--embedded"),
        "has kind example.com/v1 Gizmo, which this API server does not know");
    assertOneLineError(ctk("run", noRun.toString(), "--embedded"), "no PipelineRun in the file");
    assertOneLineError(ctk("run", dir.resolve("absent.yaml").toString(), "--embedded"), "no such file");
    assertOneLineError(ctk("run", missingPipeline.toString(), "--embedded"),
        "CouldntGetPipeline: Error retrieving pipeline for pipelinerun default/orphan");
    assertThat(ctk("run", noRun.toString(), "-p", "novalue").exitCode()).isEqualTo(2);
  }

  @Test
  void aRunRefusedAtValidationSaysItDidNotStartAndWhyInsteadOfAnEmptyTimeline(@TempDir Path dir) throws Exception {
    Path refused = Files.writeString(dir.resolve("refused.yaml"), """
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: refused}
        spec:
          pipelineSpec:
            tasks:
            - {name: a, runAfter: [nowhere], taskSpec: {steps: [{name: s, image: alpine, script: "true"}]}}
        """);

    CtkRun.Result result = ctk("run", refused.toString(), "--embedded");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    String timeline = result.out().substring(result.out().indexOf("Timeline: refused"));
    assertThat(timeline).as(result.toString())
        .contains("PipelineRun refused did not start: it ended before any task ran, PipelineInvalidGraph: pipeline")
        .doesNotContain("TASK", "|", "Hops");
  }

  private static void assertOneLineError(CtkRun.Result result, String part) {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err().strip().lines()).as(result.toString()).hasSize(1);
    assertThat(result.err()).startsWith("error: ").contains(part);
  }
}
