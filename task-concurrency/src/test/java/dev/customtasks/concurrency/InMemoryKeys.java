package dev.customtasks.concurrency;

import dev.customtasks.concurrency.slots.KeyId;
import dev.customtasks.concurrency.slots.KeySlots;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Keys in memory, for unit tests: each change applies at once (nobody writes in between). */
final class InMemoryKeys implements Keys {

  final Map<String, KeySlots> keys = new LinkedHashMap<>();

  @Override
  public synchronized KeySlots update(KeyId key, int limit, UnaryOperator<KeySlots> change) {
    KeySlots after = change.apply(keys.getOrDefault(id(key), KeySlots.empty(limit)));
    keys.put(id(key), after);
    return after;
  }

  /** namespace/object name: a cluster key and a namespace key of one string are two entries. */
  static String id(KeyId key) {
    return key.namespace() + "/" + key.objectName();
  }

  @Override
  public synchronized Optional<KeySlots> updateIfExists(KeyId key, UnaryOperator<KeySlots> change) {
    return Optional.ofNullable(keys.get(id(key))).map(slots -> update(key, 1, change));
  }

  /** The slots of {@code key}, in whichever namespace the runs are. */
  KeySlots get(String key) {
    return keys.entrySet().stream().filter(e -> e.getKey().endsWith("/" + key)).map(Map.Entry::getValue)
        .findFirst().orElseThrow();
  }
}
