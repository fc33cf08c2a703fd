package dev.customtasks.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.controller.CustomTask;
import dev.customtasks.crds.controller.CustomTaskReconciler;
import dev.customtasks.crds.controller.WatchedNamespaces;
import dev.customtasks.crds.testkit.ControllerHarness;
import dev.customtasks.e2e.cluster.EmbeddedTarget;
import dev.customtasks.embedded.RequestTally;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the API-request benchmarks share: each controller in an operator of its own whose client
 * sends its own {@code User-Agent}, so that the embedded server's {@link RequestTally} puts every
 * request down to the controller that made it; scenarios run one object after another, the first
 * {@value #WARM_UP} not counted; figures per run, by verb and resource.
 */
final class RequestCounts {

  /** Objects of each scenario counted, one after another. */
  static final int RUNS = 20;
  /** Objects of each scenario run first and not counted (start-up lists and watches are no per-run cost). */
  static final int WARM_UP = 2;

  private RequestCounts() {
  }

  /**
   * Runs {@value #WARM_UP} objects uncounted, then {@value #RUNS} counted, one after another, and
   * returns the requests made from the first counted create until the server was quiet after the
   * last. {@code drive} creates the object and waits until it is done (and may act on it, as a
   * person would, in between).
   */
  static <T extends HasMetadata> Map<RequestTally.Key, Long> counted(EmbeddedTarget target,
      Function<Integer, T> object, Consumer<T> drive) {
    for (int i = 0; i < WARM_UP + RUNS; i++) {
      if (i == WARM_UP) {
        awaitQuiet(target);
        target.server().requests().reset();
      }
      drive.accept(object.apply(i));
    }
    awaitQuiet(target);
    return target.server().requests().snapshot();
  }

  /** Until no request at all reached the server for a whole second (the benchmark's own polls included). */
  static void awaitQuiet(EmbeddedTarget target) {
    AtomicLong seen = new AtomicLong(-1);
    AtomicLong since = new AtomicLong(System.nanoTime());
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
      long now = target.server().requests().total();
      if (now != seen.getAndSet(now)) {
        since.set(System.nanoTime());
      }
      return System.nanoTime() - since.get() >= Duration.ofSeconds(1).toNanos();
    });
  }

  /** "12.0 (patch customruns/status 2.0, create events 2.0, ...)" for one agent, per run. */
  static String perRun(Map<RequestTally.Key, Long> counts, String agent, int runs) {
    Map<String, Long> byCall = new TreeMap<>();
    counts.forEach((key, count) -> {
      if (key.agent().equals(agent)) {
        byCall.merge(key.verb() + " " + key.resource(), count, Long::sum);
      }
    });
    long total = byCall.values().stream().mapToLong(Long::longValue).sum();
    String parts = byCall.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / (double) runs))
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "%.1f (%s)", total / (double) runs, parts.isEmpty() ? "none" : parts);
  }

  /** Polls the CustomRun until it is done, and checks that it succeeded. */
  static void awaitSucceeded(EmbeddedTarget target, String name) {
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20)).until(() -> {
      CustomRun run = target.client().resources(CustomRun.class).inNamespace(target.namespace()).withName(name).get();
      return run != null && run.getStatus() != null && run.getStatus().isDone();
    });
    CustomRun done = target.client().resources(CustomRun.class).inNamespace(target.namespace()).withName(name).get();
    assertThat(done.getStatus().isSuccessful()).as("%s succeeded: %s", name, done.getStatus().succeededCondition())
        .isTrue();
  }

  static WatchedNamespaces namespaces(EmbeddedTarget target) {
    return WatchedNamespaces.parse(target.namespace());
  }

  /** An operator of its own for {@code registration}, whose client says {@code agent}. */
  static ControllerHarness controller(EmbeddedTarget target, String agent, Consumer<Operator> registration) {
    return new ControllerHarness(() -> new KubernetesClientBuilder().withConfig(new ConfigBuilder(
        target.client().getConfiguration()).withUserAgent(agent).build()).build(), registration);
  }

  /** The task's controller, as its own process runs it, saying {@code <task name>-controller}. */
  static ControllerHarness taskController(EmbeddedTarget target, CustomTask<?, ?> task) {
    return controller(target, agent(task), op -> register(op, task, namespaces(target)));
  }

  /** The {@code User-Agent} of {@code task}'s controller: {@code <task name>-controller}. */
  static String agent(CustomTask<?, ?> task) {
    return task.name() + "-controller";
  }

  private static <S, T> void register(Operator operator, CustomTask<S, T> task, WatchedNamespaces namespaces) {
    new CustomTaskReconciler<>(task, Clock.systemUTC()).registerWith(operator, namespaces);
  }
}
