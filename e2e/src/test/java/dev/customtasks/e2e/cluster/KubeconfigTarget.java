package dev.customtasks.e2e.cluster;

import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cluster of a kubeconfig: {@code -De2e.kubeconfig=FILE}, else {@code KUBECONFIG} or
 * {@code ~/.kube/config}. Our CRDs are created only where missing, and the test's objects live in
 * a namespace of their own, so a shared cluster is left as it was found.
 */
public final class KubeconfigTarget extends RealClusterTarget {

  private KubeconfigTarget(Supplier<Config> configs, Optional<TektonRelease> tekton) {
    super(configs, tekton);
  }

  public static KubeconfigTarget connect(Optional<String> kubeconfigFile, Optional<TektonRelease> tekton) {
    return new KubeconfigTarget(configs(kubeconfigFile), tekton);
  }

  /** Fails at once, before any connection, when the named file is not there. */
  static Supplier<Config> configs(Optional<String> kubeconfigFile) {
    if (kubeconfigFile.isEmpty()) {
      return () -> Config.autoConfigure(null);
    }
    File file = new File(kubeconfigFile.get());
    if (!file.isFile()) {
      throw new IllegalArgumentException(ClusterTargets.KUBECONFIG_PROPERTY + "=" + kubeconfigFile.get()
          + " is not a readable file");
    }
    return () -> Config.fromKubeconfig(file);
  }

  @Override
  public String name() {
    return TargetChoice.KUBECONFIG.propertyValue();
  }
}
