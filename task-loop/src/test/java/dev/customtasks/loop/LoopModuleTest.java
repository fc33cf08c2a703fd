package dev.customtasks.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.controller.CustomTaskModule;
import org.junit.jupiter.api.Test;

class LoopModuleTest {

  @Test
  void theLoopModuleDeclaresItselfWithItsCrds() {
    CustomTaskModule loop = CustomTaskModule.discover().stream().filter(m -> m.name().equals("loop")).findFirst()
        .orElseThrow();
    assertThat(loop.task()).isInstanceOf(LoopTask.class);
    assertThat(loop.crds()).hasSize(3).allSatisfy(crd ->
        assertThat(LoopModuleTest.class.getClassLoader().getResource(crd)).as("CRD %s on the class path", crd)
            .isNotNull());
  }
}
