package dev.customtasks.matrix.plan;

import java.util.List;

/**
 * What the matrix does on one tick, from {@link MatrixSchedule#decide}.
 *
 * @param start the combinations whose child to create now, ascending
 * @param cancelRunning whether to cancel every child still running (fail-fast after a failure)
 * @param verdict how the matrix stands once {@code start} and the cancel are done
 * @param failed the combinations whose child failed or was cancelled, ascending
 * @param active how many children hold a slot once {@code start} is done (0 after a cancel)
 * @param done how many children are done
 */
public record Decision(List<Integer> start, boolean cancelRunning, Verdict verdict, List<Integer> failed, int active,
    int done) {

  public Decision {
    start = List.copyOf(start);
    failed = List.copyOf(failed);
  }

  public boolean isFinished() {
    return verdict != Verdict.RUNNING;
  }
}
