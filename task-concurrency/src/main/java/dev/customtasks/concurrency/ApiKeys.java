package dev.customtasks.concurrency;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.customtasks.concurrency.api.ConcurrencyKey;
import dev.customtasks.concurrency.api.ConcurrencyKeySpec;
import dev.customtasks.concurrency.api.ConcurrencyKeyStatus;
import dev.customtasks.concurrency.slots.KeyNames;
import dev.customtasks.concurrency.slots.KeySlots;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Keys as {@code ConcurrencyKey} objects, one per key and namespace. A change is read, applied and
 * written as JSON patches that replace {@code metadata.resourceVersion} with the version read: the
 * API server takes that as a precondition and answers 409 when someone wrote in between, and the
 * change is then applied again to what is stored now. The limit is in {@code spec}, the holders and
 * the queue in {@code status}; a new limit is written first, and the status write then depends on
 * that write's version, so both rest on one read.
 */
public final class ApiKeys implements Keys {

  private static final int TRIES = 16;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiKeys.class);

  private final KubernetesClient client;
  private final Function<ResourceID, Optional<ConcurrencyKey>> cache;

  /** Keys read from the API server only. */
  public ApiKeys(KubernetesClient client) {
    this(client, id -> Optional.empty());
  }

  /**
   * Keys read first from {@code cache} (an informer's), then, after a conflict, from the API
   * server: most ticks change nothing and need no request, and a stale read costs one 409.
   */
  public ApiKeys(KubernetesClient client, Function<ResourceID, Optional<ConcurrencyKey>> cache) {
    this.client = client;
    this.cache = cache;
  }

  @Override
  public KeySlots update(String namespace, String key, int limit, UnaryOperator<KeySlots> change) {
    return apply(namespace, key, limit, change).orElseThrow();
  }

  @Override
  public Optional<KeySlots> updateIfExists(String namespace, String key, UnaryOperator<KeySlots> change) {
    return apply(namespace, key, 0, change);
  }

  private Optional<KeySlots> apply(String namespace, String key, int limitIfNew, UnaryOperator<KeySlots> change) {
    String name = KeyNames.objectName(key);
    KubernetesClientException conflict = null;
    for (int i = 0; i < TRIES; i++) {
      ConcurrencyKey current = (i == 0 ? cache.apply(new ResourceID(name, namespace)) : Optional.<ConcurrencyKey>empty())
          .orElseGet(() -> client.resources(ConcurrencyKey.class).inNamespace(namespace).withName(name).get());
      if (current == null) {
        if (limitIfNew < 1) {
          return Optional.empty();
        }
        try {
          current = client.resource(newKey(namespace, name, key, limitIfNew)).create();
        } catch (KubernetesClientException e) {
          if (e.getCode() != 409) {
            throw e;
          }
          conflict = e;
          continue;
        }
      }
      if (current.getSpec() != null && current.getSpec().key() != null && !key.equals(current.getSpec().key())) {
        throw new IllegalStateException("ConcurrencyKey \"" + name + "\" in " + namespace + " belongs to key \""
            + current.getSpec().key() + "\", not \"" + key + "\"");
      }
      KeySlots before = KeyCodec.slots(current);
      KeySlots after = change.apply(before);
      try {
        if (after.limit() != before.limit()) {
          current = patchLimit(current, after.limit());
        }
        if (!after.equals(before)) {
          patchStatus(current, key, after);
        }
        return Optional.of(after);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        LOG.debug("ConcurrencyKey {}/{} changed under us, trying again", namespace, name);
        conflict = e;
        pauseAfterConflict(i);
      }
    }
    // Rethrown as the 409 it is: the controller retries the run later, from fresh state.
    throw conflict;
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

  private static ConcurrencyKey newKey(String namespace, String name, String key, int limit) {
    ConcurrencyKey object = new ConcurrencyKey();
    object.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    object.setSpec(new ConcurrencyKeySpec(key, limit));
    return object;
  }

  private ConcurrencyKey patchLimit(ConcurrencyKey current, int limit) {
    ArrayNode patch = precondition(current);
    patch.addObject().put("op", "add").put("path", "/spec/limit").put("value", limit);
    return client.resource(current).patch(PatchContext.of(PatchType.JSON), patch.toString());
  }

  private void patchStatus(ConcurrencyKey current, String key, KeySlots slots) {
    ConcurrencyKeyStatus status = KeyCodec.status(key, slots);
    ArrayNode patch = precondition(current);
    patch.addObject().put("op", "add").put("path", "/status")
        .set("value", client.getKubernetesSerialization().convertValue(status,
            com.fasterxml.jackson.databind.JsonNode.class));
    client.resource(current).subresource("status").patch(PatchContext.of(PatchType.JSON), patch.toString());
  }

  private static ArrayNode precondition(ConcurrencyKey current) {
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    patch.addObject().put("op", "replace").put("path", "/metadata/resourceVersion")
        .put("value", current.getMetadata().getResourceVersion());
    return patch;
  }
}
