package dev.customtasks.cli.run;

import dev.customtasks.cli.approval.ApprovalProgress;
import dev.customtasks.cli.describe.Answerers;
import dev.customtasks.cli.describe.RunState;
import dev.customtasks.cli.output.Durations;
import dev.customtasks.crds.api.RunStatus;
import dev.customtasks.crds.api.Timestamps;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.TaskRun;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One pipeline task as {@code ctk run} shows it: state, elapsed time, and while a custom task runs
 * what it says of itself (a countdown for a wait, a lock's place in line, a matrix's or loop's
 * progress, the command that approves).
 *
 * @param progress the running custom task's own message; a new one is worth a new line
 */
record TaskLine(String task, String kind, String state, String detail, String progress) {

  static TaskLine of(String task, HasMetadata child, Instant now) {
    return of(task, child, now, Answerers.silent());
  }

  /** As {@link #of(String, HasMetadata, Instant)}, saying when no controller answers a custom task ({@link Answerers}). */
  static TaskLine of(String task, HasMetadata child, Instant now, Answerers answerers) {
    return of(task, child, now, answerers, Optional.empty());
  }

  /**
   * As {@link #of(String, HasMetadata, Instant, Answerers)}, with where a running approval stands
   * ({@link ApprovalProgress#summary()}) as its progress instead of its controller's message, which
   * names approvers who already decided as if they had not.
   */
  static TaskLine of(String task, HasMetadata child, Instant now, Answerers answerers, Optional<String> approval) {
    RunStatus status = child instanceof CustomRun c ? c.getStatus() : ((TaskRun) child).getStatus();
    String kind = child instanceof CustomRun c
        ? c.taskKind().map(k -> k.kind()).orElse("CustomRun") : "TaskRun";
    RunState state = RunState.of(status);
    Optional<String> unanswered = child instanceof CustomRun c ? answerers.unanswered(c, now) : Optional.empty();
    if (unanswered.isPresent()) {
      // A progress of its own, so that a pipe or a file gets it as a new line.
      return new TaskLine(task, kind, state.word(), unanswered.get(), unanswered.get());
    }
    String detail = "";
    String progress = "";
    if (status != null && status.hasStarted()) {
      Instant end = status.isDone() && status.completionInstant() != null ? status.completionInstant() : now;
      detail = Durations.elapsed(Duration.between(status.startInstant(), end));
      if (!status.isDone()) {
        Optional<String> countdown = countdown(child, now);
        detail += countdown.map(c -> ", " + c).orElse("");
        if (approval.isPresent()) {
          progress = approval.get();
          detail += ", " + progress;
        } else if (countdown.isEmpty() && child instanceof CustomRun) {
          progress = status.succeededCondition().map(c -> firstLine(c.getMessage())).filter(m -> !m.isBlank())
              .orElse("");
          detail += progress.isEmpty() ? "" : ", " + progress;
        }
        detail += approveCommand(child).map(c -> answerers.inThisProcess()
            ? ", to decide it, run the file under ctk serve --embedded (ctk run --embedded serves no other shell)"
            : ", approve with: " + c).orElse("");
      } else if (status.isFailed()) {
        detail += status.succeededCondition().map(c -> ", " + c.getReason() + ": " + firstLine(c.getMessage()))
            .orElse("");
      } else if (child instanceof CustomRun) {
        // What a custom task says of its success is its own (a Matrix with nothing to run, an Unlock that held nothing).
        detail += status.succeededCondition().map(c -> firstLine(c.getMessage())).filter(m -> !m.isBlank())
            .map(m -> ", " + m).orElse("");
      }
    }
    return new TaskLine(task, kind, state.word(), detail, progress);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  static TaskLine skipped(String task, String reason) {
    return new TaskLine(task, "", "Skipped", reason, "");
  }

  /** An approval names its request in status.extraFields: show the command that decides it. */
  static Optional<String> approveCommand(HasMetadata child) {
    if (child instanceof CustomRun run && run.getStatus().getExtraFields() instanceof Map<?, ?> extra
        && extra.get("approvalRequest") instanceof String request) {
      return Optional.of("ctk approve " + request + " -n " + run.getMetadata().getNamespace());
    }
    return Optional.empty();
  }

  /** A wait keeps its deadline in status.extraFields: show how long is left. */
  private static Optional<String> countdown(HasMetadata child, Instant now) {
    if (child instanceof CustomRun run && run.getStatus().getExtraFields() instanceof Map<?, ?> extra
        && extra.get("deadline") instanceof String deadline) {
      Instant at = Timestamps.parse(deadline);
      Duration left = Duration.between(now, at);
      // An approval's deadline is when it times out; a wait's is when it fires.
      String what = extra.get("approvalRequest") != null ? "times out in " : "fires in ";
      return Optional.of(left.isNegative() ? "due" : what + Durations.elapsed(left));
    }
    return Optional.empty();
  }

  /** What, when it changes, makes a new line where the screen is not redrawn (a pipe, a file, CI). */
  String printedState() {
    return progress.isEmpty() ? state : state + ": " + progress;
  }

  String render(int taskWidth) {
    return dev.customtasks.crds.api.SafeText.escape(String.format("  %-" + taskWidth + "s  %-10s  %-9s  %s", task,
        kind, state, detail).stripTrailing());
  }
}
