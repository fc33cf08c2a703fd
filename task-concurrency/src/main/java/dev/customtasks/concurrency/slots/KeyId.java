package dev.customtasks.concurrency.slots;

import java.util.Objects;

/**
 * Which {@code ConcurrencyKey} object holds a key's slots: a namespace key lives in the Lock run's
 * own namespace, a cluster key in the one namespace the controller keeps cluster keys in.
 *
 * @param namespace the namespace of the {@code ConcurrencyKey} object
 * @param key the full key, as the Locks name it
 * @param scope who shares it
 */
public record KeyId(String namespace, String key, Scope scope) {

  public KeyId {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(scope, "scope");
  }

  /**
   * The key of {@code scope} as a run in {@code runNamespace} names it: a cluster key lives in
   * {@code clusterNamespace}, a namespace key in {@code runNamespace}.
   */
  public static KeyId of(String key, Scope scope, String runNamespace, String clusterNamespace) {
    return new KeyId(scope == Scope.CLUSTER ? clusterNamespace : runNamespace, key, scope);
  }

  /** The name of the {@code ConcurrencyKey} object ({@link KeyNames#objectName(String, Scope)}). */
  public String objectName() {
    return KeyNames.objectName(key, scope);
  }

  /** The key as a person reads it: {@code deploy-prod}, or {@code deploy-prod (cluster)}. */
  public String shown() {
    return scope == Scope.CLUSTER ? key + " (cluster)" : key;
  }
}
