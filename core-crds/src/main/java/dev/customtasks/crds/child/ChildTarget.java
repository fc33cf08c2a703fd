package dev.customtasks.crds.child;

import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.TaskRef;
import dev.customtasks.crds.api.pipeline.EmbeddedTask;
import dev.customtasks.crds.api.pipeline.PipelineRef;
import dev.customtasks.crds.api.pipeline.PipelineSpec;
import dev.customtasks.crds.api.pipeline.TaskSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * What a child run runs, and so which kind of run it is: a Tekton Task (a {@code TaskRun}), a
 * custom task (a {@code CustomRun}) or a Pipeline (a {@code PipelineRun}), each by reference or
 * embedded. {@link #of(TaskRef, EmbeddedTask)} classifies a pipeline task's {@code taskRef} /
 * {@code taskSpec} by Tekton's rule ({@code PipelineTask.IsCustomTask}: both {@code apiVersion}
 * and {@code kind} set means a custom task).
 */
public sealed interface ChildTarget {

  /** A Tekton Task by reference ({@code taskRef.name}, or a resolver or bundle): a TaskRun. */
  record TaskByRef(TaskRef ref) implements ChildTarget {
    public TaskByRef {
      Objects.requireNonNull(ref, "ref");
    }
  }

  /** An embedded Tekton Task ({@code taskSpec} with steps): a TaskRun. */
  record EmbeddedTaskSpec(TaskSpec spec) implements ChildTarget {
    public EmbeddedTaskSpec {
      Objects.requireNonNull(spec, "spec");
    }
  }

  /** A custom task by reference ({@code apiVersion}, {@code kind}, optional {@code name}): a CustomRun. */
  record CustomByRef(TaskRef ref) implements ChildTarget {
    public CustomByRef {
      Objects.requireNonNull(ref, "ref");
    }
  }

  /** An embedded custom task ({@code taskSpec} with {@code apiVersion}, {@code kind}, {@code spec}): a CustomRun. */
  record EmbeddedCustom(EmbeddedTask spec) implements ChildTarget {
    public EmbeddedCustom {
      Objects.requireNonNull(spec, "spec");
    }
  }

  /** A Pipeline by reference: a PipelineRun. */
  record PipelineByRef(PipelineRef ref) implements ChildTarget {
    public PipelineByRef {
      Objects.requireNonNull(ref, "ref");
    }
  }

  /** An embedded Pipeline: a PipelineRun. */
  record EmbeddedPipeline(PipelineSpec spec) implements ChildTarget {
    public EmbeddedPipeline {
      Objects.requireNonNull(spec, "spec");
    }
  }

  /**
   * Classifies a {@code taskRef} or {@code taskSpec} (exactly one non-null) as Tekton's
   * PipelineRun controller does: a custom task when it names both {@code apiVersion} and
   * {@code kind} (so a {@code taskRef} of kind {@code Pipeline} with an apiVersion is a custom task
   * too), else a Tekton Task.
   *
   * @throws IllegalArgumentException when both or neither are given
   */
  static ChildTarget of(TaskRef taskRef, EmbeddedTask taskSpec) {
    if ((taskRef == null) == (taskSpec == null)) {
      throw new IllegalArgumentException("exactly one of taskRef or taskSpec is required");
    }
    if (taskRef != null) {
      return isCustom(taskRef.getApiVersion(), taskRef.getKind()) ? new CustomByRef(taskRef) : new TaskByRef(taskRef);
    }
    return taskSpec.customKind().isPresent() ? new EmbeddedCustom(taskSpec) : new EmbeddedTaskSpec(taskSpec);
  }

  /**
   * A Pipeline by reference or embedded (exactly one non-null).
   *
   * @throws IllegalArgumentException when both or neither are given
   */
  static ChildTarget ofPipeline(PipelineRef pipelineRef, PipelineSpec pipelineSpec) {
    if ((pipelineRef == null) == (pipelineSpec == null)) {
      throw new IllegalArgumentException("exactly one of pipelineRef or pipelineSpec is required");
    }
    return pipelineRef != null ? new PipelineByRef(pipelineRef) : new EmbeddedPipeline(pipelineSpec);
  }

  /** The kind of run this target becomes: {@code TaskRun}, {@code CustomRun} or {@code PipelineRun}. */
  default String runKind() {
    if (this instanceof TaskByRef || this instanceof EmbeddedTaskSpec) {
      return "TaskRun";
    }
    return this instanceof PipelineByRef || this instanceof EmbeddedPipeline ? "PipelineRun" : "CustomRun";
  }

  /** The custom task type, for the two custom forms; empty for Tasks and Pipelines. */
  default Optional<TaskKind> customKind() {
    if (this instanceof CustomByRef c) {
      return Optional.of(new TaskKind(c.ref().getApiVersion(), c.ref().getKind()));
    }
    return this instanceof EmbeddedCustom c ? c.spec().customKind() : Optional.empty();
  }

  private static boolean isCustom(String apiVersion, String kind) {
    return apiVersion != null && !apiVersion.isBlank() && kind != null && !kind.isBlank();
  }
}
