package dev.customtasks.matrix;

import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.CustomTaskModule;
import java.util.List;

/** Declares the Matrix task to {@code ctk} and the e2e suite (see {@code META-INF/services}). */
public final class MatrixModule implements CustomTaskModule {

  /** The Matrix CRD, as fabric8's CRD generator writes it into the jar. */
  public static final String CRD = "META-INF/fabric8/matrices.customtasks.dev-v1.yml";

  @Override
  public CustomTask<?, ?> task() {
    return new MatrixTask();
  }

  @Override
  public String description() {
    return "Matrix: fan a task out over parameter combinations, with maxParallel and failFast";
  }

  @Override
  public List<String> crds() {
    return List.of(CRD);
  }
}
