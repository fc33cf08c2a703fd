package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.Timestamps;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a Kubernetes Event at each transition of a run, as {@code kubectl describe} shows them.
 * Events are sent from one background thread, not from the reconcile thread: they are a courtesy
 * to humans, and a busy API server must not hold up the runs themselves. When the queue is full,
 * events are dropped rather than letting memory grow.
 */
public final class RunEvents {

  private static final Logger LOG = LoggerFactory.getLogger(RunEvents.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final int QUEUE_LIMIT = 10_000;
  /** One sender for the whole process: events are rare next to status writes. */
  private static final ExecutorService SENDER = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
      new LinkedBlockingQueue<>(QUEUE_LIMIT), r -> {
        Thread t = new Thread(r, "run-events");
        t.setDaemon(true);
        return t;
      }, (task, pool) -> LOG.debug("event queue full: an event was dropped"));

  private final KubernetesClient client;
  private final String component;

  public RunEvents(KubernetesClient client, String component) {
    this.client = client;
    this.component = component;
  }

  /**
   * Waits, at most {@code timeout}, until the events recorded so far are sent: call it after the
   * operator stopped and before its client closes, so that a clean stop tells what it did.
   */
  public static void flush(java.time.Duration timeout) {
    java.util.concurrent.FutureTask<Void> marker = new java.util.concurrent.FutureTask<>(() -> null);
    SENDER.execute(marker);
    try {
      marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.debug("events still queued after {}: they are dropped", timeout);
    }
  }

  /** Records {@code event} about {@code run}. */
  public void record(HasMetadata run, RunEvent event) {
    emit(run, event.warning() ? "Warning" : "Normal", event.reason(), event.message(), event.at());
  }

  public void normal(HasMetadata run, String reason, String message, Instant now) {
    emit(run, "Normal", reason, message, now);
  }

  public void warning(HasMetadata run, String reason, String message, Instant now) {
    emit(run, "Warning", reason, message, now);
  }

  private void emit(HasMetadata run, String type, String reason, String message, Instant now) {
    SENDER.execute(() -> send(run, type, reason, message, now));
  }

  private void send(HasMetadata run, String type, String reason, String message, Instant now) {
    String name = run.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli())
        + Long.toHexString(SEQUENCE.incrementAndGet());
    try {
      client.v1().events().inNamespace(run.getMetadata().getNamespace()).resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(run.getMetadata().getNamespace()).endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(run.getApiVersion()).withKind(run.getKind())
              .withName(run.getMetadata().getName()).withNamespace(run.getMetadata().getNamespace())
              .withUid(run.getMetadata().getUid()).build())
          .withType(type).withReason(reason).withMessage(dev.customtasks.crds.api.SafeText.escape(message))
          .withFirstTimestamp(Timestamps.format(now)).withLastTimestamp(Timestamps.format(now)).withCount(1)
          .withNewSource().withComponent(component).endSource()
          .build()).create();
    } catch (RuntimeException e) {
      // An event is a courtesy to humans; failing to record one must not fail the run.
      LOG.debug("could not record event {} for {}: {}", reason, run.getMetadata().getName(), e.getMessage());
    }
  }
}
