package dev.customtasks.wait;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.controller.CustomTaskModule;
import org.junit.jupiter.api.Test;

class WaitModuleTest {

  @Test
  void theWaitModuleDeclaresItselfWithItsCrd() {
    CustomTaskModule wait = CustomTaskModule.discover().stream().filter(m -> m.name().equals("wait")).findFirst()
        .orElseThrow();
    assertThat(wait.task()).isInstanceOf(WaitTask.class);
    assertThat(wait.crds()).singleElement().satisfies(crd ->
        assertThat(WaitModuleTest.class.getClassLoader().getResource(crd)).as("CRD %s on the class path", crd)
            .isNotNull());
  }
}
