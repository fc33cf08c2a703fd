package dev.customtasks.e2e.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Creates many objects "at once": from a few threads, as fast as the API server takes them. */
public final class ParallelCreator {

  /** Enough to keep the server busy; more only queues on its one store lock. */
  public static final int THREADS = 8;

  private ParallelCreator() {
  }

  /** Creates every object and returns how long that took, from the first request to the last answer. */
  public static Duration createAll(KubernetesClient client, List<? extends HasMetadata> objects) {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      long start = System.nanoTime();
      List<Future<HasMetadata>> created = objects.stream()
          .map(o -> pool.submit(() -> (HasMetadata) client.resource(o).create())).toList();
      for (Future<HasMetadata> future : created) {
        future.get();
      }
      return Duration.ofNanos(System.nanoTime() - start);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a create failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
