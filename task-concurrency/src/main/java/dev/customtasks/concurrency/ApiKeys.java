package dev.customtasks.concurrency;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.customtasks.concurrency.api.ConcurrencyKey;
import dev.customtasks.concurrency.api.ConcurrencyKeySpec;
import dev.customtasks.concurrency.api.ConcurrencyKeyStatus;
import dev.customtasks.concurrency.slots.KeyNames;
import dev.customtasks.concurrency.slots.KeyId;
import dev.customtasks.concurrency.slots.KeySlots;
import dev.customtasks.concurrency.slots.Scope;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Keys as {@code ConcurrencyKey} objects, one per key and namespace. A change is read, applied and
 * written as JSON patches that replace {@code metadata.resourceVersion} with the version read: the
 * API server takes that as a precondition and answers 409 when someone wrote in between, and the
 * change is then applied again to what is stored now. The limit is in {@code spec}, the holders and
 * the queue in {@code status}; a new limit is written first, and the status write then depends on
 * that write's version, so both rest on one read.
 *
 * <p>Within one controller a key is written by one thread at a time, and the changes that queued
 * up for it meanwhile go together in its next write: applied in the order they came, each to the
 * state the one before it left, as if written one after the other, and written at once (a group
 * commit). Each write starts from the object this controller wrote last when its cache has not
 * caught up yet. A conflict among the controller's own threads is pure waste: when a hundred Locks
 * arrived at once, the run whose turn it was lost its compare-and-set again and again to the
 * arrivals (1300 conflicts, seconds for one hand-over), and a hundred arrivals one write each
 * would still keep it waiting behind them. The compare-and-set stays: it is what keeps two
 * controllers, or a restarted one, right.
 */
public final class ApiKeys implements Keys {

