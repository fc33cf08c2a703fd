package dev.customtasks.concurrency.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * @param key the full key, as the Locks name it (the object's name may be a hash of it)
 * @param limit how many may hold a slot at once: the latest Lock's {@code limit}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConcurrencyKeySpec(
    @JsonPropertyDescription("The full key, as Locks name it; the object's name is a hash of it when it is long or not a valid name.")
    String key,
    @JsonPropertyDescription("How many runs may hold the key at once: the limit of the latest Lock that arrived.")
    Integer limit) {
}
