package dev.customtasks.approval;

import dev.customtasks.approval.api.Approval;
import dev.customtasks.approval.api.ApprovalDecision;
import dev.customtasks.approval.api.ApprovalRequest;
import dev.customtasks.approval.api.ApprovalRequestSpec;
import dev.customtasks.approval.api.ApprovalRequestStatus;
import dev.customtasks.approval.api.ApprovalRequestStatus.RecordedDecision;
import dev.customtasks.approval.api.ApprovalSpec;
import dev.customtasks.approval.api.ApprovalTaskParams;
import dev.customtasks.approval.tally.ApprovalPolicy;
import dev.customtasks.approval.tally.ApprovalTally;
import dev.customtasks.approval.tally.InvalidPolicyException;
import dev.customtasks.approval.tally.OnTimeout;
import dev.customtasks.approval.tally.RequestState;
import dev.customtasks.approval.tally.Tally;
import dev.customtasks.approval.tally.Verdict;
import dev.customtasks.approval.tally.Vote;
import dev.customtasks.crds.api.ParamValue;
import dev.customtasks.crds.api.TaskKind;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.controller.Attempt;
import dev.customtasks.crds.controller.Children;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.RelatedType;
import dev.customtasks.crds.controller.RunEvent;
import dev.customtasks.crds.controller.Step;
import dev.customtasks.crds.controller.TaskInput;
import dev.customtasks.crds.duration.GoDuration;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Approval}: a manual gate. Each run gets an {@link ApprovalRequest} of its own name; people
 * answer with {@link ApprovalDecision}s (one object each, so two decisions in one second are two
 * objects and neither is lost); every tick counts them with {@link ApprovalTally}, writes the
 * request's status compare-and-set, tells each new decision as an Event on the run and the request,
 * and ends the run: {@code Approved} (True), {@code Rejected} (False), or at the deadline
 * {@code TimedOut} (False) or {@code ApprovedOnTimeout} (True) as {@code onTimeout} says. The
 * deadline is kept in {@code status.extraFields} and in the request, and armed as a wake-up.
 *
 * <p>Also answers OpenShift Pipelines' manual-approval-gate CustomRun form
 * ({@code openshift-pipelines.org/v1alpha1 ApprovalTask}, params {@code approvers},
 * {@code numberOfApprovalsRequired}, {@code description}).
 */
public final class ApprovalTask implements CustomTask<ApprovalTask.Plan, ApprovalTask.ApprovalState> {

  public static final TaskKind KIND = new TaskKind(Approval.API_VERSION, "Approval");
  /** OpenShift Pipelines' manual-approval-gate, answered so its pipelines run unchanged. */
  public static final TaskKind MANUAL_APPROVAL_GATE_KIND = new TaskKind("openshift-pipelines.org/v1alpha1",
      "ApprovalTask");

  public static final String REASON_APPROVED = "Approved";
  public static final String REASON_REJECTED = "Rejected";
  public static final String REASON_TIMED_OUT = "TimedOut";
  public static final String REASON_APPROVED_ON_TIMEOUT = "ApprovedOnTimeout";

  /**
   * A decoded run: its policy and what is asked.
   *
   * @param policy who may decide, how many, timeout and its outcome
   * @param message what is asked; may be empty
   */
  public record Plan(ApprovalPolicy policy, String message) {
  }

  /**
   * What the run keeps in {@code status.extraFields}.
   *
   * @param approvalRequest the name of the run's ApprovalRequest (same namespace), for UIs
   * @param deadline RFC 3339 instant a pending request times out; null for none
   * @param notCounted the decisions already told as not counted (a {@code spec.decision} other
   *     than {@code approve} or {@code reject}), so that each is told once
   */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
  public record ApprovalState(String approvalRequest, String deadline, List<String> notCounted) {

    public ApprovalState(String approvalRequest, String deadline) {
      this(approvalRequest, deadline, null);
    }

    /** This state with {@code names} told as not counted too. */
    ApprovalState withNotCounted(List<String> names) {
      List<String> all = new ArrayList<>(notCounted == null ? List.of() : notCounted);
      all.addAll(names);
      return new ApprovalState(approvalRequest, deadline, all);
    }
  }

  /** Event reason: an ApprovalDecision no admission refused has a decision that cannot count. */
  public static final String REASON_DECISION_NOT_COUNTED = "DecisionNotCounted";

  @Override
  public String name() {
    return "approval";
  }

