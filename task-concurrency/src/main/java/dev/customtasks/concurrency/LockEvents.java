package dev.customtasks.concurrency;

import dev.customtasks.concurrency.api.ConcurrencyKey;
import dev.customtasks.concurrency.api.ConcurrencyKeyStatus;
import dev.customtasks.concurrency.api.KeyEntry;
import dev.customtasks.concurrency.slots.KeyId;
import dev.customtasks.concurrency.slots.Scope;
import dev.customtasks.concurrency.slots.Standing;
import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What wakes a waiting Lock, at once and without polling: a change to its key (a slot given back,
 * the line moving), for the runs at the head of the line ({@link Standing}); the end or deletion of a PipelineRun that holds or waits for a key (its slot is
 * free, and given back here when nobody waits); the deletion of a Lock run that holds or waits (a standalone holder, or a run deleted while
 * waiting). Each event wakes the runs holding or waiting for the keys concerned, which then prune
 * what is over and take the slots that are theirs.
 */
final class LockEvents {

  final InformerEventSource<ConcurrencyKey, CustomRun> keys;
  final InformerEventSource<PipelineRun, CustomRun> pipelineRuns;
  final InformerEventSource<CustomRun, CustomRun> lockRuns;

  /**
   * Gives back what a PipelineRun that ended holds in one key, with nobody in line to do it: the
   * key object, the PipelineRun's namespace and name.
   */
  interface Release {
    void ended(ConcurrencyKey key, String namespace, String pipelineRun);
  }

