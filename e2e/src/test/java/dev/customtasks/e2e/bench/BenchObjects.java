package dev.customtasks.e2e.bench;

import static dev.customtasks.crds.testkit.CustomRunBuilder.customRun;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.wait.WaitTask;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Locale;
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
    String taskList = IntStream.rangeClosed(1, tasks).mapToObj(i -> """
            - name: %s
              %s
              taskRef: {apiVersion: %s, kind: %s}
              params: [{name: duration, value: 0s}]
        """.formatted(chainTask(i), i == 1 ? "" : "runAfter: [" + chainTask(i - 1) + "]",
        WaitTask.KIND.apiVersion(), WaitTask.KIND.kind())).collect(Collectors.joining());
    return pipelineRun(namespace, name, taskList);
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
