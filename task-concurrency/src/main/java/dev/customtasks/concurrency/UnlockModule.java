package dev.customtasks.concurrency;

import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.CustomTaskModule;
import java.util.List;

/**
 * Declares the Unlock task to {@code ctk} and the e2e suite. It needs the ConcurrencyKey CRD but
 * declares none: {@link LockModule} installs it, and Unlock is useful only beside Lock (declaring
 * it twice would list it twice wherever CRDs are checked).
 */
public final class UnlockModule implements CustomTaskModule {

  @Override
  public CustomTask<?, ?> task() {
    return new UnlockTask();
  }

  @Override
  public String description() {
    return "Unlock: give a Lock's slot back before the PipelineRun ends";
  }

  @Override
  public List<String> crds() {
    return List.of();
  }
}
