package dev.customtasks.concurrency.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One Lock run holding or waiting; times are RFC 3339.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyEntry(
    @JsonPropertyDescription("The Lock CustomRun's namespace.")
    String namespace,
    @JsonPropertyDescription("The Lock CustomRun's name.")
    String name,
    @JsonPropertyDescription("The Lock CustomRun's uid.")
    String uid,
    @JsonPropertyDescription("The PipelineRun the Lock runs in; absent for a standalone Lock.")
    String pipelineRun,
    @JsonPropertyDescription("When the Lock CustomRun was created: the order of the queue.")
    String created,
    @JsonPropertyDescription("Since when it holds the slot (holders) or waits (queue).")
    String since) {
}
