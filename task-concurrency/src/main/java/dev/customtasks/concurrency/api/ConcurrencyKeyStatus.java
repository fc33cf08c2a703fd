package dev.customtasks.concurrency.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * @param key the full key
 * @param holders the runs holding a slot, in the order they got it
 * @param queue the runs waiting, first in line first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConcurrencyKeyStatus(
    @JsonPropertyDescription("The full key.")
    String key,
    @JsonPropertyDescription("The Lock runs holding a slot, in the order they got it.")
    List<KeyEntry> holders,
    @JsonPropertyDescription("The Lock runs waiting for a slot, first in line first.")
    List<KeyEntry> queue) {
}
