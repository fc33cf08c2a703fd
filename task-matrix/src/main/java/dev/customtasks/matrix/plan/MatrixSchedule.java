package dev.customtasks.matrix.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, from where every combination's child stands, which children to start now, whether to
 * cancel the running ones, and whether the matrix is done and how it ended. Pure: the caller
 * observes the children and acts on the answer.
 *
 * <h2>Rules</h2>
 *
 * <ol>
 *   <li><b>Order.</b> Children start in combination order, the lowest not-started index first, so
 *       the children created so far are always a prefix {@code 0..k-1} of the combinations.</li>
 *   <li><b>maxParallel.</b> At most {@code maxParallel} children are active (created and not done:
 *       {@link ChildPhase#PENDING} or {@link ChildPhase#RUNNING}); null means no limit. Whenever
 *       slots are free, that many more start.</li>
 *   <li><b>failFast.</b> When a child has failed (or was cancelled by someone else), nothing more
 *       starts, every running child is cancelled and the matrix fails at once.</li>
 *   <li><b>Without failFast</b> every combination runs; once all are done the matrix succeeds when
 *       all succeeded, else fails naming the failed ones.</li>
 * </ol>
 *
 * <p><b>Stale observations.</b> A controller decides on a cache that may lag behind the API server
 * (and a restarted one on the status it wrote last). Because children start as a prefix, and a
 * stale view can only miss children created last or completions seen last, it can only
 * under-count free slots or choose indices already created (which the caller finds again by
 * name instead of creating twice): never more than {@code maxParallel} children are active. The
 * caller must count a child its own status says it created as at least {@link ChildPhase#PENDING}
 * even when the cache does not show it yet.
 */
public final class MatrixSchedule {

  private MatrixSchedule() {
  }

  /**
   * @param phases where each combination's child stands, in combination order
   * @param maxParallel the most children active at once (at least 1), or null for no limit
   * @param failFast whether the first failure cancels the rest
   * @throws IllegalArgumentException for a {@code maxParallel} below 1
   */
  public static Decision decide(List<ChildPhase> phases, Integer maxParallel, boolean failFast) {
    if (maxParallel != null && maxParallel < 1) {
      throw new IllegalArgumentException("maxParallel must be at least 1, got " + maxParallel);
    }
    List<Integer> failed = new ArrayList<>();
    int active = 0;
    int done = 0;
    for (int i = 0; i < phases.size(); i++) {
      ChildPhase phase = phases.get(i);
      if (phase.isFailure()) {
        failed.add(i);
      }
      if (phase.isActive()) {
        active++;
      }
      if (phase.isDone()) {
        done++;
      }
    }
    if (failFast && !failed.isEmpty()) {
      return new Decision(List.of(), active > 0, Verdict.FAILED, failed, 0, done);
    }
    int free = maxParallel == null ? Integer.MAX_VALUE : Math.max(0, maxParallel - active);
    List<Integer> start = new ArrayList<>();
    for (int i = 0; i < phases.size() && start.size() < free; i++) {
      if (!phases.get(i).isStarted()) {
        start.add(i);
      }
    }
    active += start.size();
    boolean allDone = done == phases.size();
    Verdict verdict = !allDone ? Verdict.RUNNING : failed.isEmpty() ? Verdict.SUCCEEDED : Verdict.FAILED;
    return new Decision(start, false, verdict, failed, active, done);
  }
}
