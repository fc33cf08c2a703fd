package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why a kubeconfig could not be written, named rather than a bare path. */
class EmbeddedKubeconfigTest {

  @Test
  void permissionDeniedSaysSo() {
    // What a user without write permission gets (the tests may run as root, who gets none).
    assertThat(EmbeddedKubeconfig.cause(new AccessDeniedException("/etc/kubeconfig")))
        .isEqualTo("permission denied (/etc/kubeconfig)");
  }

  @Test
  void aReadOnlyFileSystemSaysSo() {
    assertThat(EmbeddedKubeconfig.cause(new FileSystemException("/mnt/ro/kubeconfig", null, "Read-only file system")))
        .isEqualTo("read-only file system (/mnt/ro/kubeconfig)");
  }

  @Test
  void aParentThatIsAFileIsNamed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    try (EmbeddedApiServer server = EmbeddedApiServer.start()) {
      assertThatThrownBy(() -> server.writeKubeconfig(file.resolve("kubeconfig")))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage("cannot write the kubeconfig to " + file.resolve("kubeconfig") + ": " + file
              + " exists and is not a folder");
    }
  }
}
