package dev.customtasks.crds.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * The IO behind {@link Children}: where a run's children are created, read and stopped. The
 * reconciler's store talks to the API server and reads the controller's informer caches; the test
 * kit's in-memory store lets a task's decisions run as plain unit tests.
 */
public interface ChildStore {

  /**
   * Creates {@code child}, or returns the existing object of that name when {@code owner} owns it.
   *
   * @throws IllegalStateException if an object of that name exists and {@code owner} does not own it
   */
  <T extends HasMetadata> T createOrAdopt(T child, HasMetadata owner);

  /** The objects of {@code type} the controller's cache holds for the run being reconciled. */
  <T extends HasMetadata> List<T> cached(Class<T> type);

  /** The objects of {@code type} in {@code namespace} labelled {@code label=value}, read from the source of truth. */
  <T extends HasMetadata> List<T> list(Class<T> type, String namespace, String label, String value);

  /** Asks a Tekton run to stop (see {@link dev.customtasks.crds.child.ChildRuns#cancel}). */
  void cancel(HasMetadata child, String message);

  /** Deletes {@code child}; gone already is fine. */
  void delete(HasMetadata child);

  /**
   * Writes {@code child}'s status as a compare-and-set on the resourceVersion it was read at.
   *
   * @return the object as stored
   * @throws io.fabric8.kubernetes.client.KubernetesClientException with code 409 when the copy was stale
   * @throws UnsupportedOperationException when the store cannot write statuses (the default)
   */
  default <T extends HasMetadata> T updateStatus(T child) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " does not write statuses");
  }

  /** Records a Kubernetes Event about {@code object}; the default records nothing. */
  default void recordEvent(HasMetadata object, RunEvent event) {
  }
}
