package dev.customtasks.cli.timeline;

import dev.customtasks.cli.output.OutputFormat;
import dev.customtasks.cli.output.Terminal;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --timeline}: where a PipelineRun's time went, instead of its description. */
public final class TimelineOptions {

  /** How the timeline is shown. */
  public enum Format {
    /** Rows and bars for the terminal. */
    TEXT
  }

  @Option(names = "--timeline", arity = "0..1", fallbackValue = "text", paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "Show where the time went: one bar per task on a shared time axis, waiting apart from "
          + "working, and the hops between tasks.")
  Format format;

  /** Whether {@code --timeline} was given. */
  public boolean requested() {
    return format != null;
  }

  /** Shows the timeline of {@code run} as asked. */
  public void show(KubernetesClient client, PipelineRun run, OutputFormat output, PrintWriter out) {
    TimelineOutput.printText(client, run, out, Terminal.detect(), Instant.now());
  }

  /** Reads {@code text} in any case, and says which are allowed otherwise. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected text, got '" + value + "'");
      }
    }
  }
}
