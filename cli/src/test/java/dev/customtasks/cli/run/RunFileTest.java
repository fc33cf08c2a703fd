package dev.customtasks.cli.run;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customtasks.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file ctk run cannot parse is named with the line and column where the parser stopped, in the whole file. */
class RunFileTest {

  @TempDir
  Path dir;

  @Test
  void aSyntaxErrorNamesItsLineAndColumnInTheFile() throws Exception {
    Path file = Files.writeString(dir.resolve("broken.yaml"), """
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: p}
        ---
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: r
        spec: {pipelineRef: {name: p}}
        """);

    assertThatThrownBy(() -> RunFile.read(file)).isInstanceOf(CliException.class)
        .hasMessageStartingWith(file + ":8:")
        .hasMessageContaining("document 2 is not YAML")
        .hasMessageNotContaining("\\n");
  }

  @Test
  void aFileWithoutAPipelineRunSaysWhatItHolds() throws Exception {
    Path file = Files.writeString(dir.resolve("typo.yaml"), """
        apiVersion: tekton.dev/v1
        kind: PipelneRun
        metadata: {name: r}
        """);

    assertThatThrownBy(() -> RunFile.read(file)).isInstanceOf(CliException.class)
        .hasMessageContaining("no PipelineRun in the file (it holds tekton.dev/v1 PipelneRun)");
  }
}
