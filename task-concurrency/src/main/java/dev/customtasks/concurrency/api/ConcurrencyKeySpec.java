package dev.customtasks.concurrency.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.customtasks.concurrency.slots.Scope;
import io.fabric8.crd.generator.annotation.SchemaFrom;

/**
 * @param key the full key, as the Locks name it (the object's name may be a hash of it)
 * @param limit how many may hold a slot at once: the latest Lock's {@code limit}
 * @param scope {@code cluster} for a key shared by every namespace; absent (or {@code namespace}) for a
 *     namespace key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConcurrencyKeySpec(
    @JsonPropertyDescription("The full key, as Locks name it; the object's name is a hash of it when it is long or not a valid name.")
    String key,
    @JsonPropertyDescription("How many runs may hold the key at once: the limit of the latest Lock that arrived.")
    Integer limit,
    @JsonPropertyDescription("cluster for a key shared by the runs of every namespace (kept in the controller's cluster keys namespace); namespace, or absent, for a key of this namespace only.")
    @SchemaFrom(type = Scope.class)
    String scope) {
}
