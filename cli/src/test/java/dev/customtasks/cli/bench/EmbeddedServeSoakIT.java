package dev.customtasks.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.serve.ServeInBackground;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Does {@code ctk serve --embedded} hold its memory under a steady load? In each of
 * {@code -Dsoak.cycles} cycles (default 2), PipelineRuns arrive at {@code -Dsoak.rate} per second
 * (default 2: at 4 the embedded server's single event loop nears saturation on 2 cores and falls
 * behind) for {@code -Dsoak.minutes} (default 5); then the load stops and the retentions
 * ({@code --keep-finished 30s --event-ttl 1m}) empty the store. Used heap after full collections
 * is sampled every {@code -Dsoak.sample-seconds} (default 30) under load, and once the store is
 * empty: what is left above the empty server's heap is what the runs left behind, and if it grows
 * from one cycle to the next, something keeps a little of every run. Figures, not pass/fail: only
 * a run that fails is an error.
 *
 * <pre>./mvnw -Pbench -pl cli -am verify -Dtest=EmbeddedServeSoakIT -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dsoak.cycles=3 -Dsoak.minutes=20</pre>
 */
@Tag("bench")
class EmbeddedServeSoakIT {

  private static final String PIPELINE_RUN = """
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: soak-%d, namespace: default}
      spec:
        pipelineSpec:
          tasks:
          - name: build
            taskSpec:
              metadata: {annotations: {customtasks.dev/stand-in-duration: 200ms}}
              steps: [{name: build, image: golang, script: make}]
          - name: cool-down
            runAfter: [build]
            taskRef: {apiVersion: customtasks.dev/v1alpha1, kind: Wait}
            params: [{name: duration, value: 1s}]
          - name: publish
            runAfter: [cool-down]
            taskSpec:
              metadata: {annotations: {customtasks.dev/stand-in-duration: 100ms}}
              steps: [{name: publish, image: golang, script: make publish}]
      """;
  private static final double MIB = 1024 * 1024;

  @TempDir
  Path dir;

  private record Sample(double minutes, int created, int pipelineRuns, int customRuns, int taskRuns, int events,
      double heapMib) {
  }

