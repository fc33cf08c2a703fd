package dev.customtasks.cli.timeline;

import dev.customtasks.cli.CliException;
import dev.customtasks.cli.output.ObjectPrinter;
import dev.customtasks.cli.output.OutputFormat;
import dev.customtasks.cli.output.Terminal;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --timeline[=text|svg] [FILE]}: where a PipelineRun's time went, instead of its
 * description; with {@code -o json|yaml} the spans for scripts.
 */
public final class TimelineOptions {

  /** How the timeline is shown. */
  public enum Format {
    /** Rows and bars for the terminal. */
    TEXT,
    /** A standalone SVG written to FILE. */
    SVG
  }

  @Option(names = "--timeline", arity = "0..1", fallbackValue = "text", paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "Show where the time went: one bar per task on a shared time axis, waiting apart from "
          + "working, and the hops between tasks. text (the default) for the terminal, svg to write FILE; "
          + "with -o json|yaml the spans.")
  Format format;

  /** Whether {@code --timeline} was given. */
  public boolean requested() {
    return format != null;
  }

  /**
   * Shows the timeline of {@code run} as asked.
   *
   * @param file where {@code svg} writes: the command's positional FILE after the run's name; null when not given
   * @throws CliException if FILE is missing for svg, given without it, or cannot be written
   */
  public void show(KubernetesClient client, PipelineRun run, OutputFormat output, Path file, PrintWriter out) {
    if (format == Format.SVG && file == null) {
      throw new CliException("--timeline=svg needs a FILE to write, e.g. --timeline=svg timeline.svg");
    }
    if (format != Format.SVG && file != null) {
      throw new CliException("a FILE (" + file + ") is written only with --timeline=svg");
    }
    Instant now = Instant.now();
    Timeline timeline = Spans.of(new TimelineReader(client).read(run), now);
    if (output != null) {
      ObjectPrinter.print(output, TimelineJson.of(timeline), out);
    } else if (format == Format.SVG) {
      try {
        Files.writeString(file, new TimelineSvg(timeline, TimelineOutput.HOP_THRESHOLD).render(),
            StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CliException("cannot write " + file + ": " + e.getMessage());
      }
      out.println("wrote the timeline of PipelineRun " + run.getMetadata().getName() + " to " + file);
      out.flush();
    } else {
      TimelineOutput.print(timeline, out, Terminal.detect());
    }
  }

  /** Reads {@code text} or {@code svg} in any case, and says which are allowed otherwise. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected text or svg, got '" + value + "'");
      }
    }
  }
}
