package dev.customtasks.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl's order, then the embedded server's kubeconfig, then a message that says what to do. */
class ClusterLocatorTest {

  @TempDir
  Path home;

  @Test
  void theKubeconfigOptionComesFirst() throws IOException {
    Path given = file(home.resolve("given"));
    file(home.resolve(".kube/config"));

    ClusterSource source = locator(Map.of("KUBECONFIG", file(home.resolve("env")).toString()))
        .configuredOrEmbedded(Optional.of(given));

    assertThat(source.file()).contains(given);
    assertThat(source.description()).isEqualTo("--kubeconfig " + given);
    assertThat(source.embedded()).isFalse();
  }

  @Test
  void aMissingKubeconfigOptionIsAnError() {
    assertThatThrownBy(() -> locator(Map.of()).configured(Optional.of(home.resolve("nope"))))
        .isInstanceOf(CliException.class).hasMessage("the kubeconfig " + home.resolve("nope")
            + " given by --kubeconfig does not exist");
  }

  @Test
  void kubeconfigVariableComesBeforeTheHomeConfig() throws IOException {
    Path env = file(home.resolve("env"));
    file(home.resolve(".kube/config"));

    ClusterSource source = locator(Map.of("KUBECONFIG", "/no/such/file:" + env)).configured(Optional.empty())
        .orElseThrow();

    assertThat(source.description()).isEqualTo("KUBECONFIG=/no/such/file:" + env);
    assertThat(source.file()).as("fabric8 merges the files as kubectl does").isEmpty();
  }

  @Test
  void theHomeConfigIsUsedWithoutTheVariable() throws IOException {
    file(home.resolve(".kube/config"));

    assertThat(locator(Map.of()).configured(Optional.empty()).orElseThrow().description())
        .isEqualTo(home.resolve(".kube/config").toString());
  }

  @Test
  void theEmbeddedServersKubeconfigIsTheLastResortOfCommandsThatReadRuns() throws IOException {
    Path embedded = file(home.resolve(".ctk/embedded-kubeconfig"));

    assertThat(locator(Map.of()).configured(Optional.empty())).as("serve does not count it").isEmpty();
    ClusterSource source = locator(Map.of()).configuredOrEmbedded(Optional.empty());
    assertThat(source.embedded()).isTrue();
    assertThat(source.file()).contains(embedded);
  }

  @Test
  void withNothingConfiguredTheMessageSaysWhatToDo() {
    assertThatThrownBy(() -> locator(Map.of()).configuredOrEmbedded(Optional.empty()))
        .isInstanceOf(CliException.class).hasMessageStartingWith("no cluster configured")
        .hasMessageContaining("start one with 'ctk serve --embedded' or pass --kubeconfig");
  }

  private ClusterLocator locator(Map<String, String> variables) {
    return new ClusterLocator(new Environment(variables, home));
  }

  private static Path file(Path path) throws IOException {
    Files.createDirectories(path.getParent());
    return Files.writeString(path, "apiVersion: v1\nkind: Config\n");
  }
}
