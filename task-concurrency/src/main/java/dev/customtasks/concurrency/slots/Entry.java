package dev.customtasks.concurrency.slots;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One Lock run in a key's holders or queue: the CustomRun (namespace, name, uid), the PipelineRun
 * it belongs to (null for a standalone run), when the CustomRun was created (the queue's order)
 * and since when it holds or waits.
 *
 * @param namespace the CustomRun's namespace
 * @param name the CustomRun's name
 * @param uid the CustomRun's uid: identifies the entry, a run recreated under the same name is another
 * @param pipelineRun the name of the PipelineRun the Lock runs in, null for a standalone Lock
 * @param created the CustomRun's {@code metadata.creationTimestamp}
 * @param since when it started holding (holders) or waiting (queue)
 */
public record Entry(String namespace, String name, String uid, String pipelineRun, Instant created, Instant since) {

  /**
   * First come, first served: by the CustomRun's creation, ties broken by namespace and name (the
   * namespace only matters for a cluster key, shared by runs of several namespaces).
   */
  public static final Comparator<Entry> ARRIVAL = Comparator.comparing(Entry::created)
      .thenComparing(Entry::namespace, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(Entry::name).thenComparing(Entry::uid);

  public Entry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(since, "since");
  }

  /** What a person calls the holder: its PipelineRun, or the Lock run itself when standalone. */
  public String who() {
    return pipelineRun != null ? pipelineRun : name;
  }

  /**
   * {@link #who()}, with its namespace for a cluster key ({@code team-a/release-7f2k}): runs of
   * several namespaces share one, and may have the same names.
   */
  public String who(Scope scope) {
    return scope == Scope.CLUSTER && namespace != null ? namespace + "/" + who() : who();
  }

  /**
   * Whether {@code other} is a Lock of the same PipelineRun (same namespace and name: a cluster key
   * has runs of several namespaces) or the same run when standalone.
   */
  public boolean sameOwner(Entry other) {
    return pipelineRun != null ? pipelineRun.equals(other.pipelineRun) && Objects.equals(namespace, other.namespace)
        : uid.equals(other.uid);
  }

  public Entry since(Instant instant) {
    return new Entry(namespace, name, uid, pipelineRun, created, instant);
  }
}
