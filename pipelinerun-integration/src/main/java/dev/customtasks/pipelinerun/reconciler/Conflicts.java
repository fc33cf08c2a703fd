package dev.customtasks.pipelinerun.reconciler;

import dev.customtasks.crds.controller.StatusWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * An HTTP 409 during a reconcile is expected: the run's status is written compare-and-set, and a
 * task controller writes a child's status while this controller cancels it. It means only that
 * the decision was made on state someone has since changed; it is made again on fresh state. So
 * it is told as one debug line, not as an error with a stack trace, and the run is looked at
 * again shortly (the watch event of the newer state usually comes first).
 */
final class Conflicts {

  /** When to look again if no event comes first. */
  static final Duration RETRY_AFTER = Duration.ofMillis(200);

  private Conflicts() {
  }

  /**
   * The answer to {@code e} thrown while reconciling {@code run}: a reschedule for a conflict
   * (wrapped or not), after telling {@code debug} one line.
   *
   * @throws RuntimeException {@code e} itself when it is not a conflict
   */
  static <P extends HasMetadata> UpdateControl<P> handle(RuntimeException e, P run, Consumer<String> debug) {
    if (!StatusWriter.isConflict(e)) {
      throw e;
    }
    debug.accept("conflict on " + run.getKind() + " " + run.getMetadata().getNamespace() + "/"
        + run.getMetadata().getName() + ", deciding again on fresh state: " + firstLine(rootMessage(e)));
    return UpdateControl.<P>noUpdate().rescheduleAfter(RETRY_AFTER);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
