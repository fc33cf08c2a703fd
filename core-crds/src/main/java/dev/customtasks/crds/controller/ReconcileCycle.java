package dev.customtasks.crds.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Instant;
import java.util.Optional;

/**
 * The one order every reconciler here ends a cycle in, after deciding on a copy of its run:
 * first the status is written compare-and-set ({@link StatusWriter}); only once that succeeded
 * is the next wake-up armed (or dropped, for a finished run) and are the events told. A write
 * lost to a conflict throws before anything is armed or told, and the decision is made again on
 * fresh state.
 */
public final class ReconcileCycle {

  private ReconcileCycle() {
  }

  /**
   * Writes {@code desired}'s status over {@code original}'s, then arms or drops the wake-up, then
   * runs {@code afterWrite} (events).
   *
   * @param done whether {@code desired} is finished: its wake-up is dropped
   * @param wakeAt when to reconcile again if nothing else happens (ignored when done)
   * @return the object as the server stored it, or {@code original} when nothing changed
   * @throws io.fabric8.kubernetes.client.KubernetesClientException with code 409 when
   *     {@code original} was stale (nothing was armed or told)
   */
  public static <P extends HasMetadata> P finish(P original, P desired, Context<P> context,
      WakeUpEventSource<P> wakeUps, boolean done, Optional<Instant> wakeAt, Runnable afterWrite) {
    P written = StatusWriter.write(original, desired, context);
    if (done) {
      wakeUps.cancel(desired);
    } else {
      wakeAt.ifPresent(at -> wakeUps.wakeAt(desired, at));
    }
    afterWrite.run();
    return written;
  }
}
