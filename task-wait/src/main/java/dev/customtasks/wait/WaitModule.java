package dev.customtasks.wait;

import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.CustomTaskModule;
import java.util.List;

/** Declares the Wait task to {@code ctk} and the e2e suite (see {@code META-INF/services}). */
public final class WaitModule implements CustomTaskModule {

  /** The Wait CRD, as fabric8's CRD generator writes it into the jar. */
  public static final String CRD = "META-INF/fabric8/waits.customtasks.dev-v1.yml";

  @Override
  public CustomTask<?, ?> task() {
    return new WaitTask();
  }

  @Override
  public String description() {
    return "Wait: finish after a duration, at a time, or at a cron window's opening";
  }

  @Override
  public List<String> crds() {
    return List.of(CRD);
  }
}
