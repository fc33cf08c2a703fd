package dev.customtasks.cli.serve;

import static org.awaitility.Awaitility.await;

import dev.customtasks.cli.CtkRun;
import dev.customtasks.cli.cluster.Environment;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code ctk serve ...} running in another thread of this JVM, until the test stops it. */
final class ServeInBackground implements AutoCloseable {

  private final CtkRun run = new CtkRun();
  private final ServeCommand serve = run.command("serve");
  private CompletableFuture<CtkRun.Result> result;

  ServeInBackground inEnvironment(Environment environment) {
    serve.environment = environment;
    return this;
  }

  /** Starts {@code ctk serve ARGS} and waits until it says it is ready. */
  ServeInBackground start(String... args) {
    String[] withServe = new String[args.length + 1];
    withServe[0] = "serve";
    System.arraycopy(args, 0, withServe, 1, args.length);
    result = CompletableFuture.supplyAsync(() -> run.execute(withServe));
    await().atMost(Duration.ofSeconds(30)).until(() -> run.outSoFar().contains("Ctrl-C to stop.") || result.isDone());
    return this;
  }

  String out() {
    return run.outSoFar();
  }

  /** Stops it as Ctrl-C would and returns what it did. */
  CtkRun.Result stop() throws Exception {
    serve.stop();
    return result.get(30, TimeUnit.SECONDS);
  }

  /** Its result when it ends by itself (a failure at start). */
  CtkRun.Result ended() throws Exception {
    return result.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (result != null && !result.isDone()) {
      stop();
    }
  }
}
