package dev.customtasks.approval.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.customtasks.approval.tally.Verdict;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.List;

/** One person's decision. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalDecisionSpec(
    @JsonPropertyDescription("The ApprovalRequest decided on (the CustomRun's name), in the same namespace.")
    String request,
    @JsonPropertyDescription("approve or reject.")
    @SchemaFrom(type = Verdict.class)
    String decision,
    @JsonPropertyDescription("Why; shown in the run's message on a reject.")
    String comment,
    @JsonPropertyDescription("Who decides: must equal the user creating this object.")
    String user,
    @JsonPropertyDescription("Listed groups the user decides through: each must be a group the user holds.")
    List<String> groups) {
}
