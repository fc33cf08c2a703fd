package dev.customtasks.crds.controller;

import java.time.Instant;

/**
 * A Kubernetes Event a reconcile decided to record about a run, told only after its status was
 * written: a decision lost to a conflict is made again and must not be told twice.
 *
 * @param warning {@code Warning} when true, {@code Normal} otherwise
 * @param reason the Event's reason, e.g. {@code Started}, {@code Succeeded}, {@code TimedOut}
 * @param message the Event's message
 * @param at when it happened
 */
public record RunEvent(boolean warning, String reason, String message, Instant at) {

  public static RunEvent normal(String reason, String message, Instant at) {
    return new RunEvent(false, reason, message, at);
  }

  public static RunEvent warning(String reason, String message, Instant at) {
    return new RunEvent(true, reason, message, at);
  }
}
