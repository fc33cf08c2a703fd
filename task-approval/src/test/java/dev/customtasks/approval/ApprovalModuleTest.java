package dev.customtasks.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.controller.CustomTaskModule;
import org.junit.jupiter.api.Test;

class ApprovalModuleTest {

  @Test
  void theApprovalModuleDeclaresItselfWithItsCrds() {
    CustomTaskModule approval = CustomTaskModule.discover().stream().filter(m -> m.name().equals("approval"))
        .findFirst().orElseThrow();
    assertThat(approval.task()).isInstanceOf(ApprovalTask.class);
    assertThat(approval.crds()).hasSize(3).allSatisfy(crd ->
        assertThat(ApprovalModuleTest.class.getClassLoader().getResource(crd)).as("CRD %s on the class path", crd)
            .isNotNull());
  }
}
