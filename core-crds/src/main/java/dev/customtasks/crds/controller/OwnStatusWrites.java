package dev.customtasks.crds.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Tells a run's status changed by someone else (edited by hand: a condition set to {@code Maybe},
 * a {@code startTime} rewritten) from a status this process wrote itself, so that the first reaches
 * the reconciler at once and the second does not cause a reconcile of its own.
 *
 * <p>JOSDK's default update filter is generation-aware: an update that changes only the status
 * does not bump {@code metadata.generation} and is dropped, so a hand-edited status would be seen
 * only at the run's next wake-up, possibly hours later. Turning that filter off alone would make
 * every status write of ours come back as an event, one more reconcile per write. JOSDK 5.2 tells
 * its own writes apart only for secondary resources (the temporary resource cache of
 * {@code InformerEventSource}); the same check for the primary resource came with JOSDK 5.3
 * ({@code ReconcileUtils}). Until then this is that check, by content: {@link StatusWriter} records
 * each status it is about to write, and an update event whose status is one recorded is ours and
 * consumed. Recording by content rather than by the written resourceVersion means no race with the
 * watch event, which may arrive before the write's response. Records are kept per controller
 * (by name): several controllers in one process watch the same kind, and each must see its own
 * writes as its own. Records whose event never came (the watch was re-listed past them) are
 * dropped after {@link #KEEP_MILLIS}.
 */
public final class OwnStatusWrites {

  /** How long a written status waits for its watch event; one that comes later costs one reconcile, no more. */
  static final long KEEP_MILLIS = 5 * 60_000L;
  /** Runs with records at which records past {@link #KEEP_MILLIS} are swept from all runs. */
  private static final int SWEEP_AT = 1024;

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Map<String, Deque<Written>> WRITTEN = new ConcurrentHashMap<>();

  private record Written(JsonNode status, long atMillis) {
  }

  private OwnStatusWrites() {
  }

  /**
   * The update filter of every controller here: generation-aware filtering off, and an update
   * passes when {@code answers} the run and the update is one that someone else made: a spec change
   * (new generation), the deletion mark, or a status this process did not write. A change of
   * metadata only (labels, annotations, our own included) passes as before: not at all.
   *
   * @param name the controller's name, as registered (the writes of that controller are its own)
   * @param answers whether the controller answers the run at all (e.g. not finished, of its kinds)
   */
  public static <R extends HasMetadata> ControllerConfigurationOverrider<R> filter(
      ControllerConfigurationOverrider<R> controller, String name, Predicate<R> answers) {
    return controller.withGenerationAware(false)
        .withOnAddFilter(answers::test)
        // A run answered before the update may show our own write, the one that finished it
        // included: its record is consumed even when the run is no longer answered.
        .withOnUpdateFilter((updated, previous) -> (answers.test(previous) || answers.test(updated))
            && changedByOthers(name, updated, previous) && answers.test(updated));
  }

  /**
   * Whether the update from {@code previous} to {@code updated} is one the controller named did
   * not make itself; a status it wrote is consumed.
   */
  public static boolean changedByOthers(String controller, HasMetadata updated, HasMetadata previous) {
    Long before = previous.getMetadata().getGeneration();
    Long after = updated.getMetadata().getGeneration();
    if (before != null && after != null && after > before) {
      return true;
    }
    if (!previous.isMarkedForDeletion() && updated.isMarkedForDeletion()) {
      return true;
    }
    JsonNode status = statusOf(updated);
    if (status.equals(statusOf(previous))) {
      return false;
    }
    return !consume(key(controller, updated), status);
  }

  /** Records that the controller named is about to write {@code status} to {@code run}; call before the write. */
  static void expect(String controller, HasMetadata run, Object status) {
    expect(controller, run, toJson(status));
  }

  /** The same, with the status as the JSON about to be written (a missing node for none). */
  static void expect(String controller, HasMetadata run, JsonNode status) {
    String key = key(controller, run);
    if (key == null) {
      return;
    }
    long now = System.currentTimeMillis();
    if (WRITTEN.size() >= SWEEP_AT) {
      WRITTEN.keySet().forEach(each -> WRITTEN.computeIfPresent(each, (k, records) -> {
        records.removeIf(w -> now - w.atMillis() > KEEP_MILLIS);
        return records.isEmpty() ? null : records;
      }));
    }
    Written written = new Written(status, now);
    WRITTEN.compute(key, (k, records) -> {
      Deque<Written> out = records == null ? new ArrayDeque<>() : records;
      out.addLast(written);
      return out;
    });
  }

  /** Forgets a status recorded by {@link #expect} whose write failed: no event will come for it. */
  static void forget(String controller, HasMetadata run, Object status) {
    forget(controller, run, toJson(status));
  }

  /** The same, with the status as the JSON whose write failed. */
  static void forget(String controller, HasMetadata run, JsonNode json) {
    String key = key(controller, run);
    if (key == null) {
      return;
    }
    WRITTEN.computeIfPresent(key, (k, records) -> {
      Iterator<Written> newestFirst = records.descendingIterator();
      while (newestFirst.hasNext()) {
        if (newestFirst.next().status().equals(json)) {
          newestFirst.remove();
          break;
        }
      }
      return records.isEmpty() ? null : records;
    });
  }

  /**
   * Whether {@code status} was recorded for the run; if so it is consumed with every record before
   * it (their events were superseded), and the run's records dropped once none is left.
   */
  private static boolean consume(String key, JsonNode status) {
    if (key == null) {
      return false;
    }
    boolean[] found = {false};
    long now = System.currentTimeMillis();
    WRITTEN.computeIfPresent(key, (k, records) -> {
      records.removeIf(w -> now - w.atMillis() > KEEP_MILLIS);
      found[0] = records.stream().anyMatch(w -> w.status().equals(status));
      while (found[0] && !records.isEmpty() && !records.removeFirst().status().equals(status)) {
        // drops the records written before the one this event shows
      }
      return records.isEmpty() ? null : records;
    });
    return found[0];
  }

  /** Whether a write to {@code run} still waits for its event; for tests. */
  static boolean pending(String controller, HasMetadata run) {
    String key = key(controller, run);
    return key != null && WRITTEN.containsKey(key);
  }

  /** Where the controller's records for the run are kept: its name and the run's uid; null without a uid. */
  private static String key(String controller, HasMetadata run) {
    String uid = run.getMetadata().getUid();
    return uid == null ? null : controller + "/" + uid;
  }

  private static JsonNode statusOf(HasMetadata run) {
    return StatusWriter.statusOf(SERIALIZATION, run);
  }

  private static JsonNode toJson(Object status) {
    return status == null ? MissingNode.getInstance() : SERIALIZATION.convertValue(status, JsonNode.class);
  }
}
