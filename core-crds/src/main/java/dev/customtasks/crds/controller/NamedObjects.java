package dev.customtasks.crds.controller;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.Optional;

/** Finds the object a run names in {@code customRef.name}, for {@link TaskInput}. */
@FunctionalInterface
public interface NamedObjects {

  /**
   * The {@code spec} of the object of {@code type} called {@code name} in {@code namespace}: an
   * empty map when it has none, empty when there is no such object.
   */
  Optional<Map<String, Object>> spec(ResourceDefinitionContext type, String namespace, String name);
}
