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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Does {@code ctk serve --embedded} hold its memory under a steady load? PipelineRuns arrive at
 * {@code -Dsoak.rate} per second (default 2: at 4 the embedded server's single event loop nears
 * saturation on 2 cores and falls behind) for {@code -Dsoak.minutes} (default 8). Finished runs
 * and Events go after short retentions, so the store reaches a steady size after a few minutes.
 * Used heap after full collections is sampled every {@code -Dsoak.sample-seconds} (default 30);
 * at the end the load stops, the retentions empty the store, and the heap left above the empty
 * server's is what the runs left behind. Figures, not pass/fail: only a run that fails is an error.
 *
 * <pre>./mvnw -Pbench -pl cli -am verify -Dsoak.minutes=60</pre>
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
    double minutes = Double.parseDouble(System.getProperty("soak.minutes", "8"));
    int sampleSeconds = Integer.parseInt(System.getProperty("soak.sample-seconds", "30"));
    double perSecond = Double.parseDouble(System.getProperty("soak.rate", "2"));
    Path kubeconfig = dir.resolve("kubeconfig");
    List<Sample> samples = new ArrayList<>();
    Sample drained;
    AtomicInteger created = new AtomicInteger();
    AtomicInteger notCreated = new AtomicInteger();
    java.util.Set<String> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
    try (ServeInBackground serve = new ServeInBackground().start("--embedded", "--port", "0", "--kubeconfig-out",
        kubeconfig.toString(), "--keep-finished", "30s", "--event-ttl", "1m");
        KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
      long start = System.nanoTime();
      samples.add(sample(client, 0, 0));
      load.scheduleAtFixedRate(() -> {
        try {
          client.resource(PIPELINE_RUN.formatted(created.incrementAndGet())).create();
        } catch (RuntimeException e) {
          if (notCreated.incrementAndGet() == 1) {
            System.out.println("SOAK first failed create: " + e);
          }
        }
      }, 0, Math.round(1000 / perSecond), TimeUnit.MILLISECONDS);
      for (int i = 1; i <= Math.round(minutes * 60 / sampleSeconds); i++) {
        long due = start + TimeUnit.SECONDS.toNanos((long) i * sampleSeconds);
        Awaitility.await().atMost(Duration.ofSeconds(sampleSeconds + 30L)).pollInterval(Duration.ofMillis(200))
            .until(() -> System.nanoTime() >= due);
        failed.addAll(failedRuns(client));
        samples.add(sample(client, (System.nanoTime() - start) / 60e9, created.get()));
        System.out.println("SOAK " + format(samples.get(samples.size() - 1)));
      }
      // The load stops before the client and the server it writes to close.
      load.shutdown();
      assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      // Once the retentions have emptied the store, whatever heap is left above the empty
      // server's is what the runs left behind: free of where in the prune cycle a sample falls.
      long drainStart = System.nanoTime();
      Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5))
          .until(() -> isEmpty(sample(client, 0, 0)));
      drained = sample(client, (System.nanoTime() - start) / 60e9, created.get());
      System.out.printf("SOAK store empty %.0f s after the load stopped%n", (System.nanoTime() - drainStart) / 1e9);
    } finally {
      load.shutdownNow();
    }
    report(samples, drained, perSecond);
    assertThat(notCreated.get()).as("PipelineRuns that could not be created").isZero();
    assertThat(failed).as("PipelineRuns that failed").isEmpty();
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

  private static void report(List<Sample> samples, Sample drained, double perSecond) {
    List<Sample> steady = samples.subList(Math.max(1, samples.size() / 3), samples.size());
    double max = steady.stream().mapToDouble(Sample::heapMib).max().orElse(0);
    double min = steady.stream().mapToDouble(Sample::heapMib).min().orElse(0);
    double empty = samples.get(0).heapMib();
    System.out.println("SOAK ---- ctk serve --embedded, " + perSecond + " PipelineRuns/s (3 tasks each), "
        + "--keep-finished 30s, --event-ttl 1m, heap after full GC");
    samples.forEach(s -> System.out.println("SOAK " + format(s)));
    System.out.println("SOAK " + format(drained) + "  (load stopped, store emptied by the retentions)");
    System.out.printf("SOAK empty server %.1f MiB; under load after warm-up (from %.1f min) %.1f-%.1f MiB, "
        + "slope %+.1f MiB/h (noisy: samples fall anywhere in the 1-minute prune cycle)%n",
        empty, steady.get(0).minutes(), min, max, slope(steady) * 60);
    System.out.printf("SOAK emptied again after %d PipelineRuns: %.1f MiB, %+.1f MiB over the empty server "
        + "(%.1f KiB per 1,000 PipelineRuns, one-time caches included)%n", drained.created(), drained.heapMib(),
        drained.heapMib() - empty, (drained.heapMib() - empty) * 1024 / drained.created() * 1000);
  }

  /** Least-squares slope of heap over minutes. */
  private static double slope(List<Sample> samples) {
    double n = samples.size();
    double meanX = samples.stream().mapToDouble(Sample::minutes).sum() / n;
    double meanY = samples.stream().mapToDouble(Sample::heapMib).sum() / n;
    double num = 0;
    double den = 0;
    for (Sample s : samples) {
      num += (s.minutes() - meanX) * (s.heapMib() - meanY);
      den += (s.minutes() - meanX) * (s.minutes() - meanX);
    }
    return den == 0 ? 0 : num / den;
  }
}
