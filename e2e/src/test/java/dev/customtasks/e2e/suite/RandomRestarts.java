package dev.customtasks.e2e.suite;

import dev.customtasks.crds.testkit.ControllerHarness;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Restarts the controllers again and again, each time after a random pause, until closed: the
 * faults tests' chaos. Close it before the controllers: a restart still under way finishes
 * first, since closing the client under a starting informer is a fatal informer error, which ends
 * the JVM.
 */
public final class RandomRestarts implements AutoCloseable {

  private final ScheduledThreadPoolExecutor chaos = new ScheduledThreadPoolExecutor(1);
  private final ControllerHarness controllers;
  private final Random random;
  private final int minMillis;
  private final int spreadMillis;
  private final AtomicInteger restarts = new AtomicInteger();

  private RandomRestarts(ControllerHarness controllers, Random random, int minMillis, int spreadMillis) {
    this.controllers = controllers;
    this.random = random;
    this.minMillis = minMillis;
    this.spreadMillis = spreadMillis;
    chaos.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Starts restarting {@code controllers}, each pause {@code minMillis} plus up to
   * {@code spreadMillis} (exclusive) drawn from {@code random}.
   */
  public static RandomRestarts start(ControllerHarness controllers, Random random, int minMillis, int spreadMillis) {
    RandomRestarts restarts = new RandomRestarts(controllers, random, minMillis, spreadMillis);
    restarts.scheduleNext();
    return restarts;
  }

  private void scheduleNext() {
    chaos.schedule(() -> {
      controllers.restart();
      restarts.incrementAndGet();
      if (!chaos.isShutdown()) {
        scheduleNext();
      }
    }, minMillis + random.nextInt(spreadMillis), TimeUnit.MILLISECONDS);
  }

  /** Restarts done so far. */
  public int count() {
    return restarts.get();
  }

  /**
   * Starts no more restarts and waits for one under way to finish.
   *
   * @throws AssertionError if the last restart does not finish within a minute
   */
  @Override
  public void close() {
    chaos.shutdown();
    try {
      if (!chaos.awaitTermination(1, TimeUnit.MINUTES)) {
        throw new AssertionError("the last restart did not finish within a minute");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