  @Override
  public List<TaskKind> kinds() {
    return List.of(KIND, MANUAL_APPROVAL_GATE_KIND);
  }

  @Override
  public Class<ApprovalState> stateType() {
    return ApprovalState.class;
  }

  @Override
  public Optional<ResourceDefinitionContext> namedObjectType(TaskKind kind) {
    return KIND.equals(kind) ? Optional.of(ResourceDefinitionContext.fromResourceType(Approval.class))
        : Optional.empty();
  }

  @Override
  public Set<Class<? extends HasMetadata>> childTypes() {
    return Set.of(ApprovalRequest.class);
  }

  /** Decisions wake the run their {@code spec.request} names: the request has the run's name. */
  @Override
  public List<RelatedType<?>> relatedTypes() {
    return List.of(new RelatedType<>(ApprovalDecision.class,
        d -> Optional.ofNullable(d.getSpec()).map(s -> s.request())));
  }

  @Override
  public Plan decode(TaskInput input) {
    try {
      if (MANUAL_APPROVAL_GATE_KIND.equals(input.kind())) {
        ApprovalTaskParams params = input.decode(ApprovalTaskParams.class);
        int required = Optional.ofNullable(params.numberOfApprovalsRequired()).orElse(1);
        return new Plan(policy(params.approvers(), required, Optional.empty(), OnTimeout.REJECT,
            "numberOfApprovalsRequired"), Optional.ofNullable(params.description()).orElse(""));
      }
      ApprovalSpec spec = input.decode(ApprovalSpec.class);
      Optional<Duration> timeout = Optional.ofNullable(spec.timeout()).filter(t -> !t.isBlank()).map(t -> {
        try {
          return GoDuration.parse(t);
        } catch (IllegalArgumentException e) {
          throw new InvalidPolicyException("timeout", e.getMessage());
        }
      });
      return new Plan(policy(spec.approvers(), Optional.ofNullable(spec.required()).orElse(1), timeout,
          OnTimeout.parse(spec.onTimeout()), "required"), Optional.ofNullable(spec.message()).orElse(""));
    } catch (InvalidPolicyException e) {
      throw input.invalid(e.field(), e.problem());
    }
  }

  private static ApprovalPolicy policy(List<String> approvers, int required, Optional<Duration> timeout,
      OnTimeout onTimeout, String requiredField) {
    try {
      return ApprovalPolicy.of(approvers, required, timeout, onTimeout);
    } catch (InvalidPolicyException e) {
      // The manual-approval-gate form calls the quorum numberOfApprovalsRequired: name its field.
      throw "required".equals(e.field()) ? new InvalidPolicyException(requiredField, e.problem()) : e;
    }
  }

  @Override
  public Step<ApprovalState> progress(Plan plan, Attempt<ApprovalState> attempt) {
    Children children = attempt.children();
    ApprovalState state = attempt.state().filter(s -> s.approvalRequest() != null)
        .orElseGet(() -> new ApprovalState(children.baseName(), plan.policy().timeout()
            .map(t -> Timestamps.format(attempt.startTime().plus(t))).orElse(null)));
    Optional<Instant> deadline = Optional.ofNullable(state.deadline()).map(Timestamps::parse);
    ApprovalRequest request = request(plan, attempt, state);

    List<RecordedDecision> recorded = request.getStatus() == null || request.getStatus().decisions() == null
        ? List.of() : request.getStatus().decisions();
    // A decision made at or after the deadline comes too late, even when the controller (down at the
    // deadline) sees it before it could close the request.
    List<ApprovalDecision> decisions = children.related(ApprovalDecision.class);
    state = toldNotCounted(decisions, request, state, attempt);
    List<Vote> inTime = votes(decisions, request.getMetadata().getName()).stream()
        .filter(v -> deadline.isEmpty() || v.at().isBefore(deadline.get())).toList();
    Tally tally = ApprovalTally.count(plan.policy(), recorded.stream().map(ApprovalTask::vote).toList(), inTime);
    RequestState now = request.isPending()
        ? ApprovalTally.stateAt(tally, deadline, attempt.now())
        : RequestState.valueOf(request.getStatus().state());
    String message = message(plan, tally, now, request.getMetadata().getName());
    ApprovalRequestStatus status = new ApprovalRequestStatus(now.name(),
        tally.approvers().size() + "/" + plan.policy().required(), tally.approvers(),
        tally.counted().stream().map(ApprovalTask::recorded).toList(),
        now.isClosed() ? closedAt(request, attempt.now()) : null, message);
    if (!status.equals(request.getStatus())) {
      ApprovalRequest copy = Serialization.clone(request);
      copy.setStatus(status);
      children.updateStatus(copy);
      // Told only once the request's status holds them: a write lost to a conflict is redone, not told twice.
      for (Vote vote : tally.added()) {
        RunEvent event = RunEvent.normal(vote.verdict() == Verdict.APPROVE ? "DecisionApproved" : "DecisionRejected",
            describe(vote) + " (" + status.approvals() + ")", attempt.now());
        children.event(attempt.run(), event);
        children.event(copy, event);
      }
      if (now.isClosed() && request.isPending()) {
        RunEvent closed = RunEvent.normal("Request" + now.name(), message, attempt.now());
        children.event(copy, closed);
      }
    }
    return outcome(plan, tally, now, message, state, deadline);
  }

