package dev.customtasks.e2e.bench;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.e2e.cluster.ClusterTarget;
import dev.customtasks.e2e.cluster.EmbeddedTarget;
import dev.customtasks.e2e.cluster.TargetChoice;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Keeps scenarios apart. On the embedded target every scenario gets a fresh embedded API server,
 * so that no scenario pays for the objects (and the store scans) of the one before. Elsewhere the
 * scenario shares the target's namespace, and every object labelled {@link BenchObjects#LABEL} is
 * deleted when the scenario closes its target.
 */
public final class ScenarioTargets {

  private ScenarioTargets() {
  }

  /** The target one scenario runs on; close it when the scenario ends. */
  public static ClusterTarget forScenario(ClusterTarget shared) {
    return isEmbedded(shared) ? EmbeddedTarget.start() : new CleanedAfterUse(shared);
  }

  /** How {@link #forScenario} isolates, for the report. */
  public static String isolation(ClusterTarget shared) {
    return isEmbedded(shared)
        ? "a fresh embedded API server (fabric8 mock, CRUD mode) per scenario, in the benchmark's JVM"
        : "the " + shared.name() + " target's namespace, bench objects deleted after each scenario;"
            + " the API server runs outside the benchmark's JVM";
  }

  public static boolean isEmbedded(ClusterTarget target) {
    return TargetChoice.EMBEDDED.propertyValue().equals(target.name());
  }

  /** The shared target, whose close() deletes the scenario's objects instead of the target. */
  private record CleanedAfterUse(ClusterTarget shared) implements ClusterTarget {

    @Override
    public String name() {
      return shared.name();
    }

    @Override
    public KubernetesClient newClient() {
      return shared.newClient();
    }

    @Override
    public KubernetesClient client() {
      return shared.client();
    }

    @Override
    public void installCrds(List<String> classpathResources) {
      shared.installCrds(classpathResources);
    }

    @Override
    public boolean hasRealTekton() {
      return shared.hasRealTekton();
    }

    @Override
    public String namespace() {
      return shared.namespace();
    }

    @Override
    public java.util.Optional<java.time.Duration> serverProcessCpu() {
      return shared.serverProcessCpu();
    }

    @Override
    public void close() {
      for (var type : List.of(PipelineRun.class, CustomRun.class, ConfigMap.class)) {
        shared.client().resources(type).inNamespace(namespace()).withLabel(BenchObjects.LABEL).delete();
      }
    }
  }
}
