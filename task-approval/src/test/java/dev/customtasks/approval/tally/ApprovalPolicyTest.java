package dev.customtasks.approval.tally;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ApprovalPolicyTest {

  @Test
  void usersAndGroupsAreSplitDeduplicatedAndTrimmed() {
    ApprovalPolicy policy = ApprovalPolicy.of(List.of(" alice", "group:release-managers", "bob", "alice",
        "group: release-managers", "group:ops"), 2, Optional.of(Duration.ofHours(1)), OnTimeout.APPROVE);
    assertThat(policy.users()).containsExactly("alice", "bob");
    assertThat(policy.groups()).containsExactly("release-managers", "ops");
    assertThat(policy.approverEntries()).containsExactly("alice", "bob", "group:release-managers", "group:ops");
  }

  static Stream<Arguments> membership() {
    return Stream.of(
        Arguments.of("alice", List.of(), true, List.of()),
        Arguments.of("carol", List.of("release-managers"), true, List.of("release-managers")),
        Arguments.of("carol", List.of("ops", "devs", "release-managers"), true, List.of("release-managers", "ops")),
        Arguments.of("mallory", List.of("devs"), false, List.of()),
        Arguments.of("Alice", List.of(), false, List.of()));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("membership")
  void whoMayDecide(String user, List<String> groups, boolean may, List<String> through) {
    ApprovalPolicy policy = ApprovalPolicy.of(List.of("alice", "group:release-managers", "group:ops"), 1,
        Optional.empty(), OnTimeout.REJECT);
    assertThat(policy.mayDecide(user, groups)).isEqualTo(may);
    assertThat(policy.groupsThrough(groups)).containsExactlyElementsOf(through);
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = ';', value = {
      "'';1;approvers;at least one user or group:NAME is required",
      "alice,,bob;1;approvers;entries must not be blank",
      "alice,group:;1;approvers;\"group:\" names no group",
      "alice;0;required;must be at least 1, got 0",
      "alice,bob,alice;3;required;is 3 but only 2 distinct user(s) are listed and no group, so it could never be reached"})
  void badPolicies(String approvers, int required, String field, String problem) {
    List<String> list = approvers.isEmpty() ? List.of() : Arrays.asList(approvers.split(",", -1));
    assertThatThrownBy(() -> ApprovalPolicy.of(list, required, Optional.empty(), OnTimeout.REJECT))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("param \"" + field + "\": " + problem);
  }

  @Test
  void aGroupMakesAnyQuorumReachable() {
    assertThat(ApprovalPolicy.of(List.of("alice", "group:ops"), 5, Optional.empty(), OnTimeout.REJECT).required())
        .isEqualTo(5);
  }

  @Test
  void timeoutMustBePositive() {
    assertThatThrownBy(() -> ApprovalPolicy.of(List.of("alice"), 1, Optional.of(Duration.ZERO), OnTimeout.REJECT))
        .hasMessage("param \"timeout\": must be positive");
  }

  @ParameterizedTest
  @CsvSource({"reject,REJECT", "Approve,APPROVE", "' approve ',APPROVE"})
  void onTimeoutParses(String text, OnTimeout expected) {
    assertThat(OnTimeout.parse(text)).isEqualTo(expected);
  }

  @Test
  void onTimeoutDefaultsToRejectAndRefusesOthers() {
    assertThat(OnTimeout.parse(null)).isEqualTo(OnTimeout.REJECT);
    assertThatThrownBy(() -> OnTimeout.parse("maybe"))
        .hasMessage("param \"onTimeout\": must be \"reject\" or \"approve\", got \"maybe\"");
  }

  @Test
  void verdicts() {
    assertThat(Verdict.parse(" APPROVE")).contains(Verdict.APPROVE);
    assertThat(Verdict.parse("reject")).contains(Verdict.REJECT);
    assertThat(Verdict.parse("ok")).isEmpty();
    assertThat(Verdict.parse(null)).isEmpty();
  }
}
