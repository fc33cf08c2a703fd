package dev.customtasks.e2e.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The API server's own floor for a controller's hop: one write seen through a watch and answered
 * by another write. A responder with its own client and an informer (as a controller has) answers
 * each update of ConfigMap {@code ping-<id>} by creating {@code pong-<id>}; the benchmark's watch
 * measures {@code t(pong ADDED) - t(ping MODIFIED)}, the same way it measures a PipelineRun hop.
 * The responder answers from {@value #RESPONDER_THREADS} threads, as many as JOSDK's reconcilers.
 */
public final class PingPongFloor implements AutoCloseable {

  static final int RESPONDER_THREADS = 50;
  private static final String ROLE = "customtasks.dev/bench-role";
  private static final Duration BOUND = Duration.ofMinutes(2);

  private final KubernetesClient driver;
  private final String namespace;
  private final KubernetesClient responderClient;
  private final ExecutorService responderThreads = Executors.newFixedThreadPool(RESPONDER_THREADS);
  private final SharedIndexInformer<ConfigMap> responder;
  private final Watch watch;
  private final Map<String, Long> pingModifiedNanos = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Long>> pongAddedNanos = new ConcurrentHashMap<>();
  private volatile WatcherException watchClosedBy;

  /**
   * @param driver writes the pings
   * @param observer carries the benchmark's watch
   * @param responderClient the responder's own client, closed with this floor
   */
  public PingPongFloor(KubernetesClient driver, KubernetesClient observer, KubernetesClient responderClient,
      String namespace) {
    this.driver = driver;
    this.namespace = namespace;
    this.responderClient = responderClient;
    this.watch = observer.configMaps().inNamespace(namespace).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap map) {
        seen(action, map.getMetadata().getName(), System.nanoTime());
      }

      @Override
      public void onClose(WatcherException cause) {
        watchClosedBy = cause;
      }
    });
    this.responder = responderClient.configMaps().inNamespace(namespace).withLabel(ROLE, "ping")
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(ConfigMap ping) {
          }

          @Override
          public void onUpdate(ConfigMap before, ConfigMap ping) {
            responderThreads.execute(() -> answer(ping));
          }

          @Override
          public void onDelete(ConfigMap ping, boolean finalStateUnknown) {
          }
        });
  }

  private void seen(Watcher.Action action, String name, long now) {
    if (action == Watcher.Action.MODIFIED && name.startsWith("ping-")) {
      pingModifiedNanos.putIfAbsent(name.substring("ping-".length()), now);
    } else if (action == Watcher.Action.ADDED && name.startsWith("pong-")) {
      pongFuture(name.substring("pong-".length())).complete(now);
    }
  }

  private void answer(ConfigMap ping) {
    String id = ping.getMetadata().getName().substring("ping-".length());
    responderClient.configMaps().inNamespace(namespace).resource(configMap("pong-" + id, "pong")).create();
  }

  /** {@code samples} pings one after another, each answered before the next is sent. */
  public Percentiles oneAtATime(String prefix, int samples) {
    List<String> ids = createPings(prefix, samples);
    for (String id : ids) {
      ping(id);
      awaitPong(id);
    }
    return floor(ids);
  }

  /** {@code rounds} rounds of {@code atOnce} pings sent together, each round answered before the next. */
  public Percentiles concurrently(String prefix, int atOnce, int rounds) {
    List<String> all = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      List<String> ids = createPings(prefix + "-r" + round, atOnce);
      ExecutorService senders = Executors.newFixedThreadPool(ParallelCreator.THREADS);
      try {
        ids.forEach(id -> senders.execute(() -> ping(id)));
      } finally {
        senders.shutdown();
      }
      ids.forEach(this::awaitPong);
      all.addAll(ids);
    }
    return floor(all);
  }

  private List<String> createPings(String prefix, int count) {
    List<String> ids = IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    ParallelCreator.createAll(driver, ids.stream().map(id -> configMap("ping-" + id, "ping")).toList());
    return ids;
  }

  /**
   * One write: a merge patch through {@code resource(object)}, not {@code withName(name)}, since
   * fabric8 7.5 first GETs the object when it is named only, which would add load to the floor.
   */
  private void ping(String id) {
    driver.configMaps().inNamespace(namespace).resource(configMap("ping-" + id, "ping"))
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"go\":\"1\"}}");
  }

  private void awaitPong(String id) {
    try {
      pongFuture(id).get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("no pong-" + id + " within " + BOUND
          + (watchClosedBy == null ? "" : "; the watch closed: " + watchClosedBy.getMessage()), e);
    }
  }

  private Percentiles floor(List<String> ids) {
    return Percentiles.of(ids.stream()
        .map(id -> (pongFuture(id).join() - pingModifiedNanos.get(id)) / 1e6).toList());
  }

  private CompletableFuture<Long> pongFuture(String id) {
    return pongAddedNanos.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  private ConfigMap configMap(String name, String role) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .addToLabels(BenchObjects.LABEL_KEY, "true").addToLabels(ROLE, role).endMetadata()
        .addToData("role", role).build();
  }

  @Override
  public void close() {
    watch.close();
    responder.close();
    responderThreads.shutdownNow();
    responderClient.close();
  }
}
