package dev.customtasks.e2e.bench;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;

import dev.customtasks.approval.ApprovalTask;
import dev.customtasks.approval.api.ApprovalDecision;
import dev.customtasks.approval.api.ApprovalDecisionSpec;
import dev.customtasks.concurrency.LockTask;
import dev.customtasks.concurrency.UnlockTask;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.loop.LoopTask;
import dev.customtasks.matrix.MatrixTask;
import dev.customtasks.subpipeline.SubPipelineTask;
import dev.customtasks.wait.WaitTask;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The objects the benchmarks create, all labelled so that a shared cluster can be cleaned after. */
public final class BenchObjects {

  public static final String LABEL_KEY = "customtasks.dev/bench";
  /** The label selector of every benchmark object. */
  public static final String LABEL = LABEL_KEY + "=true";

  private BenchObjects() {
  }

  /** A Wait CustomRun of {@code duration} (a Go duration), as a PipelineRun controller would create it. */
  public static CustomRun waitRun(String namespace, String name, String duration) {
    return customRun(name).inNamespace(namespace).ref(WaitTask.KIND).param("duration", duration)
        .label(LABEL_KEY, "true").build();
  }

  /** {@code count} Wait runs named {@code <prefix>-<i>}. */
  public static List<CustomRun> waitRuns(String namespace, String prefix, int count, String duration) {
    return IntStream.range(0, count).mapToObj(i -> waitRun(namespace, prefix + "-" + i, duration)).toList();
  }

  /** The name of the {@code index}-th (from 1) task of {@link #chainOfWaits}: {@code t01}, {@code t02}, ... */
  public static String chainTask(int index) {
    return String.format(Locale.ROOT, "t%02d", index);
  }

  /** A PipelineRun of {@code tasks} Waits of 0 s, each running after the one before. */
  public static PipelineRun chainOfWaits(String namespace, String name, int tasks) {
    return chainOfWaits(namespace, name, tasks, "0s");
  }

  /** As {@link #chainOfWaits(String, String, int)}, each Wait of {@code duration} (a Go duration). */
  public static PipelineRun chainOfWaits(String namespace, String name, int tasks, String duration) {
    return pipelineRun(namespace, name, chainedWaits(tasks, duration));
  }

  /** YAML items under {@code tasks:}: {@code tasks} Waits of {@code duration}, each running after the one before. */
  private static String chainedWaits(int tasks, String duration) {
    return IntStream.rangeClosed(1, tasks).mapToObj(i -> """
            - name: %s
              %s
              taskRef: {apiVersion: %s, kind: %s}
              params: [{name: duration, value: %s}]
        """.formatted(chainTask(i), i == 1 ? "" : "runAfter: [" + chainTask(i - 1) + "]",
        WaitTask.KIND.apiVersion(), WaitTask.KIND.kind(), duration)).collect(Collectors.joining());
  }

  /** A PipelineRun of {@code tasks} Waits of {@code duration} (a Go duration), all starting at once. */
  public static PipelineRun fanOfWaits(String namespace, String name, int tasks, String duration) {
    String taskList = IntStream.rangeClosed(1, tasks).mapToObj(i -> """
            - name: %s
              taskRef: {apiVersion: %s, kind: %s}
              params: [{name: duration, value: %s}]
        """.formatted(chainTask(i), WaitTask.KIND.apiVersion(), WaitTask.KIND.kind(), duration))
        .collect(Collectors.joining());
    return pipelineRun(namespace, name, taskList);
  }

  /** A PipelineRun of {@code tasks} ordinary tasks (TaskRuns, embedded specs), each running after the one before. */
  public static PipelineRun chainOfTaskRuns(String namespace, String name, int tasks) {
    String taskList = IntStream.rangeClosed(1, tasks).mapToObj(i -> """
            - name: %s
              %s
              taskSpec:
                steps: [{name: step, image: busybox, script: "true"}]
        """.formatted(chainTask(i), i == 1 ? "" : "runAfter: [" + chainTask(i - 1) + "]"))
        .collect(Collectors.joining());
    return pipelineRun(namespace, name, taskList);
  }

