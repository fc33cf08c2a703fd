package dev.customtasks.concurrency;

import dev.customtasks.concurrency.slots.KeyId;
import dev.customtasks.concurrency.slots.KeySlots;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where keys' slots live: the API server ({@link ApiKeys}) or, in unit tests, memory. Every change
 * is a compare-and-set: {@code change} is applied to the key as stored and written back only if
 * nobody wrote in between; otherwise it is applied again to the fresh state. So {@code change}
 * must be a pure function of the state it is given.
 */
public interface Keys {

  /**
   * Applies {@code change} to the slots of {@code key} (in the namespace it names), creating the key with
   * {@code limit} when it does not exist yet.
   *
   * @return the slots as written (or as found, when {@code change} changed nothing)
   */
  KeySlots update(KeyId key, int limit, UnaryOperator<KeySlots> change);

  /** The same for a key that may not exist: then nothing is created and the result is empty. */
  Optional<KeySlots> updateIfExists(KeyId key, UnaryOperator<KeySlots> change);
}
