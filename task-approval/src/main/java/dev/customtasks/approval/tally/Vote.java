package dev.customtasks.approval.tally;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One person's decision on one request, as the controller reads it from an {@code ApprovalDecision}.
 *
 * @param id the decision object's name, unique per request: how a vote already counted is known again
 * @param user who decided (verified equal to the requesting user by the admission handler)
 * @param groups the listed groups the person decided through (recorded for the audit trail)
 * @param verdict approve or reject
 * @param comment free text, possibly empty
 * @param at when the decision was created (the API server's {@code creationTimestamp}, seconds)
 * @param sequence orders decisions created in the same second (the object's resourceVersion when
 *     numeric, otherwise {@link Long#MAX_VALUE}); ties fall back to {@code id}
 */
public record Vote(String id, String user, List<String> groups, Verdict verdict, String comment, Instant at,
    long sequence) {

  public Vote {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(verdict, "verdict");
    groups = groups == null ? List.of() : List.copyOf(groups);
    comment = comment == null ? "" : comment;
  }
}
