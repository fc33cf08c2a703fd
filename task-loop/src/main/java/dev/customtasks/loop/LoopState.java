package dev.customtasks.loop;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a loop keeps in {@code status.extraFields}: every iteration started, in order. The
 * children themselves (deterministic names) are the truth about how each stands; this list says
 * which were started, so a restarted controller starts none twice and skips none, and shows the
 * loop's progress to people ({@code kubectl get -o yaml}, {@code ctk describe}).
 *
 * @param iterations every iteration started, by number
 * @param taskRuns TaskLoop's form (tektoncd/experimental): child TaskRun name to its iteration, for runs of a
 *     {@code TaskLoop}; null otherwise
 * @param pipelineRuns PipelineLoop's form (kfp-tekton): child PipelineRun name to its iteration and item,
 *     for runs of a {@code PipelineLoop}; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoopState(List<IterationStatus> iterations, Map<String, ChildIteration> taskRuns,
    Map<String, ChildIteration> pipelineRuns) {

  /**
   * One iteration.
   *
   * @param iteration its number, 1 for the first
   * @param item the value it iterates with
   * @param name its child's name
   * @param kind its child's kind (TaskRun, CustomRun, PipelineRun)
   * @param outcome Pending, Running, Succeeded, Failed or Cancelled
   * @param reason the child's reason once done; null before
   * @param completionTime when the child ended (RFC 3339), as first seen; null before
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IterationStatus(int iteration, String item, String name, String kind, String outcome, String reason,
      String completionTime) {
  }

  /** An entry of TaskLoop's {@code taskRuns} or PipelineLoop's {@code pipelineRuns} map. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ChildIteration(int iteration, String iterationItem) {
  }
}
