package dev.customtasks.crds.testkit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts how often each controller's {@code reconcile} ran for each object, through JOSDK's
 * {@link Metrics} hook (give it to {@link ControllerHarness}): for tests that check a change does
 * not add reconciles, e.g. that a controller's own status writes do not come back as reconciles.
 */
public final class ReconcileCounter implements Metrics {

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    counts.computeIfAbsent(key(String.valueOf(metadata.get(Constants.CONTROLLER_NAME)), ResourceID.fromResource(resource)), k -> new AtomicInteger()).incrementAndGet();
  }

  /** How many reconciles the controller named ran for the object so far. */
  public int of(String controller, String namespace, String name) {
    AtomicInteger count = counts.get(key(controller, new ResourceID(name, namespace)));
    return count == null ? 0 : count.get();
  }

  private static String key(String controller, ResourceID id) {
    return controller + "|" + id.getNamespace().orElse("") + "/" + id.getName();
  }
}