  private static final int TRIES = 16;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiKeys.class);

  private final KubernetesClient client;
  private final Function<ResourceID, Optional<ConcurrencyKey>> cache;
  private final boolean cacheLags;
  private final Map<ResourceID, Turn> turns = new ConcurrentHashMap<>();
  private final Map<ResourceID, Written> written = new ConcurrentHashMap<>();

  /**
   * A key's turn: who writes it now, and the changes waiting for that write. Only kept while some
   * thread wants the key, so a controller that saw many keys keeps nothing for the idle ones;
   * {@code users} changes only inside the map's {@code compute}, which is atomic per key.
   */
  private static final class Turn {
    final ReentrantLock lock = new ReentrantLock(true);
    final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    int users;
  }

  /** This controller's last write of a key: the object as stored, and the version it replaced. */
  private record Written(String replaced, ConcurrencyKey stored) {
  }

  /** Keys read from the API server only. */
  public ApiKeys(KubernetesClient client) {
    this(client, id -> Optional.empty(), false);
  }

  /**
   * Keys read first from {@code cache} (an informer's), then, after a conflict, from the API
   * server: most ticks change nothing and need no request, and a stale read costs one 409.
   */
  public ApiKeys(KubernetesClient client, Function<ResourceID, Optional<ConcurrencyKey>> cache) {
    this(client, cache, true);
  }

  private ApiKeys(KubernetesClient client, Function<ResourceID, Optional<ConcurrencyKey>> cache, boolean cacheLags) {
    this.client = client;
    this.cache = cache;
    this.cacheLags = cacheLags;
  }

  @Override
  public KeySlots update(KeyId key, int limit, UnaryOperator<KeySlots> change) {
    return apply(key, limit, change).orElseThrow();
  }

  @Override
  public Optional<KeySlots> updateIfExists(KeyId key, UnaryOperator<KeySlots> change) {
    return apply(key, 0, change);
  }

  private Optional<KeySlots> apply(KeyId key, int limitIfNew, UnaryOperator<KeySlots> change) {
    ResourceID id = new ResourceID(key.objectName(), key.namespace());
    Pending mine = new Pending(key, limitIfNew, change);
    Turn turn = turns.compute(id, (k, t) -> {
      Turn joined = t == null ? new Turn() : t;
      joined.users++;
      joined.waiting.add(mine);
      return joined;
    });
    turn.lock.lock();
    try {
      if (!mine.done) {
        // Everything that queued up for the key while the last write was on its way goes in one write.
        List<Pending> batch = new ArrayList<>();
        for (Pending next = turn.waiting.poll(); next != null; next = turn.waiting.poll()) {
          batch.add(next);
        }
        try {
          applyInTurn(id, batch);
        } catch (RuntimeException e) {
          batch.stream().filter(p -> !p.done).forEach(p -> p.fail(e));
        }
      }
    } finally {
      turn.lock.unlock();
      // The last one out forgets the key; its change, like every other, was written by then.
      turns.computeIfPresent(id, (k, t) -> --t.users == 0 ? null : t);
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    return mine.result;
  }

  /** How many changes of {@code key} wait for the thread writing it now; 0 when none. */
  int queuedChanges(KeyId key) {
    Turn turn = turns.get(new ResourceID(key.objectName(), key.namespace()));
    return turn == null ? 0 : turn.waiting.size();
  }

  /** How many keys this controller keeps anything for: those wanted now, and its writes its cache has not shown. */
  int keysKept() {
    Set<ResourceID> kept = new HashSet<>(turns.keySet());
    kept.addAll(written.keySet());
    return kept.size();
  }

  /**
   * The key as this controller knows it best: its cache's copy, or its own last write where the
   * cache still has the version that write replaced.
   */
  private Optional<ConcurrencyKey> known(ResourceID id) {
    Optional<ConcurrencyKey> cached = cache.apply(id);
    Written mine = written.get(id);
    if (mine != null && cached.isPresent()) {
      if (mine.replaced().equals(cached.get().getMetadata().getResourceVersion())) {
        return Optional.of(mine.stored());
      }
      // The cache has moved past the version this write replaced: it knows as much or more.
      written.remove(id, mine);
    }
    return cached;
  }

  /**
   * Applies {@code batch}'s changes in order to the key as stored, each to what the one before it
   * left, and writes the last state once; on a conflict all of them again, to the fresh state.
   */
  private void applyInTurn(ResourceID id, List<Pending> batch) {
    String name = id.getName();
    String namespace = id.getNamespace().orElseThrow();
    KubernetesClientException conflict = null;
    for (int i = 0; i < TRIES; i++) {
      ConcurrencyKey current = (i == 0 ? known(id) : Optional.<ConcurrencyKey>empty())
          .orElseGet(() -> client.resources(ConcurrencyKey.class).inNamespace(namespace).withName(name).get());
      if (current == null) {
        Optional<Pending> creator = batch.stream().filter(p -> p.limitIfNew >= 1).findFirst();
        if (creator.isEmpty()) {
          batch.forEach(p -> p.succeed(Optional.empty()));
          return;
        }
        try {
          current = client.resource(newKey(namespace, name, creator.get().key, creator.get().limitIfNew)).create();
        } catch (KubernetesClientException e) {
          if (e.getCode() != 409) {
            throw e;
          }
          conflict = e;
          continue;
        }
      }
      String storedKey = current.getSpec() == null ? null : current.getSpec().key();
      KeySlots before = KeyCodec.slots(current);
      KeySlots after = before;
      Map<Pending, Object> outcomes = new LinkedHashMap<>();
      for (Pending p : batch) {
        if (storedKey != null && !storedKey.equals(p.key.key())) {
          outcomes.put(p, new IllegalStateException("ConcurrencyKey \"" + name + "\" in " + namespace
              + " belongs to key \"" + storedKey + "\", not \"" + p.key.key() + "\""));
          continue;
        }
        try {
          after = p.change.apply(after);
          outcomes.put(p, after);
        } catch (RuntimeException e) {
          outcomes.put(p, e);
        }
      }
      try {
        String replaced = current.getMetadata().getResourceVersion();
        if (after.limit() != before.limit()) {
          current = patchLimit(current, after.limit());
        }
        if (!after.equals(before)) {
          String key = storedKey != null ? storedKey : batch.get(0).key.key();
          current = patchStatus(current, key, after);
        }
        if (cacheLags && !replaced.equals(current.getMetadata().getResourceVersion())) {
          written.put(id, new Written(replaced, current));
        }
        outcomes.forEach((p, outcome) -> {
          if (outcome instanceof RuntimeException e) {
            p.fail(e);
          } else {
            p.succeed(Optional.of((KeySlots) outcome));
          }
        });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        LOG.debug("ConcurrencyKey {}/{} changed under us, trying again", namespace, name);
        conflict = e;
        pauseAfterConflict(i);
      }
    }
    // Rethrown as the 409 it is: the controller retries the runs later, from fresh state.
    throw conflict;
  }

  /** A change waiting for its key's turn; finished by whichever thread writes it. */
  private static final class Pending {

    final KeyId key;
    final int limitIfNew;
    final UnaryOperator<KeySlots> change;
    volatile boolean done;
    volatile Optional<KeySlots> result;
    volatile RuntimeException failure;

    Pending(KeyId key, int limitIfNew, UnaryOperator<KeySlots> change) {
      this.key = key;
      this.limitIfNew = limitIfNew;
      this.change = change;
    }

    void succeed(Optional<KeySlots> slots) {
      result = slots;
      done = true;
    }

    void fail(RuntimeException e) {
      failure = e;
      done = true;
    }
  }

  /**
   * A short random pause, growing with each conflict (up to 80 ms): when many Locks arrive at
   * once they all write the same key, and without it they collide again in lock step.
   */
  private static void pauseAfterConflict(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 4)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ConcurrencyKey newKey(String namespace, String name, KeyId key, int limit) {
    ConcurrencyKey object = new ConcurrencyKey();
    object.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    // spec.scope only for a cluster key: a namespace key's object is as it always was.
    object.setSpec(new ConcurrencyKeySpec(key.key(), limit, key.scope() == Scope.CLUSTER ? key.scope().word() : null));
    return object;
  }

  private ConcurrencyKey patchLimit(ConcurrencyKey current, int limit) {
    ArrayNode patch = precondition(current);
    patch.addObject().put("op", "add").put("path", "/spec/limit").put("value", limit);
    return client.resource(current).patch(PatchContext.of(PatchType.JSON), patch.toString());
  }

  private ConcurrencyKey patchStatus(ConcurrencyKey current, String key, KeySlots slots) {
    ConcurrencyKeyStatus status = KeyCodec.status(key, slots);
    ArrayNode patch = precondition(current);
    patch.addObject().put("op", "add").put("path", "/status")
        .set("value", client.getKubernetesSerialization().convertValue(status,
            com.fasterxml.jackson.databind.JsonNode.class));
    return client.resource(current).subresource("status").patch(PatchContext.of(PatchType.JSON), patch.toString());
  }

  private static ArrayNode precondition(ConcurrencyKey current) {
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    patch.addObject().put("op", "replace").put("path", "/metadata/resourceVersion")
        .put("value", current.getMetadata().getResourceVersion());
    return patch;
  }
}
