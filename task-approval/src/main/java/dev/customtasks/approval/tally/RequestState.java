package dev.customtasks.approval.tally;

/** Where an approval request stands; every state but {@link #Pending} is final. */
public enum RequestState {
  Pending,
  Approved,
  Rejected,
  TimedOut,
  Cancelled;

  public boolean isClosed() {
    return this != Pending;
  }
}
