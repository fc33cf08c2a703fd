package dev.customtasks.pipelinerun.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixNamesTest {

  @Test
  void oneChildIsNamedAfterItsTaskAndSeveralGetTheirIndex() {
    assertThat(MatrixNames.childNames("pr", "build", 1)).containsExactly("pr-build");
    assertThat(MatrixNames.childNames("pr", "build", 3)).containsExactly("pr-build-0", "pr-build-1", "pr-build-2");
  }

  @Test
  void aLongNameKeepsItsIndexAndStaysDistinct() {
    String run = "a-pipelinerun-with-a-rather-long-name";
    String task = "and-a-task-with-a-long-name-too";
    List<String> names = MatrixNames.childNames(run, task, 12);

    assertThat(names).allSatisfy(n -> assertThat(n.length()).isLessThanOrEqualTo(63));
    assertThat(names).doesNotHaveDuplicates();
    assertThat(names.get(11)).endsWith("-11");
    assertThat(names.get(0)).endsWith("-0");
    assertThat(names.get(0).substring(0, names.get(0).length() - 2))
        .isEqualTo(names.get(11).substring(0, names.get(11).length() - 3));
  }
}
