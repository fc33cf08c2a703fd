package dev.customtasks.pipelinerun.matrix;

import dev.customtasks.crds.api.Param;
import java.util.List;
import java.util.Optional;

/**
 * One child run of a matrixed pipeline task.
 *
 * @param index the child's position in the fan-out, 0-based: the {@code -<index>} of its name
 * @param params the child's params as Tekton gives them: its combination sorted by name, then the
 *     pipeline task's own params in declaration order
 * @param displayName the {@code childReferences[].displayName} Tekton writes for it, if any
 */
public record MatrixChild(int index, List<Param> params, Optional<String> displayName) {

  public MatrixChild {
    params = List.copyOf(params);
  }
}
