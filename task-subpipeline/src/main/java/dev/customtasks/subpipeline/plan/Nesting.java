package dev.customtasks.subpipeline.plan;

import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.crds.controller.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where a sub-pipeline stands among its ancestors, so that a pipeline that includes itself
 * (directly or through others) is refused instead of recursing, and runaway nesting stops at a
 * depth limit.
 *
 * <p>The chain travels down with the runs: each child PipelineRun carries the pipelines above it
 * and itself in the annotation {@link #CHAIN_ANNOTATION} ({@code release > build > compile}) and
 * its depth in the label {@link #DEPTH_LABEL}. A PipelineRun controller copies a PipelineRun's
 * annotations and labels onto the CustomRuns it creates (Tekton's and this project's do), so the
 * CustomRun of a task inside the child reads its ancestors from its own metadata. At the top, a
 * CustomRun without the annotation starts the chain with its PipelineRun's pipeline (the label
 * {@code tekton.dev/pipeline}), or with nothing for a bare CustomRun.
 *
 * @param chain the pipelines from the top down to the CustomRun's own pipeline
 * @param depth how many sub-pipelines deep the CustomRun's own pipeline is: 0 at the top
 */
public record Nesting(List<String> chain, int depth) {

  /** The chain of pipelines on a child PipelineRun (and, copied, on the runs under it). */
  public static final String CHAIN_ANNOTATION = "customtasks.dev/pipeline-chain";
  /** How many sub-pipelines deep a child PipelineRun is: 1 for a pipeline run by a top-level one. */
  public static final String DEPTH_LABEL = "customtasks.dev/pipeline-depth";
  /** The default depth limit. */
  public static final int DEFAULT_MAX_DEPTH = 10;
  /** Reason: the child pipeline is one of its own ancestors. */
  public static final String PIPELINE_CYCLE = "PipelineCycle";
  /** Reason: the child would be nested deeper than the limit. */
  public static final String NESTING_TOO_DEEP = "NestingTooDeep";

  private static final String SEPARATOR = " > ";

  public Nesting {
    chain = List.copyOf(chain);
  }

  /**
   * Where the CustomRun with these labels and annotations stands.
   *
   * @param labels the CustomRun's labels (null for none)
   * @param annotations the CustomRun's annotations (null for none)
   */
  public static Nesting of(Map<String, String> labels, Map<String, String> annotations) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    Map<String, String> a = annotations == null ? Map.of() : annotations;
    String chain = a.get(CHAIN_ANNOTATION);
    if (chain != null && !chain.isBlank()) {
      List<String> entries = Arrays.stream(chain.split(SEPARATOR)).map(String::trim).filter(s -> !s.isEmpty())
          .toList();
      return new Nesting(entries, parseDepth(l.get(DEPTH_LABEL), entries.size() - 1));
    }
    String top = l.get(TektonLabels.PIPELINE);
    return new Nesting(top == null || top.isBlank() ? List.of() : List.of(top), 0);
  }

  /**
   * The nesting of a child that runs {@code pipeline} under this one.
   *
   * @param pipeline the child's entry ({@link PipelineSource#identity()})
   * @param maxDepth the deepest a child may be
   * @throws InvalidInputException {@link #PIPELINE_CYCLE} when {@code pipeline} is already in the
   *     chain (an embedded pipeline never is), {@link #NESTING_TOO_DEEP} past {@code maxDepth};
   *     each message shows the chain
   */
  public Nesting enter(String pipeline, int maxDepth) {
    List<String> next = new ArrayList<>(chain);
    next.add(pipeline);
    if (!PipelineSource.EMBEDDED.equals(pipeline) && chain.contains(pipeline)) {
      throw new InvalidInputException(PIPELINE_CYCLE, "Pipeline \"" + pipeline + "\" includes itself: "
          + String.join(" -> ", next.subList(chain.indexOf(pipeline), next.size()))
          + (chain.indexOf(pipeline) > 0 ? " (chain: " + String.join(" -> ", next) + ")" : ""));
    }
    if (depth + 1 > maxDepth) {
      throw new InvalidInputException(NESTING_TOO_DEEP, "running " + pipeline + " here would nest pipelines "
          + (depth + 1) + " deep, more than the limit of " + maxDepth + ": " + String.join(" -> ", next));
    }
    return new Nesting(next, depth + 1);
  }

  /** The value of {@link #CHAIN_ANNOTATION}. */
  public String chainAnnotation() {
    return String.join(SEPARATOR, chain);
  }

  private static int parseDepth(String label, int fallback) {
    if (label == null) {
      return Math.max(fallback, 0);
    }
    try {
      return Math.max(Integer.parseInt(label.trim()), 0);
    } catch (NumberFormatException e) {
      return Math.max(fallback, 0);
    }
  }
}
