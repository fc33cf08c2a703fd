package dev.customtasks.crds.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Objects a task reads that it did not create and does not own, but that concern one of its runs,
 * e.g. the decisions people make on an approval: the controller watches every object of
 * {@code type} and wakes the run in the object's namespace whose name {@code runName} gives.
 * The task reads them with {@link Children#related(Class)}.
 *
 * @param type the kind to watch (every object of it, in the namespaces the controller watches)
 * @param runName the name of the run an object concerns, in the object's namespace; empty when it
 *     concerns none (such objects are ignored)
 * @param <R> the watched kind
 */
public record RelatedType<R extends HasMetadata>(Class<R> type, Function<R, Optional<String>> runName) {

  public RelatedType {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(runName, "runName");
  }

  /** The run {@code object} wakes: none when {@link #runName} gives none or a blank name. */
  public Set<ResourceID> runsOf(R object) {
    return runName.apply(object).filter(n -> !n.isBlank())
        .map(n -> Set.of(new ResourceID(n, object.getMetadata().getNamespace()))).orElse(Set.of());
  }
}
