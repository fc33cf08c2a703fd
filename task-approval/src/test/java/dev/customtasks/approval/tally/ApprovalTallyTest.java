package dev.customtasks.approval.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApprovalTallyTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  /** alice and bob by name, release-managers as a group; two approvals needed. */
  private static final ApprovalPolicy TWO_OF = ApprovalPolicy.of(
      List.of("alice", "bob", "group:release-managers"), 2, Optional.empty(), OnTimeout.REJECT);

  /**
   * A vote written as {@code "user[+group...]:approve|reject@second"}; its id is {@code user-second}
   * and its sequence the second, so the table reads in cast order.
   */
  private static Vote v(String text) {
    String[] at = text.split("@");
    String[] who = at[0].split(":");
    String[] names = who[0].split("\\+");
    int second = Integer.parseInt(at[1]);
    return new Vote(names[0] + "-" + second, names[0], Arrays.asList(names).subList(1, names.length),
        Verdict.parse(who[1]).orElseThrow(), "c" + second, T0.plusSeconds(second), second);
  }

  private static List<Vote> votes(String... texts) {
    return Stream.of(texts).map(ApprovalTallyTest::v).toList();
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // votes, state, approvers, deciding vote id (or "-"), ignored count
        Arguments.of(List.of(), RequestState.Pending, List.of(), "-", 0),
        Arguments.of(List.of("alice:approve@1"), RequestState.Pending, List.of("alice"), "-", 0),
        Arguments.of(List.of("alice:approve@1", "bob:approve@2"), RequestState.Approved, List.of("alice", "bob"),
            "bob-2", 0),
        // a group member counts as one person
        Arguments.of(List.of("alice:approve@1", "carol+release-managers:approve@2"), RequestState.Approved,
            List.of("alice", "carol"), "carol-2", 0),
        // the same person twice counts once, through a name and a group alike
        Arguments.of(List.of("alice:approve@1", "alice+release-managers:approve@2"), RequestState.Pending,
            List.of("alice"), "-", 1),
        // a person in two listed groups still counts once
        Arguments.of(List.of("carol+release-managers+ops:approve@1"), RequestState.Pending, List.of("carol"), "-", 0),
        // someone neither listed nor in a listed group does not count
        Arguments.of(List.of("mallory+devs:approve@1", "alice:approve@2"), RequestState.Pending, List.of("alice"),
            "-", 1),
        // one reject closes the request
        Arguments.of(List.of("alice:approve@1", "bob:reject@2"), RequestState.Rejected, List.of("alice"), "bob-2", 0),
        Arguments.of(List.of("bob:reject@1", "alice:approve@2", "carol+release-managers:approve@3"),
            RequestState.Rejected, List.of(), "bob-1", 2),
        // votes after approval do not reopen it
        Arguments.of(List.of("alice:approve@1", "bob:approve@2", "carol+release-managers:reject@3"),
            RequestState.Approved, List.of("alice", "bob"), "bob-2", 1),
        // an ineligible reject does not close anything
        Arguments.of(List.of("mallory:reject@1"), RequestState.Pending, List.of(), "-", 1),
        // a second decision that changes the person's mind is ignored
        Arguments.of(List.of("alice:approve@1", "alice:reject@2"), RequestState.Pending, List.of("alice"), "-", 1));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("table")
  void counts(List<String> cast, RequestState state, List<String> approvers, String deciding, int ignored) {
    Tally tally = ApprovalTally.count(TWO_OF, List.of(), votes(cast.toArray(String[]::new)));
    assertThat(tally.state()).isEqualTo(state);
    assertThat(tally.approvers()).containsExactlyElementsOf(approvers);
    assertThat(tally.deciding().map(Vote::id).orElse("-")).isEqualTo(deciding);
    assertThat(tally.ignored()).hasSize(ignored);
    assertThat(tally.counted()).hasSize(cast.size() - ignored);
  }

  @Test
  void ignoredVotesSayWhy() {
    Tally tally = ApprovalTally.count(TWO_OF, List.of(),
        votes("mallory:approve@1", "alice:approve@2", "alice:approve@3", "bob:reject@4", "carol+release-managers:approve@5"));
    assertThat(tally.ignored()).extracting(Tally.Ignored::why).containsExactly(
        "mallory is neither a listed approver nor in a listed group",
        "alice already decided on this request",
        "the request was already rejected");
  }

  @Test
  void votesInTheSameSecondAreOrderedBySequenceAndNoneIsLost() {
    Instant same = T0.plusSeconds(7);
    Vote later = new Vote("z-first", "bob", List.of(), Verdict.APPROVE, "", same, 11);
    Vote earlier = new Vote("a-second", "alice", List.of(), Verdict.APPROVE, "", same, 10);
    Tally tally = ApprovalTally.count(TWO_OF, List.of(), List.of(later, earlier));
    assertThat(tally.approvers()).containsExactly("alice", "bob");
    assertThat(tally.state()).isEqualTo(RequestState.Approved);
  }

  @Test
  void recordedOrderIsKeptAndOnlyNewVotesAreAdded() {
    List<Vote> recorded = votes("bob:approve@5");
    List<Vote> observed = new ArrayList<>(votes("alice:approve@1"));
    observed.addAll(recorded);
    Tally tally = ApprovalTally.count(TWO_OF, recorded, observed);
    // alice's decision is older but was seen after bob's had been recorded: the trail never reorders
    assertThat(tally.counted()).extracting(Vote::user).containsExactly("bob", "alice");
    assertThat(tally.added()).extracting(Vote::user).containsExactly("alice");
    assertThat(tally.state()).isEqualTo(RequestState.Approved);
  }

  @Test
  void countingAgainAddsNothing() {
    Tally first = ApprovalTally.count(TWO_OF, List.of(), votes("alice:approve@1"));
    Tally again = ApprovalTally.count(TWO_OF, first.counted(), votes("alice:approve@1"));
    assertThat(again.added()).isEmpty();
    assertThat(again.counted()).isEqualTo(first.counted());
  }

  static Stream<Arguments> deadlines() {
    Instant deadline = T0.plus(Duration.ofHours(1));
    return Stream.of(
        Arguments.of(List.of(), Optional.empty(), T0.plus(Duration.ofDays(9)), RequestState.Pending),
        Arguments.of(List.of(), Optional.of(deadline), deadline.minusMillis(1), RequestState.Pending),
        Arguments.of(List.of(), Optional.of(deadline), deadline, RequestState.TimedOut),
        Arguments.of(List.of("alice:approve@1"), Optional.of(deadline), deadline.plusSeconds(1), RequestState.TimedOut),
        // closed before the deadline stays as it closed
        Arguments.of(List.of("alice:approve@1", "bob:approve@2"), Optional.of(deadline), deadline.plusSeconds(1),
            RequestState.Approved),
        Arguments.of(List.of("bob:reject@2"), Optional.of(deadline), deadline, RequestState.Rejected));
  }

  @ParameterizedTest(name = "{0} at {2} -> {3}")
  @MethodSource("deadlines")
  void timeout(List<String> cast, Optional<Instant> deadline, Instant now, RequestState state) {
    Tally tally = ApprovalTally.count(TWO_OF, List.of(), votes(cast.toArray(String[]::new)));
    assertThat(ApprovalTally.stateAt(tally, deadline, now)).isEqualTo(state);
  }
}
