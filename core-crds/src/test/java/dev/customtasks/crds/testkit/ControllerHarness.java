package dev.customtasks.crds.testkit;

import dev.customtasks.crds.controller.Operators;
import dev.customtasks.crds.controller.RunEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.Operator;
import java.util.function.Consumer;

/**
 * Runs controllers against a server the way a process would, and lets a test stop and start
 * them again mid-run: each start is a fresh client and a fresh operator, as after a restart.
 */
public final class ControllerHarness implements AutoCloseable {

  private final java.util.function.Supplier<KubernetesClient> clients;
  private final Consumer<Operator> registrations;
  private final Consumer<ConfigurationServiceOverrider> settings;
  private KubernetesClient client;
  private Operator operator;

  /**
   * @param clients gives a new client per start (e.g. {@code server::newClient})
   * @param registrations registers the controllers on a fresh operator
   */
  public ControllerHarness(java.util.function.Supplier<KubernetesClient> clients, Consumer<Operator> registrations) {
    this(clients, registrations, o -> { });
  }

  /**
   * The same, with more operator settings, e.g. {@code o -> o.withMetrics(counter)} with a
   * {@link ReconcileCounter}.
   *
   * @param settings more operator settings, applied after the project's own (e.g. a JOSDK
   *     {@code Metrics} that a benchmark reads, or the number of reconcile threads)
   */
  public ControllerHarness(java.util.function.Supplier<KubernetesClient> clients, Consumer<Operator> registrations,
      Consumer<ConfigurationServiceOverrider> settings) {
    this.clients = clients;
    this.registrations = registrations;
    this.settings = settings;
  }

  public synchronized ControllerHarness start() {
    if (operator != null) {
      throw new IllegalStateException("already started");
    }
    client = clients.get();
    operator = Operators.create(client, settings);
    registrations.accept(operator);
    operator.start();
    return this;
  }

  public synchronized void stop() {
    if (operator != null) {
      operator.stop();
      RunEvents.flush(java.time.Duration.ofSeconds(5));
      client.close();
      operator = null;
      client = null;
    }
  }

  public synchronized ControllerHarness restart() {
    stop();
    return start();
  }

  /** The configuration JOSDK resolved for the controller named. */
  public synchronized io.javaoperatorsdk.operator.api.config.ControllerConfiguration<?> configurationOf(
      String controller) {
    if (operator == null) {
      throw new IllegalStateException("not started");
    }
    return operator.getRegisteredController(controller)
        .orElseThrow(() -> new IllegalArgumentException("no controller named " + controller)).getConfiguration();
  }

  /**
   * Whether JOSDK still holds per-run state (retries, rate limits) for a run in the controller
   * named. It keeps it until the run's deletion reaches the controller, so a controller whose
   * filters hide deletions keeps it for every run it ever saw. JOSDK offers no API for this: it
   * is read by reflection, for tests only.
   */
  public synchronized boolean holdsStateFor(String controller, String namespace, String name) {
    if (operator == null) {
      throw new IllegalStateException("not started");
    }
    var registered = operator.getRegisteredController(controller)
        .orElseThrow(() -> new IllegalArgumentException("no controller named " + controller));
    try {
      Object processor = ((io.javaoperatorsdk.operator.processing.Controller<?>) registered).getEventProcessor();
      java.lang.reflect.Field field = processor.getClass().getDeclaredField("resourceStateManager");
      field.setAccessible(true);
      Object states = field.get(processor);
      java.lang.reflect.Method contains = states.getClass().getDeclaredMethod("contains",
          io.javaoperatorsdk.operator.processing.event.ResourceID.class);
      contains.setAccessible(true);
      return (boolean) contains.invoke(states, new io.javaoperatorsdk.operator.processing.event.ResourceID(name,
          namespace));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("JOSDK's event processor changed: cannot read its per-run state", e);
    }
  }

  public synchronized boolean isRunning() {
    return operator != null;
  }

  @Override
  public void close() {
    stop();
  }
}
