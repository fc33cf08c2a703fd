package dev.customtasks.cli.timeline;

import java.time.Instant;

/**
 * A stretch of a task's bar.
 *
 * @param start inclusive
 * @param end exclusive; for a run still going, the instant the timeline was taken
 * @param phase what the run did meanwhile
 */
public record Segment(Instant start, Instant end, Phase phase) {

  /** What a stretch of a run was spent on. */
  public enum Phase {
    /** Doing its work, or the controller's own overhead. */
    WORKING,
    /** Waiting on purpose: a Wait's scheduled time, an Approval open for people, a Lock in line, a Loop's interval. */
    WAITING,
    /** An earlier attempt of a retried task, which failed. */
    FAILED_ATTEMPT
  }
}