  /** An Approval CustomRun that {@code approver} alone decides (one approval required). */
  public static CustomRun approvalRun(String namespace, String name, String approver) {
    return customRun(name).inNamespace(namespace).ref(ApprovalTask.KIND).param("approvers", List.of(approver))
        .label(LABEL_KEY, "true").build();
  }

  /** {@code user}'s approval of the request {@code request} (an Approval run's name), as {@code ctk approve} makes it. */
  public static ApprovalDecision approval(String namespace, String request, String user) {
    ApprovalDecision decision = new ApprovalDecision();
    decision.setMetadata(new ObjectMetaBuilder().withName(request + "-" + user).withNamespace(namespace)
        .addToLabels(LABEL_KEY, "true").build());
    decision.setSpec(new ApprovalDecisionSpec(request, "approve", "", user, List.of()));
    return decision;
  }

  /** A Pipeline of {@code tasks} Waits of 0 s, each running after the one before. */
  public static Pipeline pipelineOfWaits(String namespace, String name, int tasks) {
    return Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata:
          name: %s
          namespace: %s
          labels: {%s: "true"}
        spec:
          tasks:
        %s""".formatted(name, namespace, LABEL_KEY, chainedWaits(tasks, "0s")), Pipeline.class);
  }

  /**
   * A CustomRun of {@code taskRef: {apiVersion: tekton.dev/v1, kind: Pipeline, name: pipeline}}, as a
   * PipelineRun controller creates it for a pipeline in a pipeline.
   */
  public static CustomRun pipelineInPipelineRun(String namespace, String name, String pipeline) {
    return customRun(name).inNamespace(namespace).ref(SubPipelineTask.PIPELINE_V1, pipeline)
        .label(LABEL_KEY, "true").build();
  }

  /** A Matrix CustomRun fanning out to {@code children} Waits of 0 s (children {@code <name>-0}, ...). */
  public static CustomRun matrixOfWaits(String namespace, String name, int children) {
    return customRun(name).inNamespace(namespace).embedded(MatrixTask.KIND, Map.of(
        "taskRef", Map.of("apiVersion", WaitTask.KIND.apiVersion(), "kind", WaitTask.KIND.kind()),
        "matrix", Map.of("params", List.of(Map.of("name", "duration", "value", Collections.nCopies(children, "0s"))))))
        .label(LABEL_KEY, "true").build();
  }

  /** A Loop CustomRun of {@code iterations} Waits of 0 s, one after another. */
  public static CustomRun loopOfWaits(String namespace, String name, int iterations) {
    return customRun(name).inNamespace(namespace).embedded(LoopTask.KIND, Map.of(
        "taskRef", Map.of("apiVersion", WaitTask.KIND.apiVersion(), "kind", WaitTask.KIND.kind()),
        "iterateParam", "duration", "items", Collections.nCopies(iterations, "0s")))
        .label(LABEL_KEY, "true").build();
  }

  /** A PipelineRun that takes a Lock on {@code key} (limit 1), then gives it back with an Unlock. */
  public static PipelineRun lockThenUnlock(String namespace, String name, String key) {
    return pipelineRun(namespace, name, """
            - name: take
              taskRef: {apiVersion: %1$s, kind: %2$s}
              params: [{name: key, value: %3$s}]
            - name: give-back
              runAfter: [take]
              taskRef: {apiVersion: %1$s, kind: %4$s}
              params: [{name: key, value: %3$s}]
        """.formatted(LockTask.KIND.apiVersion(), LockTask.KIND.kind(), key, UnlockTask.KIND.kind()));
  }

  /** A bench-labelled PipelineRun whose embedded pipeline has {@code taskList} (YAML items under {@code tasks:}). */
  private static PipelineRun pipelineRun(String namespace, String name, String taskList) {
    return Serialization.unmarshal("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata:
          name: %s
          namespace: %s
          labels: {%s: "true"}
        spec:
          pipelineSpec:
            tasks:
        %s""".formatted(name, namespace, LABEL_KEY, taskList), PipelineRun.class);
  }
}
