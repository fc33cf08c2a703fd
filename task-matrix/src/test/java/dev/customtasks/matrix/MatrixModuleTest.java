package dev.customtasks.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.controller.CustomTaskModule;
import org.junit.jupiter.api.Test;

class MatrixModuleTest {

  @Test
  void theMatrixModuleDeclaresItselfWithItsCrd() {
    CustomTaskModule matrix = CustomTaskModule.discover().stream().filter(m -> m.name().equals("matrix")).findFirst()
        .orElseThrow();
    assertThat(matrix.task()).isInstanceOf(MatrixTask.class);
    assertThat(matrix.crds()).singleElement().satisfies(crd ->
        assertThat(MatrixModuleTest.class.getClassLoader().getResource(crd)).as("CRD %s on the class path", crd)
            .isNotNull());
  }
}
