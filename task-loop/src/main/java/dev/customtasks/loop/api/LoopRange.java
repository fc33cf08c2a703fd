package dev.customtasks.loop.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A numeric range: {@code from} to {@code to}, both included, {@code step} apart. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoopRange(
    @JsonPropertyDescription("The first value.")
    Long from,
    @JsonPropertyDescription("The last value, included when a step lands on it.")
    Long to,
    @JsonPropertyDescription("The distance between values; default 1, or -1 when to is below from. Never 0.")
    Long step) {
}