  @Test
  void heapHoldsStillUnderASteadyStreamOfPipelineRuns() throws Exception {
    int cycles = Integer.parseInt(System.getProperty("soak.cycles", "2"));
    double minutes = Double.parseDouble(System.getProperty("soak.minutes", "5"));
    int sampleSeconds = Integer.parseInt(System.getProperty("soak.sample-seconds", "30"));
    double perSecond = Double.parseDouble(System.getProperty("soak.rate", "2"));
    Path kubeconfig = dir.resolve("kubeconfig");
    List<Sample> underLoad = new ArrayList<>();
    List<Sample> drained = new ArrayList<>();
    Sample empty;
    AtomicInteger created = new AtomicInteger();
    AtomicInteger notCreated = new AtomicInteger();
    Set<String> failed = ConcurrentHashMap.newKeySet();
    try (ServeInBackground serve = new ServeInBackground().start("--embedded", "--port", "0", "--kubeconfig-out",
        kubeconfig.toString(), "--keep-finished", "30s", "--event-ttl", "1m");
        KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
      long start = System.nanoTime();
      empty = sample(client, 0, 0);
      for (int cycle = 1; cycle <= cycles; cycle++) {
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try {
          long cycleStart = System.nanoTime();
          load.scheduleAtFixedRate(() -> create(client, created, notCreated), 0, Math.round(1000 / perSecond),
              TimeUnit.MILLISECONDS);
          for (int i = 1; i <= Math.round(minutes * 60 / sampleSeconds); i++) {
            long due = cycleStart + TimeUnit.SECONDS.toNanos((long) i * sampleSeconds);
            Awaitility.await().atMost(Duration.ofSeconds(sampleSeconds + 30L)).pollInterval(Duration.ofMillis(200))
                .until(() -> System.nanoTime() >= due);
            failed.addAll(failedRuns(client));
            underLoad.add(sample(client, (System.nanoTime() - start) / 60e9, created.get()));
            System.out.println("SOAK " + format(underLoad.get(underLoad.size() - 1)));
          }
          // The load stops before the client and the server it writes to close.
          load.shutdown();
          assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
          load.shutdownNow();
        }
        failed.addAll(failedRuns(client));
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5))
            .until(() -> isEmpty(sample(client, 0, 0)));
        drained.add(sample(client, (System.nanoTime() - start) / 60e9, created.get()));
        System.out.println("SOAK " + format(drained.get(drained.size() - 1)) + "  (store emptied)");
      }
    }
    report(empty, underLoad, drained, perSecond);
    assertThat(notCreated.get()).as("PipelineRuns that could not be created").isZero();
    assertThat(failed).as("PipelineRuns that failed").isEmpty();
  }

  private static void create(KubernetesClient client, AtomicInteger created, AtomicInteger notCreated) {
    try {
      client.resource(PIPELINE_RUN.formatted(created.incrementAndGet())).create();
    } catch (RuntimeException e) {
      if (notCreated.incrementAndGet() == 1) {
        System.out.println("SOAK first failed create: " + e);
      }
    }
  }

  private static Sample sample(KubernetesClient client, double minutes, int created) {
    return new Sample(minutes, created, count(client, "tekton.dev/v1", "PipelineRun"),
        count(client, "tekton.dev/v1beta1", "CustomRun"), count(client, "tekton.dev/v1", "TaskRun"),
        client.v1().events().inAnyNamespace().list().getItems().size(), heapAfterGc());
  }

  private static boolean isEmpty(Sample s) {
    return s.pipelineRuns() + s.customRuns() + s.taskRuns() + s.events() == 0;
  }

  private static int count(KubernetesClient client, String apiVersion, String kind) {
    return client.genericKubernetesResources(apiVersion, kind).inAnyNamespace().list().getItems().size();
  }

  private static List<String> failedRuns(KubernetesClient client) {
    return client.resources(PipelineRun.class).inAnyNamespace().list().getItems().stream()
        .filter(r -> r.isDone() && !r.isSuccessful()).map(r -> r.getMetadata().getName()).toList();
  }

  private static double heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed() / MIB;
  }

  private static String format(Sample s) {
    return String.format("%6.1f min  %7d created  stored: %5d PipelineRuns %5d CustomRuns %5d TaskRuns %6d Events"
        + "  heap %6.1f MiB", s.minutes(), s.created(), s.pipelineRuns(), s.customRuns(), s.taskRuns(), s.events(),
        s.heapMib());
  }

  private static void report(Sample empty, List<Sample> underLoad, List<Sample> drained, double perSecond) {
    System.out.println("SOAK ---- ctk serve --embedded, " + perSecond + " PipelineRuns/s (3 tasks each), "
        + "--keep-finished 30s, --event-ttl 1m, used heap after full GC");
    System.out.printf("SOAK empty server: %.1f MiB%n", empty.heapMib());
    System.out.printf("SOAK under load: %.1f-%.1f MiB (samples fall anywhere in the 1-minute prune cycle)%n",
        underLoad.stream().mapToDouble(Sample::heapMib).min().orElse(0),
        underLoad.stream().mapToDouble(Sample::heapMib).max().orElse(0));
    for (Sample s : drained) {
      System.out.printf("SOAK store emptied after %d PipelineRuns: %.1f MiB (%+.1f MiB over the empty server)%n",
          s.created(), s.heapMib(), s.heapMib() - empty.heapMib());
    }
    if (drained.size() > 1) {
      Sample first = drained.get(0);
      Sample last = drained.get(drained.size() - 1);
      System.out.printf("SOAK from the first emptying to the last: %+.2f MiB over %d more PipelineRuns "
          + "(%+.1f KiB per 1,000)%n", last.heapMib() - first.heapMib(), last.created() - first.created(),
          (last.heapMib() - first.heapMib()) * 1024 * 1000 / (last.created() - first.created()));
    }
  }
}
