package dev.customtasks.crds.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceDeleteEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drops the per-object state JOSDK keeps (retries, rate limits) for an object deleted while a
 * reconcile of it was running, which JOSDK itself would keep for as long as the process lives:
 * one entry per run deleted at the wrong moment, a leak in a controller serving for months.
 *
 * <p>How it leaks, in JOSDK 5.2's {@code EventProcessor} (unchanged up to 5.5): the delete event
 * removes the object's state at once, even while a reconcile of it runs; when that reconcile
 * ends, {@code eventProcessingFinished} looks the state up with {@code getOrCreate} and so
 * creates a fresh one, which no delete event will come for any more. A run deleted right after
 * it finished (its last reconcile still recording Events), or during any reconcile, is enough.
 *
 * <p>The remedy uses the one hook JOSDK calls after {@code eventProcessingFinished}, on the same
 * thread: {@link Metrics#reconciliationExecutionFinished}. If the object is no longer in the
 * controller's cache then, its deletion has been seen, and the processor is handed a delete event
 * for it again, which removes the state (creating and removing one when there was none). The
 * check and the event happen under the processor's own lock (its event methods are
 * {@code synchronized}), so an object created again under the same name in between is seen as
 * present, not released. A reconcile still running for the object (submitted before the
 * deletion) ends with the same check, so whichever ends last leaves no state behind.
 */
final class DeletedRunState implements Metrics {

  private final Map<String, Controller<? extends HasMetadata>> controllers = new ConcurrentHashMap<>();

  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    controllers.put(controller.getConfiguration().getName(), controller);
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    Controller<? extends HasMetadata> controller = controllers.get(String.valueOf(metadata.get(Constants.CONTROLLER_NAME)));
    if (controller != null && resource != null) {
      releaseIfGone(controller, resource);
    }
  }

  private static void releaseIfGone(Controller<? extends HasMetadata> controller, HasMetadata resource) {
    ResourceID id = ResourceID.fromResource(resource);
    var processor = controller.getEventProcessor();
    synchronized (processor) {
      if (controller.getEventSourceManager().getControllerEventSource().get(id).isEmpty()) {
        processor.handleEvent(new ResourceDeleteEvent(ResourceAction.DELETED, id, resource, false));
      }
    }
  }
}
