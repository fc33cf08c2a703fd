package dev.customtasks.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kubeconfig that cannot be read is one line naming the file, the line and the problem. */
class ClusterSourceTest {

  @TempDir
  Path dir;

  @Test
  void malformedYamlNamesTheFileLineAndProblem() throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("config"), "apiVersion: v1\nclusters:\n- name: a\n  server: [x\n");

    assertThatThrownBy(() -> new ClusterSource("--kubeconfig " + kubeconfig, Optional.of(kubeconfig), false).load())
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("the kubeconfig " + kubeconfig + ":5:1 is not YAML: ")
        .satisfies(e -> assertThat(e.getMessage()).hasLineCount(1));
  }

  @Test
  void aBinaryFileIsNotUtf8Yaml() throws Exception {
    Path kubeconfig = Files.write(dir.resolve("config"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});

    assertThatThrownBy(() -> new ClusterSource("--kubeconfig " + kubeconfig, Optional.of(kubeconfig), false).load())
        .isInstanceOf(CliException.class).hasMessage("the kubeconfig " + kubeconfig + " is not UTF-8 YAML (a binary "
            + "file?)");
  }

  @Test
  void yamlThatIsNoMappingIsNoKubeconfig() throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("config"), "- just\n- a list\n");

    assertThatThrownBy(() -> new ClusterSource("--kubeconfig " + kubeconfig, Optional.of(kubeconfig), false).load())
        .isInstanceOf(CliException.class).hasMessageContaining("is not a kubeconfig: a YAML mapping");
  }
}
