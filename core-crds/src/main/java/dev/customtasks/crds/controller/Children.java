package dev.customtasks.crds.controller;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.child.ChildOutcome;
import dev.customtasks.crds.child.ChildRunSpec;
import dev.customtasks.crds.child.ChildRuns;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The objects a run creates (TaskRuns, CustomRuns, PipelineRuns, requests...). Every child gets a
 * deterministic name, the parent's labels and annotations (as Tekton's PipelineRun controller
 * passes its own to its TaskRuns, {@code getTaskrunAnnotations} in
 * {@code pkg/reconciler/pipelinerun/pipelinerun.go}), a label with the parent's uid and an owner reference,
 * so a restarted controller finds it again instead of creating it twice, and the parent is woken
 * whenever a child changes. The parent cancels or deletes its children itself when it is
 * cancelled, times out or retries: the garbage collector only acts once the parent is deleted
 * (on a cluster, and on the embedded server within a sweep period).
 */
public final class Children {

  /** Label on every child: the uid of the run that created it. */
  public static final String PARENT_UID_LABEL = "customtasks.dev/parent-uid";
  /** Label on every child: the controller that created it, which watches it. */
  public static final String CONTROLLER_LABEL = "customtasks.dev/controller";

  /** kubectl's record of what was applied: it describes the parent, so a child does not inherit it. */
  static final String LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

  private static final int MAX_NAME = 63;

  private final ChildStore store;
  private final CustomRun parent;
  private final String controllerName;
  private final int attempt;

  /**
   * @param store where children are created, read and stopped
   * @param parent the run whose children these are (its name, namespace, uid and labels are used)
   * @param controllerName the controller that creates them, recorded in {@link #CONTROLLER_LABEL}
   * @param attempt the parent's attempt number (1 for the first), part of every child's name
   */
  public Children(ChildStore store, CustomRun parent, String controllerName, int attempt) {
    this.store = store;
    this.parent = parent;
    this.controllerName = controllerName;
    this.attempt = attempt;
  }

  /**
   * The child name for {@code suffix} in the current attempt: {@code <run>-<suffix>} on the first
   * attempt, {@code <run>-r<n>-<suffix>} on retry n; shortened with a hash past 63 characters. An
   * empty suffix gives {@link #baseName()}.
   */
  public String name(String suffix) {
    if (suffix == null || suffix.isEmpty()) {
      return baseName();
    }
    return shorten(attemptPrefix() + "-" + suffix);
  }

  /**
   * The attempt's own name, for a task with a single child per attempt that is named like its
   * run (a sub-pipeline's PipelineRun, an approval's request, found by the run's name): the run's
   * name on the first attempt, {@code <run>-r<n>} on retry n (a retry never adopts the closed
   * child of an earlier attempt); shortened with a hash past 63 characters. A task that uses it
   * has no other child of the same kind in the attempt.
   */
  public String baseName() {
    return shorten(attemptPrefix());
  }

  private String attemptPrefix() {
    return parent.getMetadata().getName() + (attempt > 1 ? "-r" + (attempt - 1) : "");
  }

