package dev.customtasks.approval.admission;

import dev.customtasks.approval.api.ApprovalDecision;
import dev.customtasks.approval.api.ApprovalRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** What the admission handler checks a decision against: the request, and the decisions already made. */
public interface DecisionLookup {

  Optional<ApprovalRequest> request(String namespace, String name);

  /** Every decision in {@code namespace}. */
  List<ApprovalDecision> decisions(String namespace);

  /** Read from the API server (not a cache: a decision made a moment ago must count as made). */
  static DecisionLookup of(KubernetesClient client) {
    return new DecisionLookup() {
      @Override
      public Optional<ApprovalRequest> request(String namespace, String name) {
        return Optional.ofNullable(client.resources(ApprovalRequest.class).inNamespace(namespace).withName(name).get());
      }

      @Override
      public List<ApprovalDecision> decisions(String namespace) {
        return client.resources(ApprovalDecision.class).inNamespace(namespace).list().getItems();
      }
    };
  }
}
