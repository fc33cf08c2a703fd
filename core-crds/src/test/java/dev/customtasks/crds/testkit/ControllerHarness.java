package dev.customtasks.crds.testkit;

import dev.customtasks.crds.controller.Operators;
import dev.customtasks.crds.controller.RunEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.util.function.Consumer;

/**
 * Runs controllers against a server the way a process would, and lets a test stop and start
 * them again mid-run: each start is a fresh client and a fresh operator, as after a restart.
 */
public final class ControllerHarness implements AutoCloseable {

  private final java.util.function.Supplier<KubernetesClient> clients;
  private final Consumer<Operator> registrations;
  private KubernetesClient client;
  private Operator operator;

  /**
   * @param clients gives a new client per start (e.g. {@code server::newClient})
   * @param registrations registers the controllers on a fresh operator
   */
  public ControllerHarness(java.util.function.Supplier<KubernetesClient> clients, Consumer<Operator> registrations) {
    this.clients = clients;
    this.registrations = registrations;
  }

  public synchronized ControllerHarness start() {
    if (operator != null) {
      throw new IllegalStateException("already started");
    }
    client = clients.get();
    operator = Operators.create(client);
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

  public synchronized boolean isRunning() {
    return operator != null;
  }

  @Override
  public void close() {
    stop();
  }
}
