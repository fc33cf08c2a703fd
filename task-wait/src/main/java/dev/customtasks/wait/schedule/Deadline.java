package dev.customtasks.wait.schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
* When a wait finishes.
*
* @param fireAt       the instant the wait is over; never before the run's start
* @param scheduledFor for a window, the opening that was chosen; empty for other plans
*/
public record Deadline(Instant fireAt, Optional<Instant> scheduledFor) {

  public Deadline {
    Objects.requireNonNull(fireAt, "fireAt");
    Objects.requireNonNull(scheduledFor, "scheduledFor");
  }

  static Deadline at(Instant fireAt) {
    return new Deadline(fireAt, Optional.empty());
  }

  static Deadline windowOpening(Instant opening) {
    return new Deadline(opening, Optional.of(opening));
  }

  public boolean isDue(Instant now) {
    return !now.isBefore(fireAt);
  }
}
