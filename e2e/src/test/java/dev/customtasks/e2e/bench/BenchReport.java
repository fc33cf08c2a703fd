package dev.customtasks.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' output: one row per figure (value, target, whether it was met) plus notes, printed
 * as a table and written as {@code results.json} and {@code results.md}. Rows may be added from
 * any scenario; nothing here fails a build.
 */
public final class BenchReport {

  /** Whether a figure met its target; {@link #NO_TARGET} where the issues set none. */
  public enum Verdict {
    MET("yes"), MISSED("NO"), NO_TARGET("-");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }

    public static Verdict of(boolean met) {
      return met ? MET : MISSED;
    }

    public String text() {
      return text;
    }
  }

  public record Row(String figure, String value, String target, Verdict met) {
  }

  private final String target;
  private final String isolation;
  private final Machine machine = Machine.current();
  private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, String> sections = new LinkedHashMap<>();

  /**
   * @param target the {@code e2e.cluster} value the figures were measured on
   * @param isolation how scenarios were kept apart (fresh servers, or one namespace cleaned between)
   */
  public BenchReport(String target, String isolation) {
    this.target = target;
    this.isolation = isolation;
  }

  public synchronized void add(String figure, String value, String target, Verdict met) {
    rows.add(new Row(figure, value, target, met));
  }

  /** A figure the issues set no target for. */
  public synchronized void add(String figure, String value) {
    add(figure, value, "-", Verdict.NO_TARGET);
  }

  public synchronized void note(String note) {
    notes.add(note);
  }

  /** A table or text of its own, printed after the figures under {@code title}. */
  public synchronized void section(String title, String markdown) {
    sections.put(title, markdown);
  }

  public synchronized String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("Target `").append(target).append("`, ").append(machine.describe()).append(", ")
        .append(started).append(".\n").append("Isolation: ").append(isolation).append(".\n\n");
    md.append("| figure | value | target | met? |\n| --- | --- | --- | --- |\n");
    for (Row row : rows) {
      md.append("| ").append(row.figure()).append(" | ").append(row.value()).append(" | ").append(row.target())
          .append(" | ").append(row.met().text()).append(" |\n");
    }
    if (!notes.isEmpty()) {
      md.append('\n');
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    sections.forEach((title, text) -> md.append("\n").append(title).append(":\n\n").append(text));
    return md.toString();
  }

  /** Prints the table to stdout and writes {@code results.json} and {@code results.md} into {@code dir}. */
  public synchronized void publish(Path dir) {
    String md = markdown();
    System.out.println("\n=== Benchmarks ===\n" + md);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("target", target);
    json.put("isolation", isolation);
    json.put("measuredAt", started.toString());
    json.put("machine", machine);
    json.put("figures", rows);
    json.put("notes", notes);
    json.put("sections", sections);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("results.md"), md);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve("results.json").toFile(), json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark results to " + dir, e);
    }
  }
}
