package dev.customtasks.concurrency.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The params of an {@code Unlock}.
 *
 * @param key the key whose slot this PipelineRun gives back
 * @param scope {@code namespace} (default) or {@code cluster}, as the Lock said
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnlockSpec(String key, String scope) {
}
