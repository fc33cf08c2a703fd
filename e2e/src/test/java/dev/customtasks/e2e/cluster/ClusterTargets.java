package dev.customtasks.e2e.cluster;

import java.util.Optional;
import java.util.Properties;

/** Picks and starts the target named by the {@code e2e.*} system properties. */
public final class ClusterTargets {

  /** {@code embedded} (default), {@code kind}, {@code kubeconfig} or {@code serve}. */
  public static final String CLUSTER_PROPERTY = "e2e.cluster";
  /** For {@code kubeconfig}: the file to use instead of {@code KUBECONFIG} or {@code ~/.kube/config}. */
  public static final String KUBECONFIG_PROPERTY = "e2e.kubeconfig";
  /** For {@code kind} and {@code kubeconfig}: path or URL of a Tekton Pipelines release.yaml to install. */
  public static final String TEKTON_PROPERTY = "e2e.tekton";

  private ClusterTargets() {
  }

  public static ClusterTarget fromSystemProperties() {
    return from(System.getProperties());
  }

  public static ClusterTarget from(Properties properties) {
    TargetChoice choice = selected(properties);
    Optional<TektonRelease> tekton = tektonRelease(properties);
    if ((choice == TargetChoice.EMBEDDED || choice == TargetChoice.SERVE) && tekton.isPresent()) {
      throw new IllegalArgumentException(TEKTON_PROPERTY + " needs a real cluster: add -D" + CLUSTER_PROPERTY + "="
          + TargetChoice.KIND.propertyValue() + " or " + TargetChoice.KUBECONFIG.propertyValue());
    }
    return switch (choice) {
      case EMBEDDED -> EmbeddedTarget.start();
      case KIND -> KindTarget.start(tekton);
      case KUBECONFIG -> KubeconfigTarget.connect(kubeconfigFile(properties), tekton);
      case SERVE -> ServeTarget.start();
    };
  }

  public static TargetChoice selected(Properties properties) {
    return TargetChoice.parse(properties.getProperty(CLUSTER_PROPERTY));
  }

  static Optional<String> kubeconfigFile(Properties properties) {
    return nonBlank(properties.getProperty(KUBECONFIG_PROPERTY));
  }

  static Optional<TektonRelease> tektonRelease(Properties properties) {
    return nonBlank(properties.getProperty(TEKTON_PROPERTY)).map(TektonRelease::new);
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }
}
