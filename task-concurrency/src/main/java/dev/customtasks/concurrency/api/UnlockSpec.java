package dev.customtasks.concurrency.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The params of an {@code Unlock}.
 *
 * @param key the key whose slot this PipelineRun gives back
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnlockSpec(String key) {
}
