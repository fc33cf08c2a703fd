package dev.customtasks.cli.describe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.cli.CtkRun.Result;
import dev.customtasks.cli.CtkRun;
import dev.customtasks.cli.cluster.Environment;
import dev.customtasks.embedded.EmbeddedApiServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no cluster configured, list and describe use a local embedded server's kubeconfig, and say so. */
class EmbeddedFallbackIT {

  @TempDir
  Path home;

  @Test
  void listFindsTheEmbeddedServerAndSaysSoOnStderr() {
    Environment environment = new Environment(Map.of(), home);
    try (EmbeddedApiServer server = EmbeddedApiServer.start()) {
      server.writeKubeconfig(environment.embeddedKubeconfig());
      CtkRun run = new CtkRun();
      run.<ListCommand>command("list").environment = environment;

      Result list = run.execute("list");

      assertThat(list.exitCode()).as(list.toString()).isZero();
      assertThat(list.err()).startsWith("No cluster configured: using the embedded server's kubeconfig "
          + environment.embeddedKubeconfig() + ".\n").contains("No runs found in namespace default.");
    }
  }

  @Test
  void withNothingAtAllTheErrorSaysHowToStartAServer() {
    CtkRun run = new CtkRun();
    run.<ListCommand>command("list").environment = new Environment(Map.of(), home);

    Result list = run.execute("list");

    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.err()).startsWith("error: no cluster configured").contains("ctk serve --embedded")
        .hasLineCount(1);
  }
}
