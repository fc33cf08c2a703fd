package dev.customtasks.e2e.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * The Kubernetes API an e2e test runs against: the embedded API server, a kind cluster or the
 * cluster in a kubeconfig. Tests see only this interface, so one test class runs on all three.
 */
public interface ClusterTarget extends AutoCloseable {

  /** {@code embedded}, {@code kind} or {@code kubeconfig}: the value of {@code -De2e.cluster}. */
  String name();

  /** A fresh client with its own connections, as a separate controller process would have. */
  KubernetesClient newClient();

  /** The client the test itself reads and writes with; closed with the target. */
  KubernetesClient client();

  /**
   * Installs CRDs from classpath resources, e.g. a task's
   * {@code META-INF/fabric8/waits.customtasks.dev-v1.yml}; returns once they can be used.
   */
  void installCrds(List<String> classpathResources);

  /**
   * Whether Tekton Pipelines itself runs there, so that its PipelineRun controller, not ours,
   * creates the CustomRuns.
   */
  boolean hasRealTekton();

  /** Where the test creates its objects: {@code test} on the embedded server, a fresh one elsewhere. */
  String namespace();

  /**
   * CPU time the API server's own process has used so far, when it runs in a process this JVM
   * started ({@code serve}); empty where it shares this JVM or runs elsewhere.
   */
  default java.util.Optional<java.time.Duration> serverProcessCpu() {
    return java.util.Optional.empty();
  }

  @Override
  void close();
}
