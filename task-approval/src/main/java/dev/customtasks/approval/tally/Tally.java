package dev.customtasks.approval.tally;

import java.util.List;
import java.util.Optional;

/**
 * A request's votes counted against its policy.
 *
 * @param state {@link RequestState#Pending}, {@link RequestState#Approved} or {@link RequestState#Rejected}
 * @param counted the votes that count, in the order they were cast (the audit trail)
 * @param added the counted votes that were not recorded before this count
 * @param ignored votes that do not count, each with why (not eligible, a second vote, after closing)
 * @param approvers who approved, once each, in order
 * @param deciding the vote that closed the request, if it is closed
 */
public record Tally(RequestState state, List<Vote> counted, List<Vote> added, List<Ignored> ignored,
    List<String> approvers, Optional<Vote> deciding) {

  /** A vote that does not count and why. */
  public record Ignored(Vote vote, String why) {
  }

  public Tally {
    counted = List.copyOf(counted);
    added = List.copyOf(added);
    ignored = List.copyOf(ignored);
    approvers = List.copyOf(approvers);
  }
}
