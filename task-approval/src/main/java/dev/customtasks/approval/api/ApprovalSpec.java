package dev.customtasks.approval.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.customtasks.approval.tally.OnTimeout;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.List;

/**
 * An approval policy. The same fields come from params, an embedded {@code customSpec.spec} or a
 * named {@link Approval} object.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalSpec(
    @JsonPropertyDescription("Who may decide: user names, and groups as group:NAME.")
    List<String> approvers,
    @JsonPropertyDescription("How many distinct people must approve; default 1. A person counts once whatever groups they hold.")
    Integer required,
    @JsonPropertyDescription("What is asked, shown to approvers.")
    String message,
    @JsonPropertyDescription("A Go duration (24h, 90m) after the run's start at which the request times out; none by default.")
    String timeout,
    @JsonPropertyDescription("What a request still pending at its timeout becomes: reject (default) or approve.")
    @SchemaFrom(type = OnTimeout.class)
    String onTimeout) {
}
