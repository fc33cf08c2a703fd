package dev.customtasks.cli.serve;

import static org.awaitility.Awaitility.await;

import dev.customtasks.cli.Ctk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ctk serve ARGS} in a JVM of its own, as a replica in a cluster runs: it can be killed
 * without a chance to clean up, which a serve in a thread of the test cannot. Its stdout and
 * stderr go to one file, kept for when a test fails.
 */
final class ServeProcess implements AutoCloseable {

  private static final Pattern METRICS_PORT = Pattern.compile("metrics:\\s+http://\\S+:(\\d+)/metrics");
  private static final Pattern WAIT_RECONCILES = Pattern.compile(
      "(?m)^operator_sdk_controllers_execution_reconcile_success_total\\{[^}]*controller=\"wait\"[^}]*}\\s+(\\S+)$");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String name;
  private final Process process;
  private final Path log;

  private ServeProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code ctk serve ARGS} with this JVM's java and the test classpath (surefire puts the
   * whole of it in {@code java.class.path}), logging to {@code log}; returns at once.
   */
  static ServeProcess start(String name, Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Three JVMs share the machine: C1 only and a small heap start faster and leave CPU for the
        // Lease renewals, whose deadline is a few seconds in these tests.
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"),
        Ctk.class.getName(), "serve"));
    command.addAll(Arrays.asList(args));
    Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    return new ServeProcess(name, process, log);
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  /** What its Lease identity ends with: ctk's identity is {@code HOST-PID}. */
  String identitySuffix() {
    return "-" + pid();
  }

  /** Waits until it printed its banner, i.e. its controllers started (as leader or follower). */
  ServeProcess awaitReady(Duration bound) {
    await().atMost(bound).until(() -> output().contains("Ctrl-C to stop.") || !process.isAlive());
    if (!output().contains("Ctrl-C to stop.")) {
      throw new AssertionError(name + " ended before it was ready:\n" + tail());
    }
    return this;
  }

  String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reconciles its wait controller finished, from its own /metrics. */
  double waitReconciles() throws IOException, InterruptedException {
    Matcher port = METRICS_PORT.matcher(output());
    if (!port.find()) {
      throw new AssertionError(name + " printed no metrics URL:\n" + tail());
    }
    String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    return WAIT_RECONCILES.matcher(metrics).results().mapToDouble(m -> Double.parseDouble(m.group(1))).sum();
  }

  /** SIGKILL: no shutdown hook runs, so nothing is released; waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, as Ctrl-C or a Pod's termination: the shutdown hook stops serve cleanly. */
  void terminate() {
    process.destroy();
  }

  /** Its exit code once it ended by itself or was terminated, within {@code bound}. */
  int awaitExit(Duration bound) throws InterruptedException {
    if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still runs after " + bound + ":\n" + tail());
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The last lines it printed, for a failure message. */
  String tail() {
    List<String> lines = output().lines().toList();
    return "--- " + name + " (pid " + pid() + ", " + (process.isAlive() ? "running" : "exit " + process.exitValue())
        + "), last lines of " + log + ":\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
