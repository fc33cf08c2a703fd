package dev.customtasks.approval.admission;

import dev.customtasks.approval.api.Approval;
import dev.customtasks.approval.api.ApprovalDecision;
import dev.customtasks.approval.api.ApprovalRequest;
import dev.customtasks.crds.admission.ObjectReads;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Optional;

/** What the admission handler checks a decision against: the request, and the decisions already made. */
public interface DecisionLookup {

  Optional<ApprovalRequest> request(String namespace, String name);

  /** Every decision in {@code namespace}. */
  List<ApprovalDecision> decisions(String namespace);

  /** Read from the source of truth (not a cache: a decision made a moment ago must count as made). */
  static DecisionLookup of(ObjectReads reads) {
    return new DecisionLookup() {
      @Override
      public Optional<ApprovalRequest> request(String namespace, String name) {
        return reads.get(Approval.GROUP, Approval.VERSION, "approvalrequests", namespace, name)
            .map(o -> Serialization.jsonMapper().convertValue(o, ApprovalRequest.class));
      }

      @Override
      public List<ApprovalDecision> decisions(String namespace) {
        return reads.list(Approval.GROUP, Approval.VERSION, "approvaldecisions", namespace).stream()
            .map(o -> Serialization.jsonMapper().convertValue(o, ApprovalDecision.class)).toList();
      }
    };
  }
}
