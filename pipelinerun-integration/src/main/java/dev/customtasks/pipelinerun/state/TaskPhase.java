package dev.customtasks.pipelinerun.state;

/** Where one pipeline task stands, as its child run (or the lack of one) shows. */
public enum TaskPhase {
  NOT_STARTED, RUNNING, SUCCEEDED, FAILED, CANCELLED, SKIPPED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == SKIPPED;
  }
}