  private static Step<ApprovalState> outcome(Plan plan, Tally tally, RequestState state, String message,
      ApprovalState kept, Optional<Instant> deadline) {
    String comment = tally.deciding().map(Vote::comment).orElse("");
    return switch (state) {
      case Pending -> deadline.<Step<ApprovalState>>map(d -> Step.<ApprovalState>running(message, d).withState(kept))
          .orElseGet(() -> Step.<ApprovalState>running(message).withState(kept));
      case Approved -> Step.<ApprovalState>succeeded(REASON_APPROVED, message, results("approved", tally, comment))
          .withState(kept);
      case Rejected -> Step.<ApprovalState>failed(REASON_REJECTED, message).withState(kept);
      case TimedOut -> plan.policy().onTimeout() == OnTimeout.APPROVE
          ? Step.<ApprovalState>succeeded(REASON_APPROVED_ON_TIMEOUT, message, results("approved", tally, ""))
              .withState(kept)
          : Step.<ApprovalState>failed(REASON_TIMED_OUT, message).withState(kept);
      // Cancelled is only set by release(), after which the lifecycle ends the run itself.
      case Cancelled -> Step.<ApprovalState>failed("Cancelled", message).withState(kept);
    };
  }

  private static Map<String, ParamValue> results(String decision, Tally tally, String comment) {
    Map<String, ParamValue> results = new LinkedHashMap<>();
    results.put("decision", ParamValue.of(decision));
    results.put("approvers", ParamValue.ofArray(tally.approvers()));
    results.put("comment", ParamValue.of(comment));
    return results;
  }

  private static String message(Plan plan, Tally tally, RequestState state, String request) {
    ApprovalPolicy policy = plan.policy();
    return switch (state) {
      case Pending -> {
        int missing = policy.required() - tally.approvers().size();
        yield "waiting for " + missing + " more approval" + (missing == 1 ? "" : "s") + " (" + tally.approvers().size()
            + "/" + policy.required() + ") from " + String.join(", ", policy.approverEntries())
            + ": ctk approve " + request;
      }
      case Approved -> "approved by " + String.join(", ", tally.approvers());
      case Rejected -> tally.deciding().map(v -> "rejected by " + v.user()
          + (v.comment().isBlank() ? "" : ": " + v.comment())).orElse("rejected");
      case TimedOut -> "no decision before the deadline (" + tally.approvers().size() + "/" + policy.required()
          + " approvals): " + (policy.onTimeout() == OnTimeout.APPROVE ? "approved" : "rejected")
          + " on timeout as onTimeout says";
      case Cancelled -> "cancelled";
    };
  }

  private static String describe(Vote vote) {
    return vote.user() + (vote.groups().isEmpty() ? "" : " (group " + String.join(", ", vote.groups()) + ")")
        + (vote.verdict() == Verdict.APPROVE ? " approved" : " rejected")
        + (vote.comment().isBlank() ? "" : ": " + vote.comment());
  }

  private static String closedAt(ApprovalRequest request, Instant now) {
    return request.getStatus() != null && request.getStatus().closedAt() != null ? request.getStatus().closedAt()
        : Timestamps.format(now);
  }

  /** The run's request, created on the first tick (or found again: same name, owned by the run). */
  private static ApprovalRequest request(Plan plan, Attempt<ApprovalState> attempt, ApprovalState state) {
    Children children = attempt.children();
    Optional<ApprovalRequest> cached = children.get(ApprovalRequest.class, state.approvalRequest());
    if (cached.isPresent()) {
      return cached.get();
    }
    ApprovalRequest request = new ApprovalRequest();
    ObjectMeta meta = new ObjectMeta();
    meta.setName(state.approvalRequest());
    request.setMetadata(meta);
    ApprovalPolicy policy = plan.policy();
    request.setSpec(new ApprovalRequestSpec(plan.message(), policy.approverEntries(), policy.required(),
        state.deadline(), policy.onTimeout().wire(), attempt.run().getMetadata().getName()));
    return children.create(request);
  }

