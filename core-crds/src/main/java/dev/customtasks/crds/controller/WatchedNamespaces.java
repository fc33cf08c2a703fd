package dev.customtasks.crds.controller;

import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The namespaces a controller answers runs in: all of them (a cluster-wide install with a
 * ClusterRole), or a list (an install per team with Roles, or several controllers of one kind
 * that must not answer each other's runs). Children's informers follow the controller's choice.
 */
public record WatchedNamespaces(Set<String> names) {

  /** The environment variable the controllers' {@code main} reads, as operator SDKs name it. */
  public static final String ENVIRONMENT_VARIABLE = "WATCH_NAMESPACE";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public WatchedNamespaces {
    names = Set.copyOf(names);
  }

  public static WatchedNamespaces all() {
    return new WatchedNamespaces(Set.of());
  }

  /**
   * A comma-separated list such as {@code team-a,team-b}; blank means all namespaces.
   *
   * @throws IllegalArgumentException naming the entry that is not a namespace name
   */
  public static WatchedNamespaces parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return all();
    }
    Set<String> names = new LinkedHashSet<>();
    for (String name : Arrays.stream(commaSeparated.split(",")).map(String::strip).toList()) {
      if (!DNS_LABEL.matcher(name).matches()) {
        throw new IllegalArgumentException("\"" + name + "\" is not a namespace name (lower-case letters, digits and "
            + "'-', at most 63, starting and ending with a letter or digit)");
      }
      names.add(name);
    }
    return new WatchedNamespaces(names);
  }

  /** From {@value #ENVIRONMENT_VARIABLE} in {@code environment}: unset or blank means all. */
  public static WatchedNamespaces fromEnvironment(Map<String, String> environment) {
    try {
      return parse(environment.get(ENVIRONMENT_VARIABLE));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + ": " + e.getMessage(), e);
    }
  }

  public boolean isAll() {
    return names.isEmpty();
  }

  /** Applies the choice to a controller's configuration. */
  public <R extends io.fabric8.kubernetes.api.model.HasMetadata> ControllerConfigurationOverrider<R> applyTo(
      ControllerConfigurationOverrider<R> controller) {
    return isAll() ? controller.watchingAllNamespaces() : controller.settingNamespaces(names);
  }

  /** For banners and logs: "all namespaces" or "namespaces team-a, team-b". */
  public String describe() {
    return isAll() ? "all namespaces" : "namespace" + (names.size() > 1 ? "s " : " ")
        + String.join(", ", names.stream().sorted().toList());
  }
}
