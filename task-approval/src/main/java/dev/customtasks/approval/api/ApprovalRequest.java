package dev.customtasks.approval.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * {@code customtasks.dev/v1alpha1 ApprovalRequest}: what one run asks, of whom, and every decision
 * so far. The controller creates it with the CustomRun's name, owned by the run; people read it and
 * answer with an {@link ApprovalDecision}. Only the controller writes its status.
 */
@Group(Approval.GROUP)
@Version(Approval.VERSION)
@Kind("ApprovalRequest")
@Plural("approvalrequests")
@Singular("approvalrequest")
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Approvals", jsonPath = ".status.approvals", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ApprovalRequest extends CustomResource<ApprovalRequestSpec, ApprovalRequestStatus> implements Namespaced {

  /** Whether the request still takes decisions. */
  @JsonIgnore
  public boolean isPending() {
    return getStatus() == null || getStatus().state() == null || "Pending".equals(getStatus().state());
  }
}
