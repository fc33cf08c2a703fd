package dev.customtasks.crds.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The CRD manifests for the Tekton kinds this project reads and writes (CustomRun, Pipeline,
 * PipelineRun, Task, TaskRun), shipped as class path resources under {@code crds/}, for an embedded API
 * server or a cluster without Tekton Pipelines.
 */
public final class TektonCrds {

  private static final List<String> RESOURCES = List.of(
      "crds/tekton.dev_customruns.yaml",
      "crds/tekton.dev_pipelines.yaml",
      "crds/tekton.dev_pipelineruns.yaml",
      "crds/tekton.dev_tasks.yaml",
      "crds/tekton.dev_taskruns.yaml");

  private TektonCrds() {
  }

  /** Class path resource names of the manifests, e.g. {@code crds/tekton.dev_customruns.yaml}. */
  public static List<String> resourcePaths() {
    return RESOURCES;
  }

  /** All the manifests, parsed. */
  public static List<CustomResourceDefinition> load() {
    return RESOURCES.stream().map(TektonCrds::load).toList();
  }

  /** One manifest by its resource name. */
  public static CustomResourceDefinition load(String resourcePath) {
    try (InputStream in = TektonCrds.class.getClassLoader().getResourceAsStream(resourcePath)) {
      if (in == null) {
        throw new IllegalArgumentException("no CRD manifest on the class path at " + resourcePath);
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRD manifest " + resourcePath, e);
    }
  }
}
