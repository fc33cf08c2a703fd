package dev.customtasks.approval.tally;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Counts votes against a policy. Pure: the controller gives it the votes already recorded in the
 * request's status (their order is kept: the audit trail never reorders) and the decision objects
 * it sees now, and writes back what comes out.
 *
 * <p>Rules: a person counts once, whatever groups they hold and however many decisions they
 * create (the first counts, later ones are ignored); only listed users and members of listed
 * groups count; one reject closes the request {@code Rejected}; {@code required} distinct
 * approvers close it {@code Approved}; votes after closing are ignored.
 */
public final class ApprovalTally {

  private static final Comparator<Vote> CAST_ORDER = Comparator.comparing(Vote::at)
      .thenComparingLong(Vote::sequence).thenComparing(Vote::id);

  private ApprovalTally() {
  }

  /**
   * @param policy who may decide and how many approvals are needed
   * @param recorded votes counted earlier, in their recorded order
   * @param observed every decision object seen now for the request (recorded ones included)
   */
  public static Tally count(ApprovalPolicy policy, List<Vote> recorded, List<Vote> observed) {
    Set<String> recordedIds = new HashSet<>();
    recorded.forEach(v -> recordedIds.add(v.id()));
    List<Vote> fresh = observed.stream().filter(v -> !recordedIds.contains(v.id())).sorted(CAST_ORDER).toList();

    List<Vote> counted = new ArrayList<>();
    List<Vote> added = new ArrayList<>();
    List<Tally.Ignored> ignored = new ArrayList<>();
    Set<String> voters = new HashSet<>();
    Set<String> approvers = new LinkedHashSet<>();
    RequestState state = RequestState.Pending;
    Vote deciding = null;
    List<Vote> all = new ArrayList<>(recorded);
    all.addAll(fresh);
    for (Vote vote : all) {
      boolean isNew = !recordedIds.contains(vote.id());
      String why = null;
      if (state.isClosed()) {
        why = "the request was already " + state.name().toLowerCase(java.util.Locale.ROOT);
      } else if (!voters.add(vote.user())) {
        why = vote.user() + " already decided on this request";
      } else if (!policy.users().contains(vote.user()) && policy.groupsThrough(vote.groups()).isEmpty()) {
        why = vote.user() + " is neither a listed approver nor in a listed group";
      }
      if (why != null) {
        ignored.add(new Tally.Ignored(vote, why));
        continue;
      }
      counted.add(vote);
      if (isNew) {
        added.add(vote);
      }
      if (vote.verdict() == Verdict.REJECT) {
        state = RequestState.Rejected;
        deciding = vote;
      } else {
        approvers.add(vote.user());
        if (approvers.size() >= policy.required()) {
          state = RequestState.Approved;
          deciding = vote;
        }
      }
    }
    return new Tally(state, counted, added, ignored, new ArrayList<>(approvers), Optional.ofNullable(deciding));
  }

  /**
   * The state of a request at {@code now}: the tally's when closed by votes; otherwise
   * {@link RequestState#TimedOut} once {@code deadline} has passed (what that means for the run is
   * the policy's {@link OnTimeout}); otherwise pending.
   */
  public static RequestState stateAt(Tally tally, Optional<Instant> deadline, Instant now) {
    if (tally.state().isClosed()) {
      return tally.state();
    }
    return deadline.filter(d -> !now.isBefore(d)).isPresent() ? RequestState.TimedOut : RequestState.Pending;
  }
}
