package dev.customtasks.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Choosing a target from the {@code e2e.*} properties, without starting one. */
class ClusterTargetsTest {

  @Test
  void embeddedIsTheDefault() {
    assertThat(ClusterTargets.selected(new Properties())).isEqualTo(TargetChoice.EMBEDDED);
    assertThat(ClusterTargets.selected(properties(ClusterTargets.CLUSTER_PROPERTY, "  "))).isEqualTo(TargetChoice.EMBEDDED);
  }

  @Test
  void valuesAreReadWhateverTheirCaseAndSpacing() {
    assertThat(ClusterTargets.selected(properties(ClusterTargets.CLUSTER_PROPERTY, "kind"))).isEqualTo(TargetChoice.KIND);
    assertThat(ClusterTargets.selected(properties(ClusterTargets.CLUSTER_PROPERTY, " KubeConfig ")))
        .isEqualTo(TargetChoice.KUBECONFIG);
    assertThat(ClusterTargets.selected(properties(ClusterTargets.CLUSTER_PROPERTY, "embedded")))
        .isEqualTo(TargetChoice.EMBEDDED);
  }

  @Test
  void unknownValueIsAnErrorNamingTheAllowedValues() {
    assertThatThrownBy(() -> ClusterTargets.from(properties(ClusterTargets.CLUSTER_PROPERTY, "minikube")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("e2e.cluster=\"minikube\"")
        .hasMessageContaining("embedded, kind, kubeconfig");
  }

  @Test
  void missingKubeconfigFileIsAnErrorBeforeAnyConnection() {
    assertThatThrownBy(() -> KubeconfigTarget.configs(Optional.of("/no/such/kubeconfig")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("e2e.kubeconfig=/no/such/kubeconfig");
  }

  @Test
  void tektonReleaseIsOptional() {
    assertThat(ClusterTargets.tektonRelease(new Properties())).isEmpty();
    assertThat(ClusterTargets.tektonRelease(properties(ClusterTargets.TEKTON_PROPERTY, "https://example.org/release.yaml")))
        .map(TektonRelease::location).contains("https://example.org/release.yaml");
  }

  @Test
  void tektonOnTheEmbeddedServerIsAnErrorSayingWhatToAdd() {
    assertThatThrownBy(() -> ClusterTargets.from(properties(ClusterTargets.TEKTON_PROPERTY, "release.yaml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("e2e.tekton needs a real cluster")
        .hasMessageContaining("-De2e.cluster=kind or kubeconfig");
  }

  private static Properties properties(String key, String value) {
    Properties properties = new Properties();
    properties.setProperty(key, value);
    return properties;
  }
}
