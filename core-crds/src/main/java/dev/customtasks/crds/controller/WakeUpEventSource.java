package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.customrun.CustomRun;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.time.Instant;
import java.util.Set;

/** Turns the shared scheduler's wake-ups into reconcile events for one controller. */
final class WakeUpEventSource extends AbstractEventSource<Void, CustomRun> {

  private final WakeUpScheduler scheduler;
  private final String group;

  WakeUpEventSource(WakeUpScheduler scheduler, String controllerName) {
    super(Void.class, "wake-ups");
    this.scheduler = scheduler;
    this.group = controllerName;
  }

  @Override
  public void start() {
    scheduler.register(group, this::fire);
    super.start();
  }

  @Override
  public void stop() {
    scheduler.unregister(group);
    super.stop();
  }

  void wakeAt(CustomRun run, Instant at) {
    scheduler.wakeAt(group, key(ResourceID.fromResource(run)), at);
  }

  void cancel(CustomRun run) {
    scheduler.cancel(group, key(ResourceID.fromResource(run)));
  }

  private void fire(String key) {
    if (isRunning()) {
      int slash = key.indexOf('/');
      getEventHandler().handleEvent(new Event(new ResourceID(key.substring(slash + 1), key.substring(0, slash))));
    }
  }

  private static String key(ResourceID id) {
    return id.getNamespace().orElse("") + "/" + id.getName();
  }

  @Override
  public Set<Void> getSecondaryResources(CustomRun primary) {
    return Set.of();
  }
}
