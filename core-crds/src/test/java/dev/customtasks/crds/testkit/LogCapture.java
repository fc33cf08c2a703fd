package dev.customtasks.crds.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The log lines written while it is open, for a test that checks what a controller logs. The
 * modules' tests log through slf4j-simple, which writes each line to {@code System.err} as it is
 * at that moment; so while a capture is open, {@code System.err} is a stream that keeps what every
 * thread writes and still passes it to the stream it replaced. Close it (try-with-resources) to
 * put that stream back. One capture at a time per JVM.
 */
public final class LogCapture implements AutoCloseable {

  /** A line of a Java stack trace: a frame, a {@code Caused by:} or the {@code ... n more} tail. */
  private static final Pattern STACK_TRACE = Pattern.compile("^\\s+at .+|^Caused by: .+|^\\s+\\.\\.\\. \\d+ more$");

  private final PrintStream replaced;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

  private LogCapture() {
    this.replaced = System.err;
    OutputStream tee = new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (kept) {
          kept.write(b);
        }
        replaced.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (kept) {
          kept.write(b, off, len);
        }
        replaced.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        replaced.flush();
      }
    };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  /** Starts keeping what is logged. */
  public static LogCapture start() {
    return new LogCapture();
  }

  /** Every line logged since the start, in order. */
  public List<String> lines() {
    String text;
    synchronized (kept) {
      text = kept.toString(StandardCharsets.UTF_8);
    }
    return text.lines().toList();
  }

  /** The lines that contain {@code text}. */
  public List<String> linesWith(String text) {
    return lines().stream().filter(l -> l.contains(text)).toList();
  }

  /** The lines that belong to a stack trace: frames, {@code Caused by:}, {@code ... n more}. */
  public List<String> stackTraceLines() {
    return lines().stream().filter(l -> STACK_TRACE.matcher(l).matches()).toList();
  }

  @Override
  public void close() {
    System.err.flush();
    System.setErr(replaced);
  }
}
