package dev.customtasks.approval.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.customtasks.approval.tally.OnTimeout;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.List;

/** What a request asks; written once by the controller from the run's policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalRequestSpec(
    @JsonPropertyDescription("What is asked.")
    String message,
    @JsonPropertyDescription("Who may decide: user names, and groups as group:NAME.")
    List<String> approvers,
    @JsonPropertyDescription("How many distinct people must approve.")
    int required,
    @JsonPropertyDescription("RFC 3339 instant at which a pending request times out; absent for none.")
    String deadline,
    @JsonPropertyDescription("What the request becomes at its deadline: reject or approve.")
    @SchemaFrom(type = OnTimeout.class)
    String onTimeout,
    @JsonPropertyDescription("The CustomRun this request stands for.")
    String customRun) {
}
