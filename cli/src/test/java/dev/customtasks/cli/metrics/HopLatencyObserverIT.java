package dev.customtasks.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.api.pipeline.TaskRunStatus;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import dev.customtasks.embedded.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hop observer on an embedded server, with children written by hand instead of by a controller. */
class HopLatencyObserverIT {

  private static final String NS = "default";
  private static final Duration BOUND = Duration.ofSeconds(30);

  private EmbeddedApiServer server;
  private KubernetesClient client;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void startServer() {
    server = EmbeddedApiServer.start();
    client = server.client();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void aChildCreatedAfterItsSiblingFinishedIsOneHop() {
    try (HopLatencyObserver observer = HopLatencyObserver.start(client, registry, Clock.systemUTC())) {
      awaitWatching(observer);
      TaskRun first = create("chain-first", "chain");

      finish(first);
      await().atMost(BOUND).until(() -> finishSeen(observer));
      create("chain-second", "chain");

      await().atMost(BOUND).until(() -> hops().count() == 1);
      assertThat(hops().totalTime(java.util.concurrent.TimeUnit.SECONDS)).isLessThan(BOUND.toSeconds());
    }
  }

  @Test
  void childrenThatExistedBeforeTheObserverStartedAreNoHops() {
    TaskRun finishedBefore = create("old-first", "old");
    finish(finishedBefore);
    create("old-second", "old");

    try (HopLatencyObserver observer = HopLatencyObserver.start(client, registry, Clock.systemUTC())) {
      // A later child of another PipelineRun, after one of its siblings finished: its hop shows
      // that the observer has taken in every event before it, the old ones included.
      awaitWatching(observer);
      TaskRun first = create("new-first", "new");
      finish(first);
      await().atMost(BOUND).until(() -> finishSeen(observer));
      create("new-second", "new");

      await().atMost(BOUND).until(() -> hops().count() >= 1);
      assertThat(hops().count()).isEqualTo(1);
    }
  }

  @Test
  void childrenOfDifferentPipelineRunsAreNoHopsOfEachOther() {
    try (HopLatencyObserver observer = HopLatencyObserver.start(client, registry, Clock.systemUTC())) {
      awaitWatching(observer);
      TaskRun first = create("a-first", "a");
      finish(first);
      await().atMost(BOUND).until(() -> finishSeen(observer));

      create("b-first", "b");
      TaskRun later = create("a-second", "a");

      await().atMost(BOUND).until(() -> hops().count() >= 1);
      assertThat(hops().count()).as("only %s", later.getMetadata().getName()).isEqualTo(1);
    }
  }

  private Timer hops() {
    return registry.get(HopLatencyObserver.NAME).timer();
  }

  private static boolean finishSeen(HopLatencyObserver observer) {
    return observer.pipelineRunsWithAFinish() > 0;
  }

  /** Once the informers have listed, every later change reaches them in order, as a watch event. */
  private static void awaitWatching(HopLatencyObserver observer) {
    await().atMost(BOUND).until(observer::watching);
  }

  private TaskRun create(String name, String pipelineRun) {
    TaskRun run = new TaskRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS)
        .addToLabels(TektonLabels.PIPELINE_RUN, pipelineRun).build());
    return client.resource(run).create();
  }

  private void finish(TaskRun run) {
    TaskRunStatus status = new TaskRunStatus();
    Instant now = Instant.now();
    status.setStartTime(dev.customtasks.crds.api.Timestamps.format(now));
    status.markSucceeded("Succeeded", "done", now);
    TaskRun latest = client.resource(run).get();
    latest.setStatus(status);
    client.resource(latest).updateStatus();
  }
}
