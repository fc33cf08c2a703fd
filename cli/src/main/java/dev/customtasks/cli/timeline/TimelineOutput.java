package dev.customtasks.cli.timeline;

import dev.customtasks.cli.output.Terminal;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** What {@code ctk describe pipelinerun --timeline} and the end of {@code ctk run} print. */
public final class TimelineOutput {

  /** Hops longer than this are listed; on a loaded machine the embedded controllers take a few hundred ms. */
  public static final Duration HOP_THRESHOLD = Duration.ofMillis(500);

  private TimelineOutput() {
  }

  /** Reads {@code run}'s tree and prints its timeline for the terminal (plain where it is none). */
  public static void printText(KubernetesClient client, PipelineRun run, PrintWriter out, Terminal terminal,
      Instant now) {
    print(Spans.of(new TimelineReader(client).read(run), now), out, terminal);
  }

  /** Prints {@code timeline} at the terminal's width, coloured where the terminal takes colour. */
  public static void print(Timeline timeline, PrintWriter out, Terminal terminal) {
    new TimelineText(timeline, TerminalWidth.detect(), terminal.colour(), HOP_THRESHOLD).lines()
        .forEach(out::println);
    out.flush();
  }
}