  /**
   * Where no admission webhook refused it, a decision whose {@code spec.decision} is neither
   * {@code approve} nor {@code reject} reaches the controller: it cannot count either way, and a
   * Warning Event on the run and the request says so, once per decision (its name is kept in the
   * state), as the webhook's refusal would have.
   */
  private static ApprovalState toldNotCounted(List<ApprovalDecision> decisions, ApprovalRequest request,
      ApprovalState state, Attempt<ApprovalState> attempt) {
    List<String> told = state.notCounted() == null ? List.of() : state.notCounted();
    List<String> now = new ArrayList<>();
    for (ApprovalDecision d : decisions) {
      String name = d.getMetadata().getName();
      if (d.getSpec() == null || !request.getMetadata().getName().equals(d.getSpec().request())
          || Verdict.parse(d.getSpec().decision()).isPresent() || told.contains(name)) {
        continue;
      }
      RunEvent event = RunEvent.warning(REASON_DECISION_NOT_COUNTED, "ApprovalDecision \"" + name + "\" is not "
          + "counted: " + Verdict.problem(d.getSpec().decision()), attempt.now());
      attempt.children().event(attempt.run(), event);
      attempt.children().event(request, event);
      now.add(name);
    }
    return now.isEmpty() ? state : state.withNotCounted(now);
  }

  /** Decisions on {@code request}; those without a readable verdict or user cannot count and are left out. */
  private static List<Vote> votes(List<ApprovalDecision> decisions, String request) {
    List<Vote> votes = new ArrayList<>();
    for (ApprovalDecision d : decisions) {
      if (d.getSpec() == null || !request.equals(d.getSpec().request()) || d.getSpec().user() == null) {
        continue;
      }
      Optional<Verdict> verdict = Verdict.parse(d.getSpec().decision());
      if (verdict.isEmpty()) {
        continue;
      }
      ObjectMeta meta = d.getMetadata();
      Instant at = Timestamps.tryParse(meta.getCreationTimestamp()).orElse(Instant.EPOCH);
      votes.add(new Vote(meta.getName(), d.getSpec().user(), d.getSpec().groups(), verdict.get(),
          d.getSpec().comment(), at, sequence(meta.getResourceVersion())));
    }
    return votes;
  }

  private static long sequence(String resourceVersion) {
    try {
      return Long.parseLong(Objects.requireNonNullElse(resourceVersion, ""));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static Vote vote(RecordedDecision d) {
    return new Vote(d.name(), d.user(), d.groups(), Verdict.parse(d.decision()).orElse(Verdict.REJECT), d.comment(),
        Timestamps.tryParse(d.time()).orElse(Instant.EPOCH), 0);
  }

  private static RecordedDecision recorded(Vote v) {
    return new RecordedDecision(v.id(), v.user(), v.groups(), v.verdict().wire(), v.comment(), Timestamps.format(v.at()));
  }

  /**
   * Closes a pending request when the run is cancelled ({@code Cancelled}) or its
   * {@code spec.timeout} passes ({@code TimedOut}); a closed request is never changed, and it is
   * kept, not deleted: it is the audit trail.
   */
  @Override
  public void release(Attempt<ApprovalState> attempt, String why) {
    String name = attempt.state().map(ApprovalState::approvalRequest).orElse(attempt.children().baseName());
    Optional<ApprovalRequest> found = attempt.children().get(ApprovalRequest.class, name);
    if (found.isEmpty() || !found.get().isPending()) {
      return;
    }
    ApprovalRequest request = Serialization.clone(found.get());
    RequestState closed = attempt.run().isCancelled() ? RequestState.Cancelled : RequestState.TimedOut;
    ApprovalRequestStatus old = request.getStatus();
    request.setStatus(new ApprovalRequestStatus(closed.name(), old == null ? null : old.approvals(),
        old == null ? null : old.approvers(), old == null ? null : old.decisions(), Timestamps.format(attempt.now()),
        why));
    attempt.children().updateStatus(request);
    attempt.children().event(request, RunEvent.warning("Request" + closed.name(), why, attempt.now()));
  }
}
