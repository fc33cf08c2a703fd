package dev.customtasks.subpipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.testkit.DeployManifests;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@code kubectl apply -f task-subpipeline/deploy/} would apply, checked. */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("deploy");

  @Test
  void everyManifestParses() {
    assertThat(DeployManifests.load(DEPLOY)).extracting(o -> o.getKind())
        .contains("Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
            "Deployment", "SubPipeline", "Pipeline", "PipelineRun", "CustomRun");
  }

  @Test
  void shippedSubPipelineCrdIsTheGeneratedOne() throws Exception {
    DeployManifests.assertSameCrd(DEPLOY.resolve("100-crd-subpipeline.yaml"), SubPipelineModule.CRD);
  }

  @Test
  void theModuleDeclaresItsTaskAndCrd() {
    var modules = dev.customtasks.crds.controller.CustomTaskModule.discover();
    assertThat(modules).extracting(m -> m.name()).contains("subpipeline");
    SubPipelineModule module = new SubPipelineModule();
    assertThat(module.task().kinds()).containsExactly(SubPipelineTask.KIND, SubPipelineTask.PIPELINE_V1,
        SubPipelineTask.PIPELINE_V1BETA1);
    assertThat(getClass().getClassLoader().getResource(module.crds().get(0))).isNotNull();
  }

  @Test
  void theDeploymentProbesTheControllersHealth() {
    DeployManifests.assertProbed(DEPLOY);
  }

  @Test
  void theShippedKindsDecodeStraightIntoTheirClasses() {
    DeployManifests.assertKindsRegistered(DEPLOY);
  }
}
