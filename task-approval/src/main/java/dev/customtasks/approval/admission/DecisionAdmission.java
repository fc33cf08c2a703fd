package dev.customtasks.approval.admission;

import dev.customtasks.approval.api.Approval;
import dev.customtasks.approval.api.ApprovalDecision;
import dev.customtasks.approval.api.ApprovalDecisionSpec;
import dev.customtasks.approval.api.ApprovalRequest;
import dev.customtasks.approval.tally.ApprovalPolicy;
import dev.customtasks.approval.tally.Verdict;
import dev.customtasks.crds.admission.AdmissionHandler;
import dev.customtasks.crds.api.Timestamps;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may create an {@code ApprovalDecision}: the handler behind the approval webhook and the
 * embedded server's admission chain. It stamps nothing; it refuses, each with its own message:
 * <ul>
 *   <li>any update, and any delete except by Kubernetes' own namespace and garbage collectors
 *       (decisions are an append-only audit trail);</li>
 *   <li>a malformed decision: no {@code spec.request}, or a {@code spec.decision} other than
 *       {@code approve}/{@code reject} (400);</li>
 *   <li>{@code spec.user} not equal to the requesting user, or a {@code spec.groups} entry the user
 *       does not hold (403): nobody decides as someone else;</li>
 *   <li>a request that does not exist (404), is closed, or whose deadline has passed (403);</li>
 *   <li>someone neither listed nor in a listed group, or in a listed group not named in
 *       {@code spec.groups} (so the controller can count it) (403);</li>
 *   <li>a second decision by the same person on one request (403).</li>
 * </ul>
 */
public final class DecisionAdmission implements AdmissionHandler {

  /** The webhook's name, as the ValidatingWebhookConfiguration lists it. */
  public static final String NAME = "decisions.approval.customtasks.dev";

  /** Kubernetes' own controllers, which delete whatever a namespace held when it goes. */
  private static final Set<String> SYSTEM_DELETERS = Set.of(
      "system:serviceaccount:kube-system:namespace-controller",
      "system:serviceaccount:kube-system:generic-garbage-collector");

  private final DecisionLookup lookup;
  private final Clock clock;

  public DecisionAdmission(DecisionLookup lookup) {
    this(lookup, Clock.systemUTC());
  }

  public DecisionAdmission(DecisionLookup lookup, Clock clock) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(String group, String resource) {
    return Approval.GROUP.equals(group) && "approvaldecisions".equals(resource);
  }

  @Override
  public AdmissionResponse review(AdmissionRequest request) {
    UserInfo user = Optional.ofNullable(request.getUserInfo()).orElseGet(UserInfo::new);
    String username = Optional.ofNullable(user.getUsername()).orElse("");
    String name = Optional.ofNullable(request.getName()).orElse("");
    return switch (Optional.ofNullable(request.getOperation()).orElse("")) {
      case "CREATE" -> create(request, username, Optional.ofNullable(user.getGroups()).orElse(List.of()));
      case "UPDATE" -> forbidden("ApprovalDecision \"" + name + "\" cannot be changed: decisions are final; "
          + "a decision stands as it was made");
      case "DELETE" -> SYSTEM_DELETERS.contains(username) ? AdmissionHandler.allow()
          : forbidden("ApprovalDecision \"" + name + "\" cannot be deleted: decisions are an append-only audit trail");
      default -> AdmissionHandler.allow();
    };
  }

  private AdmissionResponse create(AdmissionRequest request, String username, List<String> userGroups) {
    ApprovalDecision decision;
    try {
      decision = Serialization.jsonMapper().convertValue(request.getObject(), ApprovalDecision.class);
    } catch (IllegalArgumentException e) {
      return bad("the ApprovalDecision cannot be read: " + e.getMessage());
    }
    ApprovalDecisionSpec spec = decision == null ? null : decision.getSpec();
    if (spec == null || spec.request() == null || spec.request().isBlank()) {
      return bad("spec.request must name the ApprovalRequest decided on");
    }
    if (Verdict.parse(spec.decision()).isEmpty()) {
      return bad(Verdict.problem(spec.decision()));
    }
    if (spec.user() == null || spec.user().isBlank()) {
      return forbidden("spec.user must be set to your user name (" + username + ")");
    }
    if (!spec.user().equals(username)) {
      return forbidden("spec.user is \"" + spec.user() + "\" but you are \"" + username
          + "\": nobody decides in someone else's name");
    }
    List<String> claimed = Optional.ofNullable(spec.groups()).orElse(List.of());
    List<String> notHeld = claimed.stream().filter(g -> !userGroups.contains(g)).toList();
    if (!notHeld.isEmpty()) {
      return forbidden(username + " is not in group " + String.join(", ", notHeld) + " named in spec.groups");
    }
    String namespace = Optional.ofNullable(request.getNamespace())
        .orElse(decision.getMetadata() == null ? null : decision.getMetadata().getNamespace());
    Optional<ApprovalRequest> found = lookup.request(namespace, spec.request());
    if (found.isEmpty()) {
      return AdmissionHandler.refuse(404, "NotFound", "ApprovalRequest \"" + spec.request()
          + "\" does not exist in namespace \"" + namespace + "\"");
    }
    ApprovalRequest approvalRequest = found.get();
    if (!approvalRequest.isPending()) {
      return forbidden("ApprovalRequest \"" + spec.request() + "\" is closed (" + approvalRequest.getStatus().state()
          + "): it takes no more decisions");
    }
    Optional<Instant> deadline = Optional.ofNullable(approvalRequest.getSpec()).map(s -> s.deadline())
        .flatMap(Timestamps::tryParse);
    if (deadline.isPresent() && !clock.instant().isBefore(deadline.get())) {
      return forbidden("ApprovalRequest \"" + spec.request() + "\" timed out at " + Timestamps.format(deadline.get())
          + ": it takes no more decisions");
    }
    List<String> entries = Optional.ofNullable(approvalRequest.getSpec()).map(s -> s.approvers()).orElse(List.of());
    List<String> users = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    for (String e : entries) {
      if (e.startsWith(ApprovalPolicy.GROUP_PREFIX)) {
        groups.add(e.substring(ApprovalPolicy.GROUP_PREFIX.length()));
      } else {
        users.add(e);
      }
    }
    List<String> heldListed = groups.stream().filter(userGroups::contains).toList();
    if (!users.contains(username) && heldListed.isEmpty()) {
      return forbidden(username + " may not decide on ApprovalRequest \"" + spec.request()
          + "\": neither a listed approver nor in a listed group (approvers: " + String.join(", ", entries) + ")");
    }
    if (!users.contains(username) && claimed.stream().noneMatch(heldListed::contains)) {
      return forbidden(username + " decides through a group: name it in spec.groups (one of: "
          + String.join(", ", heldListed) + ")");
    }
    Optional<ApprovalDecision> earlier = lookup.decisions(namespace).stream()
        .filter(d -> d.getSpec() != null && spec.request().equals(d.getSpec().request())
            && username.equals(d.getSpec().user()))
        .findFirst();
    if (earlier.isPresent()) {
      return forbidden(username + " already decided on ApprovalRequest \"" + spec.request() + "\" (ApprovalDecision \""
          + earlier.get().getMetadata().getName() + "\"): one decision per person");
    }
    return AdmissionHandler.allow();
  }

  private static AdmissionResponse forbidden(String message) {
    return AdmissionHandler.refuse(403, "Forbidden", message);
  }

  private static AdmissionResponse bad(String message) {
    return AdmissionHandler.refuse(400, "BadRequest", message);
  }
}
