package dev.customtasks.e2e.cluster;

import com.dajudge.kindcontainer.KindContainer;
import io.fabric8.kubernetes.client.Config;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kind cluster in a container (Testcontainers + kindcontainer), with the controllers running
 * in the test JVM against it, so no image has to be built. Needs a Docker engine.
 */
public final class KindTarget extends RealClusterTarget {

  private static final Logger LOG = LoggerFactory.getLogger(KindTarget.class);

  private final KindContainer<?> cluster;

  private KindTarget(KindContainer<?> cluster, String kubeconfig, Optional<TektonRelease> tekton) {
    super(() -> Config.fromKubeconfig(kubeconfig), tekton);
    this.cluster = cluster;
  }

  /** Starts a cluster of kindcontainer's newest Kubernetes version; installs Tekton into it if given. */
  public static KindTarget start(Optional<TektonRelease> tekton) {
    KindContainer<?> cluster = new KindContainer<>();
    LOG.info("Starting a kind cluster (this pulls the node image the first time)");
    cluster.start();
    try {
      return new KindTarget(cluster, cluster.getKubeconfig(), tekton);
    } catch (RuntimeException e) {
      cluster.stop();
      throw e;
    }
  }

  @Override
  public String name() {
    return TargetChoice.KIND.propertyValue();
  }

  @Override
  public void close() {
    try {
      super.close();
    } finally {
      cluster.stop();
    }
  }
}
