package dev.customtasks.cli.serve;

import static org.awaitility.Awaitility.await;

import dev.customtasks.cli.CtkRun;
import dev.customtasks.cli.cluster.Environment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code ctk serve ...} running in another thread of this JVM, until the test stops it. */
public final class ServeInBackground implements AutoCloseable {

  private final CtkRun run = new CtkRun();
  private final ServeCommand serve = run.command("serve");
  private CompletableFuture<CtkRun.Result> result;

  public ServeInBackground inEnvironment(Environment environment) {
    serve.environment = environment;
    return this;
  }

  /**
   * Starts {@code ctk serve ARGS} and waits until it says it is ready. Unless the arguments say
   * otherwise, the metrics endpoints take any free port: the default 8080 may be taken on the
   * machine that runs the tests.
   */
  public ServeInBackground start(String... args) {
    List<String> withServe = new ArrayList<>(List.of("serve"));
    withServe.addAll(Arrays.asList(args));
    if (!withServe.contains("--metrics-port") && !withServe.contains("--no-metrics")) {
      withServe.addAll(List.of("--metrics-port", "0"));
    }
    result = CompletableFuture.supplyAsync(() -> run.execute(withServe.toArray(String[]::new)));
    await().atMost(Duration.ofSeconds(30)).until(() -> run.outSoFar().contains("Ctrl-C to stop.") || result.isDone());
    return this;
  }

  public String out() {
    return run.outSoFar();
  }

  /** Stops it as Ctrl-C would and returns what it did. */
  public CtkRun.Result stop() throws Exception {
    serve.stop();
    return result.get(30, TimeUnit.SECONDS);
  }

  /** Its result when it ends by itself (a failure at start). */
  public CtkRun.Result ended() throws Exception {
    return result.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (result != null && !result.isDone()) {
      stop();
    }
  }
}