  /** Deterministic shortening: a prefix plus a hash of the whole name, so distinct names stay distinct. */
  public static String shorten(String name) {
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String hash = sha256(name).substring(0, 10);
    String prefix = name.substring(0, MAX_NAME - hash.length() - 1);
    while (prefix.endsWith("-") || prefix.endsWith(".")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return prefix + "-" + hash;
  }

  /**
   * Creates {@code child} (its name already set, e.g. with {@link #name}) in the parent's namespace,
   * or returns the existing one of that name if an earlier reconcile created it. The child's own
   * labels and annotations win over the parent's of the same key.
   *
   * @throws IllegalStateException if an object of that name exists but belongs to someone else
   */
  public <T extends HasMetadata> T create(T child) {
    Objects.requireNonNull(child.getMetadata().getName(), "a child needs a name");
    ObjectMeta meta = child.getMetadata();
    meta.setNamespace(parent.getMetadata().getNamespace());
    Map<String, String> labels = new LinkedHashMap<>();
    if (parent.getMetadata().getLabels() != null) {
      labels.putAll(parent.getMetadata().getLabels());
    }
    if (meta.getLabels() != null) {
      labels.putAll(meta.getLabels());
    }
    labels.put(PARENT_UID_LABEL, parent.getMetadata().getUid());
    labels.put(CONTROLLER_LABEL, controllerName);
    meta.setLabels(labels);
    Map<String, String> annotations = new LinkedHashMap<>();
    if (parent.getMetadata().getAnnotations() != null) {
      annotations.putAll(parent.getMetadata().getAnnotations());
      annotations.remove(LAST_APPLIED_ANNOTATION);
    }
    if (meta.getAnnotations() != null) {
      annotations.putAll(meta.getAnnotations());
    }
    meta.setAnnotations(annotations.isEmpty() ? null : annotations);
    meta.setOwnerReferences(List.of(ownerReference()));
    return store.createOrAdopt(child, parent);
  }

  /**
   * Creates {@code child}, or, when an earlier reconcile already created it under that name,
   * returns the existing one: that is how a restarted controller never creates a child twice.
   *
   * @throws IllegalStateException if an object of that name exists but {@code owner} does not own it
   */
  public static <T extends HasMetadata> T createOrAdopt(KubernetesClient client, T child, HasMetadata owner) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) child.getClass();
    ObjectMeta meta = child.getMetadata();
    try {
      return client.resource(child).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      T existing = client.resources(type).inNamespace(meta.getNamespace()).withName(meta.getName()).get();
      if (existing == null) {
        throw e;
      }
      if (!isOwnedBy(existing, owner)) {
        throw new IllegalStateException(child.getKind() + " \"" + meta.getName()
            + "\" already exists and does not belong to " + owner.getKind() + " \"" + owner.getMetadata().getName()
            + "\"");
      }
      return existing;
    }
  }

  private static boolean isOwnedBy(HasMetadata child, HasMetadata owner) {
    List<OwnerReference> owners = child.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(o -> owner.getMetadata().getUid().equals(o.getUid()));
  }

  /** This run's children of {@code type}, from the controller's cache (every attempt). */
  public <T extends HasMetadata> List<T> list(Class<T> type) {
    return store.cached(type).stream().filter(this::isOwned).toList();
  }

  /** This run's child of {@code type} named {@code name}, from the cache. */
  public <T extends HasMetadata> Optional<T> get(Class<T> type, String name) {
    return list(type).stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst();
  }

  /**
   * The objects of a {@link CustomTask#relatedTypes() related type} the controller maps to this
   * run, in the run's namespace, from the cache. The task still checks that each one concerns the
   * run (a test store gives every object of the type).
   */
  public <T extends HasMetadata> List<T> related(Class<T> type) {
    String namespace = parent.getMetadata().getNamespace();
    return store.cached(type).stream().filter(o -> Objects.equals(namespace, o.getMetadata().getNamespace()))
        .toList();
  }

  /**
   * Writes the status of {@code child} (a copy as read, status changed) compare-and-set on its
   * resourceVersion. A 409 propagates: the reconcile runs again on fresh state.
   *
   * @return the child as stored
   */
  public <T extends HasMetadata> T updateStatus(T child) {
    return store.updateStatus(child);
  }

  /**
   * Records a Kubernetes Event about {@code object} (the run or one of its children) now. Unlike the
   * run's own transitions it is not held back until the run's status is written: call it after the
   * write it tells of (e.g. {@link #updateStatus}) succeeded, so it is told once.
   */
  public void event(HasMetadata object, RunEvent event) {
    store.recordEvent(object, event);
  }

  /** How this run's child of {@code type} named {@code name} stands, from the cache; empty when there is none. */
  public <T extends HasMetadata> Optional<ChildOutcome> outcome(Class<T> type, String name) {
    return get(type, name).map(ChildRuns::observe);
  }

  /**
   * Creates (or finds again) the child run {@code spec} describes, named {@link #name(String)
   * name(suffix)}, with {@code labels} added to the parent's: a TaskRun, CustomRun or PipelineRun
   * by {@code spec.target()}. The task must list that run type in {@link CustomTask#childTypes()}
   * to be woken when it changes.
   *
   * @throws IllegalStateException if an object of that name exists but belongs to someone else
   */
  public HasMetadata createRun(String suffix, ChildRunSpec spec, Map<String, String> labels) {
    return createRun(suffix, spec, labels, Map.of());
  }

  /**
   * The same, with {@code annotations} added to the parent's (e.g. the item an iteration runs
   * with, where it is no valid label value).
   *
   * @throws IllegalStateException if an object of that name exists but belongs to someone else
   */
  public HasMetadata createRun(String suffix, ChildRunSpec spec, Map<String, String> labels,
      Map<String, String> annotations) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name(suffix));
    meta.setLabels(labels == null || labels.isEmpty() ? null : new LinkedHashMap<>(labels));
    meta.setAnnotations(annotations == null || annotations.isEmpty() ? null : new LinkedHashMap<>(annotations));
    return create(ChildRuns.build(spec, meta));
  }

  /**
   * Stops every child of {@code type} that this run created, reading them from the API server:
   * Tekton runs are cancelled the way Tekton cancels them (so they keep their history), anything
   * else is deleted.
   */
  public void releaseAll(Class<? extends HasMetadata> type, String message) {
    for (HasMetadata child : store.list(type, parent.getMetadata().getNamespace(), PARENT_UID_LABEL,
        parent.getMetadata().getUid())) {
      if (ChildRuns.cancelPatch(child.getApiVersion(), child.getKind(), message).isPresent()) {
        store.cancel(child, message);
      } else {
        store.delete(child);
      }
    }
  }

  private boolean isOwned(HasMetadata child) {
    return isOwnedBy(child, parent);
  }

  private OwnerReference ownerReference() {
    return new OwnerReferenceBuilder()
        .withApiVersion(parent.getApiVersion())
        .withKind(parent.getKind())
        .withName(parent.getMetadata().getName())
        .withUid(parent.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
