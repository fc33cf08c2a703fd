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
import java.util.Map;
import java.util.Optional;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --timeline[=text|svg] [FILE]}: where a PipelineRun's time went, instead of its
 * description; with {@code -o json|yaml} the spans for scripts.
 *
 * <p>The format is optional, so it must not take the word after it when that word is the run's
 * NAME ({@code ctk describe pr --timeline my-run}): a format attached with {@code =} is always
 * read (and an unknown one refused), a separate word only when it is {@code text} or {@code svg}.
 * This is how kubectl's optional-value flags read ({@code --flag=value}; the next word is a
 * positional argument), plus the separate form for the two known formats.
 */
public final class TimelineOptions {

  /** How the timeline is shown. */
  public enum Format {
    /** Rows and bars for the terminal. */
    TEXT,
    /** A standalone SVG written to FILE. */
    SVG;

    /** {@code text} or {@code svg} in any case; empty for anything else. */
    static Optional<Format> parse(String value) {
      for (Format format : values()) {
        if (format.name().equalsIgnoreCase(value)) {
          return Optional.of(format);
        }
      }
      return Optional.empty();
    }
  }

  @Option(names = "--timeline", arity = "0..1", fallbackValue = "text", paramLabel = "FORMAT",
      converter = FormatConverter.class, preprocessor = FormatPreprocessor.class,
      description = "Show where the time went: one bar per task on a shared time axis, waiting apart from "
          + "working, and the hops between tasks. text (the default) for the terminal, svg to write FILE "
          + "(--timeline=svg FILE); with -o json|yaml the spans.")
  Format format;

  /** Whether {@code --timeline} was given. */
  public boolean requested() {
    return format != null;
  }

  /** The format asked for; null when {@code --timeline} was not given. */
  public Format format() {
    return format;
  }

  /**
   * Checks FILE against the format before anything is read: svg needs one, text takes none.
   *
   * @param file the command's positional FILE after the run's name; null when not given
   * @throws ParameterException (a bad command line, exit 2) when they do not fit
   */
  public void validate(CommandLine commandLine, Path file) {
    if (format == Format.SVG && file == null) {
      throw new ParameterException(commandLine, "--timeline=svg needs a FILE to write, e.g. "
          + "--timeline=svg timeline.svg (ctk writes no file it is not given)");
    }
    if (format != Format.SVG && file != null) {
      throw new ParameterException(commandLine, "a FILE (" + file + ") is written only with --timeline=svg");
    }
  }

  /**
   * Shows the timeline of {@code run} as asked.
   *
   * @param file where {@code svg} writes: the command's positional FILE after the run's name; null when not given
   *     ({@link #validate(CommandLine, Path)} has checked it)
   * @throws CliException if FILE cannot be written
   */
  public void show(KubernetesClient client, PipelineRun run, OutputFormat output, Path file, PrintWriter out) {
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
      return Format.parse(value).orElseThrow(() -> new TypeConversionException("expected text or svg, got '"
          + value + "'"));
    }
  }

  /**
   * {@code --timeline=FORMAT} is left to picocli (and its converter); {@code --timeline} alone takes
   * the next word only when it is a format, so that a NAME after it stays the NAME.
   */
  static final class FormatPreprocessor implements IParameterPreprocessor {
    @Override
    public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec,
        Map<String, Object> info) {
      // picocli tells the separator it saw: "=" when the value was attached, a blank when the next word follows.
      if (info.get("separator") instanceof String separator && !separator.isBlank()) {
        return false;
      }
      Format format = !args.isEmpty() ? Format.parse(args.peek()).orElse(null) : null;
      if (format != null) {
        args.pop();
      }
      argSpec.setValue(format != null ? format : Format.TEXT);
      return true;
    }
  }
}
