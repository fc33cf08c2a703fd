package dev.customtasks.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.customtasks.concurrency.api.ConcurrencyKey;
import dev.customtasks.concurrency.slots.Entry;
import dev.customtasks.concurrency.slots.KeyId;
import dev.customtasks.concurrency.slots.KeyNames;
import dev.customtasks.concurrency.slots.KeySlots;
import dev.customtasks.concurrency.slots.OnNewer;
import dev.customtasks.concurrency.slots.Scope;
import dev.customtasks.embedded.EmbeddedApiServer;
import dev.customtasks.embedded.RequestTally;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Many threads of one controller changing one key at once: each change is applied as if written
 * one after the other, nothing is lost, and the changes that queued up go together in one
 * compare-and-set instead of colliding.
 */
class ApiKeysIT {

  private static final Instant T0 = Instant.parse("2026-03-02T10:41:00Z");
  private static final int ARRIVALS = 40;

  @Test
  void arrivalsTogetherAreWrittenTogetherWithoutConflictsAndNoneIsLost() throws Exception {
    try (EmbeddedApiServer server = EmbeddedApiServer.start().installCrds(List.of(LockModule.CRD))) {
      ApiKeys keys = new ApiKeys(server.newClient());
      CountDownLatch firstWriting = new CountDownLatch(1);
      KeyId crowd = new KeyId("test", "crowd", Scope.NAMESPACE);
      Map<Integer, Object> outcomes = new ConcurrentHashMap<>();
      ExecutorService threads = Executors.newFixedThreadPool(ARRIVALS);
      server.requests().reset();
      try {
        List<Future<?>> done = IntStream.range(0, ARRIVALS).<Future<?>>mapToObj(i -> threads.submit(() -> {
          if (i > 0) {
            awaitQuietly(firstWriting);
          }
          try {
            outcomes.put(i, keys.update(crowd, 1, slots -> {
              if (i == 0) {
                // The first change holds the key's turn until the others have asked for it.
                firstWriting.countDown();
                await().atMost(Duration.ofSeconds(30)).until(() -> keys.queuedChanges(crowd) == ARRIVALS - 1);
              }
              if (i == 7) {
                throw new IllegalStateException("run 7 cannot decide");
              }
              return slots.arrive(entry(i), 1, OnNewer.QUEUE).slots();
            }));
          } catch (IllegalStateException e) {
            outcomes.put(i, e);
          }
        })).toList();
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
      }

      ConcurrencyKey stored = server.client().resources(ConcurrencyKey.class).inNamespace("test")
          .withName(KeyNames.objectName("crowd")).get();
      KeySlots slots = KeyCodec.slots(stored);
      assertThat(slots.queue()).as("every arrival but the one whose change failed, in order")
          .extracting(Entry::name).containsExactlyElementsOf(IntStream.range(0, ARRIVALS).filter(i -> i != 7)
              .mapToObj(ApiKeysIT::name).toList());
      assertThat(outcomes.get(7)).isInstanceOf(IllegalStateException.class);
      assertThat(outcomes.get(ARRIVALS - 1)).isInstanceOf(KeySlots.class);

      Map<RequestTally.Key, Long> requests = server.requests().snapshot();
      long statusWrites = requests.entrySet().stream()
          .filter(e -> e.getKey().resource().equals("concurrencykeys/status") && e.getKey().verb().equals("patch"))
          .mapToLong(Map.Entry::getValue).sum();
      assertThat(statusWrites).as("the arrivals that queued up went together").isBetween(1L, 10L);
      assertThat(server.requests().conflicts()).as("no compare-and-set lost to the controller's own threads")
          .isEmpty();
    }
  }

  @Test
  void aControllerKeepsNothingForKeysNobodyWantsAnyMore() throws Exception {
    try (EmbeddedApiServer server = EmbeddedApiServer.start().installCrds(List.of(LockModule.CRD))) {
      Map<ResourceID, ConcurrencyKey> informer = new ConcurrentHashMap<>();
      ApiKeys keys = new ApiKeys(server.newClient(), id -> Optional.ofNullable(informer.get(id)));
      ExecutorService threads = Executors.newFixedThreadPool(8);
      try {
        List<Future<KeySlots>> done = IntStream.range(0, 200).mapToObj(i -> threads.submit(() -> keys.update(
            new KeyId("test", "key-" + (i % 50), Scope.NAMESPACE), 1,
            slots -> slots.arrive(entry(i), 1, OnNewer.QUEUE).slots()))).toList();
        for (Future<KeySlots> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(keys.keysKept()).as("the last writes of keys the informer has not shown yet").isPositive()
          .isLessThanOrEqualTo(50);

      // The informer catches up; the next read of each key finds nothing newer of its own.
      server.client().resources(ConcurrencyKey.class).inNamespace("test").list().getItems()
          .forEach(key -> informer.put(ResourceID.fromResource(key), key));
      for (int k = 0; k < 50; k++) {
        keys.updateIfExists(new KeyId("test", "key-" + k, Scope.NAMESPACE), slots -> slots);
      }

      assertThat(keys.keysKept()).as("no turn, queue or write kept once nobody wants a key").isZero();
    }
  }

  private static String name(int i) {
    return "crowd-%02d".formatted(i);
  }

  private static Entry entry(int i) {
    return new Entry("test", name(i), "uid-" + i, "pr-" + i, T0.plusSeconds(i), T0.plusSeconds(60));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
