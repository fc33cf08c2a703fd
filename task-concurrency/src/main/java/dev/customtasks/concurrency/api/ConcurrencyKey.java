package dev.customtasks.concurrency.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * {@code customtasks.dev/v1alpha1 ConcurrencyKey}: one per key and namespace, created by the first
 * Lock of the key. {@code spec.limit} is the latest Lock's limit; {@code status.holders} and
 * {@code status.queue} say who holds a slot and who waits, in order. Every write is a
 * compare-and-set on {@code metadata.resourceVersion}, so controllers racing, or restarting, never
 * let more than the limit in.
 */
@Group("customtasks.dev")
@Version("v1alpha1")
@Kind("ConcurrencyKey")
@Plural("concurrencykeys")
@Singular("concurrencykey")
public class ConcurrencyKey extends CustomResource<ConcurrencyKeySpec, ConcurrencyKeyStatus> implements Namespaced {

  public static final String API_VERSION = "customtasks.dev/v1alpha1";
}
