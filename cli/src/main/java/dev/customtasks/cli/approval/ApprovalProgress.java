package dev.customtasks.cli.approval;

import dev.customtasks.approval.api.ApprovalRequest;
import dev.customtasks.approval.api.ApprovalRequestStatus.RecordedDecision;
import dev.customtasks.crds.api.customrun.CustomRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an approval stands, from its {@link ApprovalRequest} (the approvers it asks, every decision
 * counted so far): who decided and how, and who has not decided yet. The Approval controller's own
 * condition message names every approver it asks, whether or not they have voted; this is what a
 * person reading a run wants to know instead.
 *
 * <p>A user approver who decided is no longer waited for. A group approver ({@code group:NAME}) is
 * waited for while the request is open, since another member may still decide, and names the
 * members who already did.
 *
 * @param request the ApprovalRequest's name, which {@code ctk approve} takes
 * @param approvals distinct approvals over approvals required, e.g. {@code 1/2}
 * @param state {@code Pending}, {@code Approved}, {@code Rejected}, {@code TimedOut} or {@code Cancelled}
 * @param decided each person's latest decision, in the order first cast: {@code alice approved: fine by me}
 * @param waiting the approvers not heard from while the request is open; empty once it is closed
 */
public record ApprovalProgress(String request, String approvals, String state, List<String> decided,
    List<String> waiting) {

  public ApprovalProgress {
    decided = List.copyOf(decided);
    waiting = List.copyOf(waiting);
  }

  /** The progress of {@code request}. */
  public static ApprovalProgress of(ApprovalRequest request) {
    var spec = request.getSpec();
    var status = request.getStatus();
    String state = status == null || status.state() == null ? "Pending" : status.state();
    List<RecordedDecision> decisions = status == null || status.decisions() == null ? List.of() : status.decisions();
    Map<String, RecordedDecision> latest = new LinkedHashMap<>();
    decisions.forEach(d -> latest.put(d.user(), d));
    List<String> decided = latest.values().stream().map(ApprovalProgress::describe).toList();
    List<String> waiting = new ArrayList<>();
    if ("Pending".equals(state) && spec != null && spec.approvers() != null) {
      for (String approver : spec.approvers()) {
        if (approver.startsWith("group:")) {
          String group = approver.substring("group:".length());
          List<String> members = latest.values().stream().filter(d -> d.groups().contains(group))
              .map(RecordedDecision::user).toList();
          waiting.add(members.isEmpty() ? approver : approver + " (but " + String.join(", ", members) + ")");
        } else if (!latest.containsKey(approver)) {
          waiting.add(approver);
        }
      }
    }
    String approvals = status != null && status.approvals() != null ? status.approvals()
        : "0/" + (spec == null ? "?" : spec.required());
    return new ApprovalProgress(request.getMetadata().getName(), approvals, state, decided, waiting);
  }

  /**
   * The progress of an approval run, read from the ApprovalRequest its {@code status.extraFields}
   * names; empty for a run that is no approval, has no request yet, or whose request cannot be read.
   */
  public static Optional<ApprovalProgress> read(KubernetesClient client, CustomRun run) {
    if (run.getStatus() == null || !(run.getStatus().getExtraFields() instanceof Map<?, ?> extra)
        || !(extra.get("approvalRequest") instanceof String name)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(client.resources(ApprovalRequest.class).inNamespace(run.getMetadata().getNamespace())
          .withName(name).get()).map(ApprovalProgress::of);
    } catch (KubernetesClientException e) {
      // Not allowed to read requests, or no such kind here: the run's own message stays.
      return Optional.empty();
    }
  }

  /**
   * One line: {@code 1/2 Pending; decided: alice approved: fine by me; waiting for: bob, group:ops:
   * ctk approve REQUEST} (the command while it is pending, as the controller's message gives it).
   */
  public String line() {
    return summary() + ("Pending".equals(state) ? ": ctk approve " + request : "");
  }

  /** {@link #line()} without the command. */
  public String summary() {
    StringBuilder line = new StringBuilder(approvals + " " + state);
    if (!decided.isEmpty()) {
      line.append("; decided: ").append(String.join(", ", decided));
    }
    if (!waiting.isEmpty()) {
      line.append("; waiting for: ").append(String.join(", ", waiting));
    }
    return line.toString();
  }

  private static String describe(RecordedDecision decision) {
    String verdict = switch (decision.decision() == null ? "" : decision.decision()) {
      case "approve" -> "approved";
      case "reject" -> "rejected";
      default -> decision.decision();
    };
    return decision.user() + (decision.groups().isEmpty() ? "" : " (group " + String.join(", ", decision.groups())
        + ")") + " " + verdict + (decision.comment().isBlank() ? "" : ": " + decision.comment());
  }
}
