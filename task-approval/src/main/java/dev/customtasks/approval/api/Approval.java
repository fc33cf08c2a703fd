package dev.customtasks.approval.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * {@code customtasks.dev/v1alpha1 Approval}: a reusable approval policy (who may decide, how many
 * approvals, timeout) that runs reference with {@code customRef.name}. Its spec has the same fields
 * as the params.
 */
@Group(Approval.GROUP)
@Version(Approval.VERSION)
@Kind("Approval")
@Plural("approvals")
@Singular("approval")
public class Approval extends CustomResource<ApprovalSpec, Void> implements Namespaced {

  public static final String GROUP = "customtasks.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
}
