package dev.customtasks.e2e.bench;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.TektonLabels;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's own eyes: one watch on the CustomRuns of a namespace that notes, per run, when
 * (by this JVM's {@link System#nanoTime()}) it was first seen ADDED, first seen started, and seen
 * MODIFIED to {@code Succeeded=True}. Receive times, not the runs' own timestamps: the same clock
 * and the same path (API server, watch, deserialisation) as a controller's informer.
 */
public final class CustomRunWatch implements AutoCloseable {

  /** A time not seen (yet): {@link System#nanoTime()} may be negative, so not {@code -1}. */
  public static final long UNSEEN = Long.MIN_VALUE;

  /** What the watch saw of one run; times are {@link #UNSEEN} until seen. */
  public static final class Sighting {
    private long addedNanos = UNSEEN;
    private long startedNanos = UNSEEN;
    private long succeededNanos = UNSEEN;
    private String pipelineRun;
    private String pipelineTask;
    private boolean finished;
    private CustomRun done;

    public synchronized long addedNanos() {
      return addedNanos;
    }

    public synchronized long startedNanos() {
      return startedNanos;
    }

    public synchronized long succeededNanos() {
      return succeededNanos;
    }

    public synchronized boolean isFinished() {
      return finished;
    }

    public synchronized String pipelineRun() {
      return pipelineRun;
    }

    public synchronized String pipelineTask() {
      return pipelineTask;
    }

    /** The run as first seen finished, if the watch keeps finished runs. */
    public synchronized Optional<CustomRun> done() {
      return Optional.ofNullable(done);
    }
  }

  private final Map<String, Sighting> byName = new ConcurrentHashMap<>();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final boolean keepFinishedRuns;
  private final Watch watch;
  private volatile WatcherException closedBy;

  private CustomRunWatch(KubernetesClient client, String namespace, boolean keepFinishedRuns) {
    this.keepFinishedRuns = keepFinishedRuns;
    this.watch = client.resources(CustomRun.class).inNamespace(namespace).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, CustomRun run) {
        seen(action, run, System.nanoTime());
      }

      @Override
      public void onClose(WatcherException cause) {
        closedBy = cause;
      }
    });
  }

  /** Watches {@code namespace}; {@code keepFinishedRuns} keeps each finished run (for its results). */
  public static CustomRunWatch open(KubernetesClient client, String namespace, boolean keepFinishedRuns) {
    return new CustomRunWatch(client, namespace, keepFinishedRuns);
  }

  private void seen(Watcher.Action action, CustomRun run, long now) {
    Sighting s = byName.computeIfAbsent(run.getMetadata().getName(), n -> new Sighting());
    synchronized (s) {
      if (action == Watcher.Action.ADDED && s.addedNanos == UNSEEN) {
        s.addedNanos = now;
        Map<String, String> labels = run.getMetadata().getLabels();
        if (labels != null) {
          s.pipelineRun = labels.get(TektonLabels.PIPELINE_RUN);
          s.pipelineTask = labels.get(TektonLabels.PIPELINE_TASK);
        }
      }
      if (run.hasStarted() && s.startedNanos == UNSEEN) {
        s.startedNanos = now;
        started.incrementAndGet();
      }
      if (run.isDone() && !s.finished) {
        s.finished = true;
        finished.incrementAndGet();
        if (action == Watcher.Action.MODIFIED && run.getStatus().isSuccessful()) {
          s.succeededNanos = now;
        }
        if (keepFinishedRuns) {
          s.done = run;
        }
      }
    }
  }

  public int startedCount() {
    failIfClosed();
    return started.get();
  }

  public int finishedCount() {
    failIfClosed();
    return finished.get();
  }

  public Collection<Sighting> sightings() {
    failIfClosed();
    return byName.values();
  }

  public Optional<Sighting> sighting(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** A watch that closed has missed events: its figures would be wrong, so say so at once. */
  private void failIfClosed() {
    if (closedBy != null) {
      throw new IllegalStateException("the benchmark's CustomRun watch closed: " + closedBy.getMessage(), closedBy);
    }
  }

  @Override
  public void close() {
    watch.close();
    byName.clear();
  }
}
