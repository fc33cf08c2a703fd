package dev.customtasks.crds.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import java.time.Instant;
import java.util.Set;

/**
 * Turns the shared scheduler's wake-ups into reconcile events for one controller. A run deleted
 * before its wake-up drops it at once: a process that serves for months must not keep a trigger
 * per run someone gave a long wait and then removed.
 */
public final class WakeUpEventSource<P extends HasMetadata> extends AbstractEventSource<Void, P>
    implements ResourceEventAware<P> {

  private final WakeUpScheduler scheduler;
  private final String group;

  public WakeUpEventSource(WakeUpScheduler scheduler, String controllerName) {
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

  public void wakeAt(P run, Instant at) {
    scheduler.wakeAt(group, key(ResourceID.fromResource(run)), at);
  }

  public void cancel(P run) {
    scheduler.cancel(group, key(ResourceID.fromResource(run)));
  }

  @Override
  public void onResourceDeleted(P run) {
    cancel(run);
  }

  private void fire(String key) {
    if (isRunning()) {
      int slash = key.indexOf('/');
      getEventHandler().handleEvent(new Event(new ResourceID(key.substring(slash + 1), key.substring(0, slash))));
    }
  }

  static String key(ResourceID id) {
    return id.getNamespace().orElse("") + "/" + id.getName();
  }

  @Override
  public Set<Void> getSecondaryResources(P primary) {
    return Set.of();
  }
}