  /** One thread for the whole process: a release is one compare-and-set, off the informer's thread. */
  private static final ExecutorService RELEASES = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "lock-releases");
    t.setDaemon(true);
    return t;
  });
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LockEvents.class);

  private final java.util.function.Function<CustomRun, Optional<KeyId>> keyOf;

  /**
   * @param keyOf the key object a Lock run names (its key, scope and where that scope keeps it);
   *     empty for another kind of run
   */
  LockEvents(EventSourceContext<CustomRun> context, Release release,
      java.util.function.Function<CustomRun, Optional<KeyId>> keyOf) {
    this.keyOf = keyOf;
    keys = new InformerEventSource<>(InformerEventSourceConfiguration.from(ConcurrencyKey.class, CustomRun.class)
        .withName("concurrency-keys")
        .withSecondaryToPrimaryMapper(key -> followersOf(key))
        .build(), context) {
      @Override
      public void onUpdate(ConcurrencyKey previous, ConcurrencyKey updated) {
        super.onUpdate(previous, updated);
        // A run pushed back out of the head (an earlier Lock got in line late) or out of the line
        // looks again at once: its message would otherwise say a place it no longer has.
        Set<ResourceID> left = new HashSet<>(followersOf(previous));
        left.removeAll(followersOf(updated));
        left.forEach(id -> getEventHandler().handleEvent(new Event(id)));
      }
    };
    pipelineRuns = new InformerEventSource<>(InformerEventSourceConfiguration.from(PipelineRun.class, CustomRun.class)
        .withName("lock-pipelineruns")
        .withOnAddFilter(run -> false)
        .withOnUpdateFilter((updated, previous) -> updated.isDone() && !previous.isDone())
        .withSecondaryToPrimaryMapper(run -> headsOf(keysWith(run.getMetadata().getNamespace(),
            e -> run.getMetadata().getName().equals(e.pipelineRun()))))
        .build(), context) {
      @Override
      public void onUpdate(PipelineRun previous, PipelineRun updated) {
        super.onUpdate(previous, updated);
        if (updated.isDone() && !previous.isDone()) {
          releaseWhereNobodyWaits(updated, release);
        }
      }

      @Override
      public void onDelete(PipelineRun run, boolean deletedFinalStateUnknown) {
        super.onDelete(run, deletedFinalStateUnknown);
        releaseWhereNobodyWaits(run, release);
      }
    };
    lockRuns = new InformerEventSource<>(InformerEventSourceConfiguration.from(CustomRun.class, CustomRun.class)
        .withName("lock-runs")
        .withOnAddFilter(run -> false)
        .withOnUpdateFilter((updated, previous) -> updated.isDone() && !previous.isDone()
            && LockTask.keyOf(updated).isPresent() && inLine(updated).findAny().isEmpty())
        .withSecondaryToPrimaryMapper(this::wokenBy)
        .build(), context);
  }

  List<EventSource<?, CustomRun>> all() {
    return List.of(keys, pipelineRuns, lockRuns);
  }

  /**
   * A PipelineRun that ended gives its slots back at once. Where others wait, the first of them is
   * woken (by the mapper) and takes the slot in the same write; where nobody waits, nobody else
   * would look, so the holder is pruned here.
   */
  private void releaseWhereNobodyWaits(PipelineRun run, Release release) {
    String namespace = run.getMetadata().getNamespace();
    String name = run.getMetadata().getName();
    Predicate<KeyEntry> ofRun = e -> namespace.equals(e.namespace()) && name.equals(e.pipelineRun());
    keysWith(namespace, ofRun).filter(key -> key.getSpec() != null && key.getSpec().key() != null)
        .filter(key -> Optional.ofNullable(key.getStatus().queue()).orElse(List.of()).stream()
        .allMatch(ofRun)).forEach(key -> RELEASES.execute(() -> {
          try {
            release.ended(key, namespace, name);
          } catch (RuntimeException e) {
            // The next Lock of the key prunes it anyway; a lost release only delays the bookkeeping.
            LOG.debug("could not release {} of {}/{}: {}", key.getMetadata().getName(), namespace, name,
                e.getMessage());
          }
        }));
  }

  /**
   * A Lock run deleted while it holds or waits wakes everyone of its keys; one that ended before it
   * ever got in line (bad input, Busy, cancelled before its first tick) wakes the heads of its key,
   * who may have let it go first as an earlier arrival.
   */
  private Set<ResourceID> wokenBy(CustomRun run) {
    List<ConcurrencyKey> inLine = inLine(run).toList();
    if (!inLine.isEmpty()) {
      return runsOf(inLine.stream());
    }
    return keyOf.apply(run).map(key -> headsOf(keys.list(key.namespace(), k -> k.getSpec() != null
        && key.key().equals(k.getSpec().key()) && key.scope() == Scope.of(k.getSpec().scope()))))
        .orElse(Set.of());
  }

  private Stream<ConcurrencyKey> inLine(CustomRun run) {
    return keysWith(run.getMetadata().getNamespace(), e -> run.getMetadata().getUid().equals(e.uid()));
  }

  /**
   * The keys with an entry of a run in {@code namespace} that {@code entry} accepts: the namespace's
   * own keys and the cluster keys, wherever they are kept.
   */
  private Stream<ConcurrencyKey> keysWith(String namespace, Predicate<KeyEntry> entry) {
    return keys.list(key -> entries(key).anyMatch(e -> namespace.equals(e.namespace()) && entry.test(e)));
  }

  /**
   * The runs that may take a slot a PipelineRun's end frees: the holders and the first
   * {@code limit} in line. Only they are woken, so the hand-over does not wait behind every
   * waiting run's reconcile; the others are woken by the key's change that follows.
   */
  private static Set<ResourceID> headsOf(Stream<ConcurrencyKey> keys) {
    return keys.flatMap(key -> {
      ConcurrencyKeyStatus status = key.getStatus();
      if (status == null) {
        return Stream.<KeyEntry>empty();
      }
      int limit = limitOf(key);
      List<KeyEntry> queue = Optional.ofNullable(status.queue()).orElse(List.of());
      return Stream.concat(Optional.ofNullable(status.holders()).orElse(List.of()).stream(),
          queue.subList(0, Math.min(limit, queue.size())).stream());
    }).map(e -> new ResourceID(e.name(), e.namespace())).collect(Collectors.toSet());
  }

  /**
   * The runs a change of a key wakes: its holders and the head of its line, those that may take a
   * slot and those whose message follows every change ({@link Standing#followed}). The runs
   * further back look again on their own refresh, so a hand-over does not cost a reconcile and a
   * status write for every run in line.
   */
  private static Set<ResourceID> followersOf(ConcurrencyKey key) {
    ConcurrencyKeyStatus status = key.getStatus();
    if (status == null) {
      return Set.of();
    }
    List<KeyEntry> queue = Optional.ofNullable(status.queue()).orElse(List.of());
    return Stream.concat(Optional.ofNullable(status.holders()).orElse(List.of()).stream(),
        queue.subList(0, Math.min(Standing.followed(limitOf(key)), queue.size())).stream())
        .map(e -> new ResourceID(e.name(), e.namespace())).collect(Collectors.toSet());
  }

  private static int limitOf(ConcurrencyKey key) {
    return key.getSpec() == null || key.getSpec().limit() == null ? 1 : Math.max(1, key.getSpec().limit());
  }

  private static Set<ResourceID> runsOf(Stream<ConcurrencyKey> keys) {
    return keys.flatMap(LockEvents::entries).map(e -> new ResourceID(e.name(), e.namespace()))
        .collect(Collectors.toSet());
  }

  private static Stream<KeyEntry> entries(ConcurrencyKey key) {
    ConcurrencyKeyStatus status = key.getStatus();
    if (status == null) {
      return Stream.empty();
    }
    return Stream.concat(Optional.ofNullable(status.holders()).orElse(List.of()).stream(),
        Optional.ofNullable(status.queue()).orElse(List.of()).stream());
  }
}
