package dev.customtasks.wait.schedule;

import java.time.Instant;

/**
* A valid window that has no opening the wait could ever reach: the cron expression
* matches no later time, every match falls on a blackout date, or the next usable match
* lies beyond the search horizon. Waiting would never end, so the run should fail.
*/
public final class WaitScheduleException extends RuntimeException {

  private final String cron;
  private final Instant start;

  WaitScheduleException(WaitPlan.Window window, Instant start, String reason) {
    super("window \"" + window.cron() + "\" has no opening after " + start
        + " in time zone " + window.zone() + ": " + reason);
    this.cron = window.cron();
    this.start = start;
  }

  public String cron() {
    return cron;
  }

  public Instant start() {
    return start;
  }
}
