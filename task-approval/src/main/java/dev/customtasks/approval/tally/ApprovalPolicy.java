package dev.customtasks.approval.tally;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may decide and how many approvals close a request: users by name, groups as
 * {@code group:NAME} entries (OpenShift Pipelines' manual-approval-gate spelling), a quorum of
 * distinct people, an optional timeout and what the request becomes when it passes.
 *
 * @param users the listed users, in the order given, without duplicates
 * @param groups the listed groups (without the {@code group:} prefix), in order, without duplicates
 * @param required distinct approvals needed, at least 1
 * @param timeout how long the request stays open from the run's start; empty for no limit
 * @param onTimeout what a request still pending at its deadline becomes
 */
public record ApprovalPolicy(List<String> users, List<String> groups, int required, Optional<Duration> timeout,
    OnTimeout onTimeout) {

  /** The prefix that marks a group in an approver list. */
  public static final String GROUP_PREFIX = "group:";

  public ApprovalPolicy {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
  }

  /**
   * Reads and checks a policy.
   *
   * @param approvers users and {@code group:NAME} entries; blanks around entries are ignored
   * @param required distinct approvals needed
   * @throws InvalidPolicyException naming {@code approvers} (empty list, blank entry, empty group name)
   *     or {@code required} (below 1, or more than the listed users when no group is listed, which
   *     could never be reached)
   */
  public static ApprovalPolicy of(List<String> approvers, int required, Optional<Duration> timeout,
      OnTimeout onTimeout) {
    if (approvers == null || approvers.isEmpty()) {
      throw new InvalidPolicyException("approvers", "at least one user or group:NAME is required");
    }
    Set<String> users = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    for (String entry : approvers) {
      String e = entry == null ? "" : entry.trim();
      if (e.isEmpty()) {
        throw new InvalidPolicyException("approvers", "entries must not be blank");
      }
      if (e.startsWith(GROUP_PREFIX)) {
        String group = e.substring(GROUP_PREFIX.length()).trim();
        if (group.isEmpty()) {
          throw new InvalidPolicyException("approvers", "\"" + e + "\" names no group");
        }
        groups.add(group);
      } else {
        users.add(e);
      }
    }
    if (required < 1) {
      throw new InvalidPolicyException("required", "must be at least 1, got " + required);
    }
    if (groups.isEmpty() && required > users.size()) {
      throw new InvalidPolicyException("required", "is " + required + " but only " + users.size()
          + " distinct user(s) are listed and no group, so it could never be reached");
    }
    if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
      throw new InvalidPolicyException("timeout", "must be positive");
    }
    return new ApprovalPolicy(List.copyOf(users), List.copyOf(groups), required, timeout, onTimeout);
  }

  /** The approver list as written: users, then {@code group:NAME} entries. */
  public List<String> approverEntries() {
    List<String> all = new ArrayList<>(users);
    groups.forEach(g -> all.add(GROUP_PREFIX + g));
    return all;
  }

  /** Whether {@code user}, holding {@code userGroups}, may decide: listed by name or in a listed group. */
  public boolean mayDecide(String user, Collection<String> userGroups) {
    return users.contains(user) || !groupsThrough(userGroups).isEmpty();
  }

  /** The listed groups among {@code userGroups}, in the policy's order. */
  public List<String> groupsThrough(Collection<String> userGroups) {
    return groups.stream().filter(userGroups::contains).toList();
  }
}
