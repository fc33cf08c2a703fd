package dev.customtasks.approval.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * {@code customtasks.dev/v1alpha1 ApprovalDecision}: one person's answer to one request. Append
 * only: the admission handler refuses every update and delete, and checks that {@code spec.user}
 * is the person creating it and {@code spec.groups} are groups they hold.
 */
@Group(Approval.GROUP)
@Version(Approval.VERSION)
@Kind("ApprovalDecision")
@Plural("approvaldecisions")
@Singular("approvaldecision")
@AdditionalPrinterColumn(name = "Request", jsonPath = ".spec.request", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Decision", jsonPath = ".spec.decision", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "User", jsonPath = ".spec.user", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ApprovalDecision extends CustomResource<ApprovalDecisionSpec, Void> implements Namespaced {
}
