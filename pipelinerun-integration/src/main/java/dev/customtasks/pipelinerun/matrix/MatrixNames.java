package dev.customtasks.pipelinerun.matrix;

import dev.customtasks.crds.controller.Children;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of a pipeline task's child runs, as Tekton's {@code getNewRunNames}
 * ({@code pkg/reconciler/pipelinerun/resources/pipelinerunresolution.go}) makes them: one child is
 * {@code <pipelinerun>-<task>}, a fan-out of n is {@code <pipelinerun>-<task>-0} to
 * {@code -<n-1>}. A name past 63 characters is shortened, and when shortening loses the
 * {@code -<index>} suffix the shortened {@code <pipelinerun>-<task>} is cut to leave room for it.
 */
public final class MatrixNames {

  private static final int MAX_NAME = 63;

  private MatrixNames() {
  }

  /** The names of {@code count} children (at least 1), in index order. */
  public static List<String> childNames(String pipelineRun, String task, int count) {
    List<String> names = new ArrayList<>();
    if (count == 1) {
      names.add(Children.shorten(pipelineRun + "-" + task));
      return names;
    }
    for (int i = 0; i < count; i++) {
      String suffix = "-" + i;
      String name = Children.shorten(pipelineRun + "-" + task + suffix);
      if (!name.endsWith(suffix)) {
        String base = Children.shorten(pipelineRun + "-" + task);
        int longest = MAX_NAME - ("-" + count).length();
        name = base.substring(0, Math.min(base.length(), longest)) + suffix;
      }
      names.add(name);
    }
    return names;
  }
}
