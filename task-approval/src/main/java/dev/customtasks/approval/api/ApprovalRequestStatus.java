package dev.customtasks.approval.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Where a request stands: its state and the audit trail of every counted decision, in order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalRequestStatus(
    @JsonPropertyDescription("Pending, Approved, Rejected, TimedOut or Cancelled.")
    String state,
    @JsonPropertyDescription("Distinct approvals so far over approvals required, e.g. 1/2.")
    String approvals,
    @JsonPropertyDescription("Who approved, once each, in order.")
    List<String> approvers,
    @JsonPropertyDescription("Every counted decision, in the order it was cast.")
    List<RecordedDecision> decisions,
    @JsonPropertyDescription("RFC 3339 instant the request closed.")
    String closedAt,
    @JsonPropertyDescription("Why the request is in its state.")
    String message) {

  /**
   * One counted decision.
   *
   * @param name the ApprovalDecision object's name
   * @param user who decided
   * @param groups the listed groups the person decided through
   * @param decision approve or reject
   * @param comment the person's comment
   * @param time when the decision was created (RFC 3339)
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record RecordedDecision(String name, String user, List<String> groups, String decision, String comment,
      String time) {

    public RecordedDecision {
      // Empty values are left out on the wire; read back they must compare equal to what was written.
      groups = groups == null ? List.of() : List.copyOf(groups);
      comment = comment == null ? "" : comment;
    }
  }
}
