package dev.customtasks.concurrency.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The params (or {@code customSpec.spec}) of a {@code Lock}; strings as Tekton passes them.
 *
 * @param key any label value (longer than 63 characters is fine); runs with the same key in one
 *     namespace share its slots
 * @param limit slots per key, a whole number of at least 1; default 1 (a mutex)
 * @param onNewer {@code queue} (default), {@code cancel-older} or {@code skip-newer}
 * @param scope {@code namespace} (default): runs of the Lock's namespace share the key;
 *     {@code cluster}: runs of every namespace do
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LockSpec(String key, String limit, String onNewer, String scope) {
}
