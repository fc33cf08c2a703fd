package dev.customtasks.approval;

import dev.customtasks.approval.admission.DecisionAdmission;
import dev.customtasks.approval.admission.DecisionLookup;
import dev.customtasks.crds.admission.AdmissionHandler;
import dev.customtasks.crds.admission.ObjectReads;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.CustomTaskModule;
import java.util.List;

/** Declares the Approval task to {@code ctk} and the e2e suite (see {@code META-INF/services}). */
public final class ApprovalModule implements CustomTaskModule {

  /** The CRDs, as fabric8's CRD generator writes them into the jar. */
  public static final List<String> CRDS = List.of(
      "META-INF/fabric8/approvals.customtasks.dev-v1.yml",
      "META-INF/fabric8/approvalrequests.customtasks.dev-v1.yml",
      "META-INF/fabric8/approvaldecisions.customtasks.dev-v1.yml");

  @Override
  public CustomTask<?, ?> task() {
    return new ApprovalTask();
  }

  @Override
  public String description() {
    return "Approval: a manual gate, N of M approvers (users and groups), reject with a reason, timeout";
  }

  @Override
  public List<String> crds() {
    return CRDS;
  }

  /** Who may create an ApprovalDecision: the same handler the cluster webhook serves. */
  @Override
  public List<AdmissionHandler> admissionHandlers(ObjectReads reads) {
    return List.of(new DecisionAdmission(DecisionLookup.of(reads)));
  }
}
