package dev.customtasks.crds.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import dev.customtasks.crds.api.customrun.CustomRun;
import dev.customtasks.crds.api.pipeline.Pipeline;
import dev.customtasks.crds.api.pipeline.PipelineRun;
import dev.customtasks.crds.api.pipeline.Task;
import dev.customtasks.crds.api.pipeline.TaskRun;
import dev.customtasks.crds.conversion.TektonConversion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TektonCrdsTest {

  static Stream<Arguments> manifests() {
    return Stream.of(
        Arguments.of("crds/tekton.dev_customruns.yaml", CustomRun.class, List.of(), true),
        Arguments.of("crds/tekton.dev_pipelines.yaml", Pipeline.class, List.of(), false),
        Arguments.of("crds/tekton.dev_pipelineruns.yaml", PipelineRun.class, List.of("pr", "prs"), true),
        Arguments.of("crds/tekton.dev_tasks.yaml", Task.class, List.of(), false),
        Arguments.of("crds/tekton.dev_taskruns.yaml", TaskRun.class, List.of("tr", "trs"), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void matchesTheJavaModel(String path, Class<? extends HasMetadata> type, List<String> shortNames,
      boolean printerColumns) {
    CustomResourceDefinition crd = TektonCrds.load(path);
    String plural = HasMetadata.getPlural(type);

    assertThat(crd.getMetadata().getName()).isEqualTo(plural + "." + HasMetadata.getGroup(type));
    assertThat(crd.getSpec().getGroup()).isEqualTo(HasMetadata.getGroup(type)).isEqualTo("tekton.dev");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getPlural()).isEqualTo(plural);
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo(HasMetadata.getKind(type));
    assertThat(crd.getSpec().getNames().getSingular()).isEqualTo(HasMetadata.getSingular(type));
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactlyElementsOf(shortNames);
    assertThat(crd.getSpec().getNames().getCategories()).containsExactly("tekton", "tekton-pipelines");

    CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
    assertThat(version.getName()).isEqualTo(HasMetadata.getVersion(type));
    assertThat(version.getServed()).isTrue();
    assertThat(version.getStorage()).isTrue();
    if (TektonConversion.converts(HasMetadata.getKind(type))) {
      // Served in v1beta1 too, as Tekton serves it, converted by the PipelineRun controller's webhook.
      assertThat(crd.getSpec().getVersions()).extracting(v -> v.getName(), v -> v.getServed(), v -> v.getStorage())
          .containsExactly(tuple("v1", true, true), tuple("v1beta1", true, false));
      assertThat(crd.getSpec().getVersions().get(1)).usingRecursiveComparison().ignoringFields("name", "storage")
          .isEqualTo(version);
      assertThat(crd.getSpec().getConversion().getStrategy()).isEqualTo("Webhook");
      assertThat(crd.getSpec().getConversion().getWebhook().getConversionReviewVersions()).containsExactly("v1");
      var service = crd.getSpec().getConversion().getWebhook().getClientConfig().getService();
      assertThat(List.of(service.getNamespace(), service.getName(), service.getPath()))
          .containsExactly("customtasks", "pipelinerun-webhook", "/convert");
    } else {
      assertThat(crd.getSpec().getVersions()).hasSize(1);
      assertThat(crd.getSpec().getConversion()).isNull();
    }
    assertThat(version.getSubresources().getStatus()).isNotNull();
    assertThat(version.getSchema().getOpenAPIV3Schema().getType()).isEqualTo("object");
    for (String part : List.of("spec", "status")) {
      var schema = version.getSchema().getOpenAPIV3Schema().getProperties().get(part);
      assertThat(schema.getType()).isEqualTo("object");
      assertThat(schema.getXKubernetesPreserveUnknownFields()).isTrue();
    }
    if (printerColumns) {
      assertThat(version.getAdditionalPrinterColumns()).extracting(c -> c.getName())
          .containsExactly("Succeeded", "Reason", "StartTime", "CompletionTime");
    } else {
      assertThat(version.getAdditionalPrinterColumns()).isNullOrEmpty();
    }
  }

  @Test
  void listsEveryManifestOnce() {
    assertThat(TektonCrds.resourcePaths()).containsExactly(
        "crds/tekton.dev_customruns.yaml", "crds/tekton.dev_pipelines.yaml",
        "crds/tekton.dev_pipelineruns.yaml", "crds/tekton.dev_tasks.yaml", "crds/tekton.dev_taskruns.yaml");
    assertThat(TektonCrds.load()).extracting(crd -> crd.getSpec().getNames().getKind())
        .containsExactly("CustomRun", "Pipeline", "PipelineRun", "Task", "TaskRun");
  }

  @Test
  void namesAMissingManifest() {
    assertThatIllegalArgumentException().isThrownBy(() -> TektonCrds.load("crds/nope.yaml"))
        .withMessage("no CRD manifest on the class path at crds/nope.yaml");
  }
}
