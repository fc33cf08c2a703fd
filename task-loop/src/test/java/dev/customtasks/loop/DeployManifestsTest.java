package dev.customtasks.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.testkit.DeployManifests;
import dev.customtasks.crds.testkit.TaskTester;
import dev.customtasks.loop.plan.OnFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code kubectl apply -f task-loop/deploy/} would apply, checked. */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("deploy");

  @Test
  void everyManifestParses() {
    assertThat(DeployManifests.load(DEPLOY)).extracting(o -> o.getKind())
        .contains("Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
            "Deployment", "Loop", "TaskLoop", "PipelineLoop", "Pipeline", "CustomRun");
  }

  @Test
  void shippedCrdsAreTheGeneratedOnes() throws Exception {
    DeployManifests.assertSameCrd(DEPLOY.resolve("100-crd-loop.yaml"), LoopModule.CRD);
    DeployManifests.assertSameCrd(DEPLOY.resolve("101-crd-taskloop.yaml"), LoopModule.TASK_LOOP_CRD);
    DeployManifests.assertSameCrd(DEPLOY.resolve("102-crd-pipelineloop.yaml"), LoopModule.PIPELINE_LOOP_CRD);
  }

  /**
   * The CRDs' enums are the words the controller reads, so that an API server refuses at create
   * what the controller would refuse later, and nothing it would accept.
   */
  @Test
  void theCrdsEnumsAreTheWordsTheControllerReads() throws Exception {
    List<String> onFailure = Arrays.stream(OnFailure.values()).map(OnFailure::word).sorted().toList();

    for (String file : List.of("100-crd-loop.yaml", "101-crd-taskloop.yaml", "102-crd-pipelineloop.yaml")) {
      assertThat(DeployManifests.schemaEnums(DEPLOY.resolve(file))).as(file)
          .isEqualTo(Map.of("spec.onFailure", onFailure));
    }
    assertThat(onFailure).allSatisfy(word -> assertThat(OnFailure.parse(word).word()).isEqualTo(word));
  }

  @Test
  void everyExampleRunDecodesAndStartsItsFirstIterations() {
    List<GenericKubernetesResource> all = DeployManifests.load(DEPLOY.resolve("examples"));
    List<GenericKubernetesResource> runs = all.stream().filter(o -> o.getKind().equals("CustomRun")).toList();
    assertThat(runs).hasSize(3);
    for (GenericKubernetesResource generic : runs) {
      TaskTester<LoopDefinition, LoopState> tester = new TaskTester<>(new LoopTask());
      all.stream().filter(o -> o.getKind().endsWith("Loop")).forEach(o -> tester.withNamedObject(o.getMetadata().getName(),
          Serialization.jsonMapper().convertValue(o.getAdditionalProperties().get("spec"), Map.class)));
      CustomRun run = tester.started(Serialization.jsonMapper().convertValue(generic, CustomRun.class),
          Instant.parse("2026-06-01T10:00:00Z"));
      tester.tick(run, Instant.parse("2026-06-01T10:00:00Z"));
      assertThat(run.getStatus().isDone()).as(generic.getMetadata().getName()).isFalse();
      assertThat(tester.children().all()).as(generic.getMetadata().getName()).isNotEmpty();
    }
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
