package dev.customtasks.concurrency;

import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.CustomTaskModule;
import java.util.List;

/** Declares the Lock task and the ConcurrencyKey CRD to {@code ctk} and the e2e suite. */
public final class LockModule implements CustomTaskModule {

  /** The ConcurrencyKey CRD, as fabric8's CRD generator writes it into the jar. */
  public static final String CRD = "META-INF/fabric8/concurrencykeys.customtasks.dev-v1.yml";

  @Override
  public CustomTask<?, ?> task() {
    return new LockTask();
  }

  @Override
  public String description() {
    return "Lock: at most N runs inside a section per key, first come first served";
  }

  @Override
  public List<String> crds() {
    return List.of(CRD);
  }
}
