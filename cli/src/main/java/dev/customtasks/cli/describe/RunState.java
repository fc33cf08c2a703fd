package dev.customtasks.cli.describe;

import dev.customtasks.crds.api.Condition;
import dev.customtasks.crds.api.RunStatus;
import dev.customtasks.cli.output.Terminal;

/**
 * A run's state in one word, from its {@code Succeeded} condition as Tekton defines it; the
 * condition's reason (Cancelled, TimedOut, ...) is shown beside it, not folded into it.
 */
public enum RunState {
  PENDING("Pending"), RUNNING("Running"), SUCCEEDED("Succeeded"), FAILED("Failed");

  private final String word;

  RunState(String word) {
    this.word = word;
  }

  public static RunState of(RunStatus status) {
    if (status == null) {
      return PENDING;
    }
    return status.succeededCondition().map(c -> switch (c.getStatus() == null ? "" : c.getStatus()) {
      case Condition.TRUE -> SUCCEEDED;
      case Condition.FALSE -> FAILED;
      default -> status.hasStarted() ? RUNNING : PENDING;
    }).orElse(status.hasStarted() ? RUNNING : PENDING);
  }

  public String word() {
    return word;
  }

  /** The word coloured for a terminal: green done, red failed, yellow running. */
  public static String paint(String word, Terminal terminal) {
    if (SUCCEEDED.word.equals(word)) {
      return terminal.green(word);
    }
    if (FAILED.word.equals(word)) {
      return terminal.red(word);
    }
    return RUNNING.word.equals(word) ? terminal.yellow(word) : word;
  }

  @Override
  public String toString() {
    return word;
  }
}
